/** The web shell in a real browser: sign-in, dashboard map, language toggle, phone layout, each account's landing screen. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/sim/accounts.ts';
import { browserSuite, openPage as openFreshPage, repoRoot, signIn as signInAs } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const USER = 'commander';
const PASSWORD = 'banyan-demo';
const TIMEOUT = 120_000;

// Where a role lands: its own work, never the command dashboard it cannot fill (a map spinner).
const LANDING: Record<string, string> = {
  commander: 'dashboard',
  'gulou-officer': 'dashboard',
  'taskforce-leader': 'zones',
  lab: 'testing',
  guard: 'guard',
  resident: 'pass',
  enterprise: 'liaison',
  appeals: 'appeals',
  auditor: 'audit',
  'exam-office': 'events',
  'postal-regulator': 'courier',
  // The bureau reads appeals too, which the navigation lists before industrial power.
  'industry-power': 'appeals',
};

describe('web shell', { timeout: 300_000 }, () => {
  // Every demo account signs in from this machine in a minute, more than the sign-in route's ten
  // per address: the server believes the loopback proxy, and each account comes from its own address.
  const suite = browserSuite({ env: { TRUST_PROXY: '127.0.0.1' } });

  /** A fresh signed-out page on the suite's server (see browser.ts). */
  const openPage = (t: TestContext, options: BrowserContextOptions = {}): Promise<Page | undefined> =>
    openFreshPage(t, suite.browser, suite.server, options);

  async function signIn(page: Page, password = PASSWORD): Promise<void> {
    await page.locator('input[name=username]').fill(USER);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
  }

  async function dashboardRendered(page: Page): Promise<void> {
    await page.locator('[data-testid^=district-map] canvas').first().waitFor({ state: 'visible' });
    await page.locator('[data-testid=district-table] tbody tr', { hasText: '鼓楼区' }).waitFor();
  }

  it('signs in, shows the district map and switches to English', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t);
    if (!page) return;
    await signIn(page);
    await dashboardRendered(page);
    const nav = page.locator('[data-testid=nav-dashboard] .nav-label');
    assert.equal((await nav.textContent())?.trim(), '指挥大屏');
    assert.equal(await page.locator('[data-testid=nav-persons]').count(), 1, 'commander has persons:read');
    assert.equal(await page.locator('[data-testid=nav-audit]').count(), 0, 'commander has no audit:read');
    // The day at a glance: one tile per module the commander reads, each a link to its screen.
    const tiles: Array<[string, string]> = [
      ['cases', '#/figures'],
      ['zones', '#/zones'],
      ['checks', '#/venues'],
      ['appeals', '#/appeals'],
    ];
    for (const [tile, target] of tiles)
      assert.equal(await page.locator(`[data-testid=today-${tile}]`).getAttribute('href'), target, tile);
    assert.match((await page.locator('[data-testid=today-zones]').textContent()) ?? '', /高风险区/);
    await page.screenshot({ path: join(screenshots, 'dashboard.png'), fullPage: true });

    await page.locator('[data-testid=lang-toggle]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=nav-dashboard] .nav-label')?.textContent?.trim() === 'Dashboard',
    );
    assert.equal(await page.evaluate(() => localStorage.getItem('banyan.lang')), 'en');
    assert.equal((await page.locator('[data-testid=nav-persons] .nav-label').textContent())?.trim(), 'People');
    await dashboardRendered(page);
    await page.screenshot({ path: join(screenshots, 'dashboard-en.png'), fullPage: true });
  });

  it('shows the API error message on a wrong password', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t);
    if (!page) return;
    await signIn(page, 'not-the-password');
    const error = page.locator('[data-testid=login-error]');
    await error.waitFor();
    const zh = (await error.textContent())?.trim() ?? '';
    assert.match(zh, /\p{Script=Han}/u, `expected a Chinese message, got ${JSON.stringify(zh)}`);
    await page.locator('[data-testid=lang-toggle]').click();
    await page.waitForFunction((before) => {
      const text = document.querySelector('[data-testid=login-error]')?.textContent?.trim();
      return text && text !== before;
    }, zh);
    assert.match((await error.textContent()) ?? '', /[A-Za-z]/);
    assert.equal(await page.locator('[data-testid=district-map]').count(), 0);
    await page.screenshot({ path: join(screenshots, 'login-error.png') });
  });

  it('fits a phone screen', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    if (!page) return;
    await signIn(page);
    await dashboardRendered(page);
    assert.equal(await page.locator('#main-nav').isVisible(), false, 'nav is collapsed into the menu');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(screenshots, 'dashboard-phone.png'), fullPage: true });
    await page.locator('.menu-button').click();
    await page.locator('[data-testid=nav-persons]').click();
    await page.locator('[data-testid=persons-table] tbody tr').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'persons-phone.png') });
  });

  it('lands every demo account on a screen of its own that loads', { timeout: 600_000 }, async (t) => {
    const page = await openPage(t);
    if (!page) return;
    for (const [i, { username }] of DEMO_ACCOUNTS.entries()) {
      await page.context().clearCookies();
      await page.setExtraHTTPHeaders({ 'x-forwarded-for': `10.20.${i}.1` });
      await page.goto(`${suite.server?.url}/`);
      await page.evaluate(() => {
        window.location.hash = '';
      });
      await signInAs(page, username);
      const landed = await page.locator('#main-nav [aria-current=page]').getAttribute('data-testid');
      if (LANDING[username]) assert.equal(landed, `nav-${LANDING[username]}`, username);
      assert.notEqual(landed, 'nav-divisions', `${username} lands on reference, not their work`);
      // Loaded: content, and no spinner for a second and a half on end (a chain of loads counts as loading).
      await page
        .waitForFunction(
          () => {
            const w = window as unknown as { calmSince?: number };
            const main = document.querySelector('#main');
            if (!main?.textContent?.trim() || main.querySelector('.status-loading')) {
              w.calmSince = undefined;
              return false;
            }
            w.calmSince ??= performance.now();
            return performance.now() - w.calmSince > 1500;
          },
          undefined,
          { polling: 200, timeout: 45_000 },
        )
        .catch(async (e: unknown) => {
          await page.screenshot({ path: join(screenshots, `landing-${username}.png`), fullPage: true });
          throw new Error(`${username} landed on ${landed}, still loading: ${e}`);
        });
      const errors = await page.locator('#main .status-error').allTextContents();
      assert.deepEqual(errors, [], `${username} landed on ${landed} with an error`);
      if (username === 'resident')
        await page.screenshot({ path: join(screenshots, 'landing-resident.png'), fullPage: true });
    }
  });
});
