/** 工业用电 in a real browser, on the demo city (Fuzhou, Nov 2022). */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, paintedPixels, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const DAY = '2022-11-06';

describe('industrial electricity screen', { timeout: 300_000 }, () => {
  const suite = browserSuite();

  it('shows the city against its baseline, the flagged districts and firms with a curve', {
    timeout: 120_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'industry-power');
    await page.locator('[data-testid=nav-economy]').click();
    assert.equal((await page.locator('[data-testid=nav-economy] .nav-label').textContent())?.trim(), '工业用电');
    await goHash(page, `#/economy?date=${DAY}`);
    await page.locator('[data-testid=economy-city-chart] canvas').first().waitFor({ state: 'visible' });
    await page.locator('[data-testid=economy-map] canvas').first().waitFor({ state: 'visible' });
    await page.locator('[data-testid=economy-account-chart] canvas').first().waitFor({ state: 'visible' });
    const headline = (await page.locator('[data-testid=economy-headline]').textContent()) ?? '';
    assert.match(headline, /全市日均工业用电量 7,3\d\d 万千瓦时，为基线的 99(\.\d)?%/);
    const flagged = page.locator('[data-testid=economy-districts] tr.flagged');
    assert.deepEqual((await flagged.allTextContents()).map((s) => s.slice(0, 3)).sort(), ['罗源县', '马尾区']);
    assert.equal(await page.locator('[data-testid=economy-flags] tbody tr').count(), 8);
    assert.ok((await paintedPixels(page, '[data-testid=economy-city-chart] canvas')) > 1000);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'economy.png'), fullPage: true });
    const x = await page.request.get(`${suite.server?.url}/api/v1/economy/power.xlsx?date=${DAY}`);
    assert.equal(x.status(), 200);
  });

  it('opens a flagged firm’s page from the flags and from the registry: its curve, flags, reports and appeals', {
    timeout: 120_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1366, height: 900 } });
    if (!page) return;
    await signIn(page, 'industry-power');
    await page.locator('[data-testid=nav-economy]').click();
    await goHash(page, `#/economy?date=${DAY}`);
    // A whitelisted firm: the flag opened its liaison task, and it files daily reports.
    const row = page.locator('[data-testid=economy-flags] tbody tr', { has: page.locator('.badge') }).first();
    const name = (await row.locator('[data-testid=economy-firm-link]').textContent())?.trim() ?? '';
    await row.locator('[data-testid=economy-firm-link]').click();
    const firm = page.locator('[data-testid=economy-firm]');
    await firm.waitFor({ state: 'visible' });
    assert.equal((await firm.locator('h1').textContent())?.includes(name), true);
    await page.locator('[data-testid=economy-firm-chart] canvas').first().waitFor({ state: 'visible' });
    assert.ok((await paintedPixels(page, '[data-testid=economy-firm-chart] canvas')) > 1000);
    const flags = page.locator('[data-testid=economy-firm-flags] tbody tr');
    assert.ok((await flags.count()) > 0);
    assert.match((await flags.first().locator('td').first().textContent()) ?? '', /11月6日|2022-11-06|11-06/);
    assert.match(
      (await page.locator('[data-testid=economy-firm-rule]').textContent()) ?? '',
      /account-below-share-days · .+ 连续\d+天低于基线的70%：当日 [\d,]+ 千瓦时，基线 [\d,]+ 千瓦时/,
    );
    assert.ok(
      (await page.locator('[data-testid=economy-firm-reports] [data-testid=report-table] tbody tr').count()) > 0,
    );
    await page.locator('[data-testid=economy-firm-appeals]').waitFor({ state: 'visible' });
    assert.ok((await page.locator('[data-testid=economy-firm-tasks] li').count()) > 0);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'economy-firm.png'), fullPage: true });
    const url = page.url();
    const code = decodeURIComponent(url.split('/economy/firms/')[1]?.split('?')[0] ?? '');
    // The same page from the enterprise registry.
    await goHash(page, '#/appeals/enterprises');
    await page.locator('[data-testid=enterprise-q]').fill(code);
    const entry = page.locator('[data-testid=enterprise-list] tbody tr', { hasText: code });
    await entry.waitFor({ state: 'visible' });
    await entry.locator('[data-testid=enterprise-power]').click();
    await firm.waitFor({ state: 'visible' });
    assert.equal((await firm.locator('h1').textContent())?.includes(name), true);
    await page.locator('[data-testid=economy-firm-chart] canvas').first().waitFor({ state: 'visible' });
  });
});
