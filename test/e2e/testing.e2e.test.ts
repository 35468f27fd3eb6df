/** Mass testing in a real browser, on the demo campaign FZ-2022-11-08 (Fuzhou, 8–11 Nov 2022). */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, goHash, openPage, paintedPixels, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;
const CAMPAIGN = 'FZ-2022-11-08';
const ROUND_2 = `#/testing?campaign=${CAMPAIGN}&round=2`;

describe('mass testing', { timeout: 600_000 }, () => {
  const suite = browserSuite();

  const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim();
  const card = (page: Page, id: string) =>
    page.locator(`[data-testid=testing-card-${id}] [data-testid=testing-card-value]`);
  const rows = (page: Page) => page.locator('[data-testid=coverage-row]');

  async function coverageShown(page: Page, level: string): Promise<void> {
    await page.locator(`[data-testid=coverage-table][data-level=${level}]`).waitFor();
    await rows(page).first().waitFor();
    // The table switches level before the new figures arrive: wait until they have.
    await page.locator('.testing-round[aria-busy=false]').waitFor();
  }

  /** Progress draws a chart, or says the server has none yet (the route may be missing). */
  async function progressShown(page: Page): Promise<'chart' | 'unavailable'> {
    const chart = page.locator('[data-testid=progress-chart] canvas').first();
    const none = page.locator('[data-testid=progress-unavailable]');
    await chart.or(none).first().waitFor({ state: 'visible' });
    return (await none.count()) > 0 ? 'unavailable' : 'chart';
  }

  it('shows round 2 of FZ-2022-11-08 with coverage by district, and drills into a district', {
    timeout: TIMEOUT,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'commander');
    assert.equal((await page.locator('[data-testid=nav-testing] .nav-label').textContent())?.trim(), '核酸检测');
    await page.locator('[data-testid=nav-testing]').click();
    await coverageShown(page, 'district');
    assert.equal(await page.locator('[data-testid=campaign-select]').inputValue(), CAMPAIGN, 'the newest campaign');

    await goHash(page, ROUND_2);
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('[data-testid=round-select]')?.value === '2',
    );
    await coverageShown(page, 'district');
    assert.match((await text(page, '[data-testid=round-title]')) ?? '', /第2轮 · 11月9日/);

    const sampled = Number(await card(page, 'sampled').getAttribute('data-value'));
    assert.ok(sampled > 0, `round 2 sampled ${sampled}`);
    const perDistrict = await rows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-sampled'))));
    assert.deepEqual(perDistrict.length, 4, 'the four urban districts of the campaign');
    assert.equal(
      perDistrict.reduce((s, n) => s + n, 0),
      sampled,
      'the headline is the sum of the districts',
    );
    assert.equal(
      Number((await card(page, 'sampled').textContent())?.replace(/\D/g, '')),
      sampled,
      'the headline shows the number',
    );
    assert.match((await card(page, 'coverage').textContent()) ?? '', /^\d{1,3}(\.\d)?%$/);
    assert.match(
      (await text(page, '[data-testid=coverage-row] [data-testid=coverage-pct]')) ?? '',
      /^\d{1,3}(\.\d)?%$/,
    );

    // The risk zones of the campaign's districts, over their recorded residents.
    await page.locator('[data-testid=zone-coverage-row]').first().waitFor();
    const zoneRows = await page.locator('[data-testid=zone-coverage-row]').count();
    assert.ok(zoneRows > 0, 'the demo seats residents in the zones of the campaign districts');

    const progress = await progressShown(page);
    if (progress === 'chart') {
      const painted = await paintedPixels(page, '[data-testid=progress-chart] canvas');
      assert.ok(painted > 500, `the progress chart drew ${painted} pixels`);
    }
    await page.screenshot({ path: join(screenshots, 'testing.png'), fullPage: true });

    // a district opens on its streets
    const district = rows(page).first();
    const code = (await district.getAttribute('data-code')) ?? '';
    const name = (await district.locator('[data-testid=drill-link]').textContent())?.trim() ?? '';
    await district.locator('[data-testid=drill-link]').click();
    await coverageShown(page, 'street');
    const streets = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code') ?? ''));
    assert.ok(streets.length > 1, `${name} has ${streets.length} streets`);
    assert.ok(
      streets.every((s) => s.length === 9 && s.startsWith(code)),
      'the streets lie in the district',
    );
    assert.match((await text(page, '[data-testid=area-path]')) ?? '', new RegExp(name));
    const districtSampled = Number(await card(page, 'sampled').getAttribute('data-value'));
    assert.equal(districtSampled, perDistrict[0], 'the headline follows the drill-down');

    // a street opens on its communities; a community lists who is not yet sampled (one with
    // somebody missing: a community everyone attended has no list to export)
    const withMissing = () => page.locator('[data-testid=coverage-row]:not([data-missing="0"])').first();
    await withMissing().locator('[data-testid=drill-link]').click();
    await coverageShown(page, 'community');
    await withMissing().locator('[data-testid=drill-link]').click();
    await page.locator('[data-testid=unsampled]').waitFor();
    await page.locator('[data-testid=unsampled-total]').waitFor();
    const masked = await page.locator('[data-testid=unsampled-table] td.mono').allTextContents();
    assert.ok(
      masked.every((s) => /\*/.test(s) || s === '—'),
      'the not-yet-sampled list is masked',
    );
    // the list downloads as a workbook from the server
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=unsampled-export]').click(),
    ]);
    assert.match(file.suggestedFilename(), /\.xlsx$/);
    const bytes = await readFile((await file.path()) as string);
    assert.equal(bytes.readUInt32LE(0), 0x04034b50, 'a zip (xlsx) file');
  });

  it('shows lab turnaround against the target, with the late lab in red, in zh-CN', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, `#/testing?campaign=${CAMPAIGN}&round=4`);
    await coverageShown(page, 'district');
    await page.locator('[data-testid=turnaround-labs]').waitFor();
    assert.match((await text(page, '[data-testid=turnaround-card] h2')) ?? '', /检测周转/);
    assert.equal(await page.locator('[data-testid=turnaround-target]').getAttribute('data-value'), '12');
    const p50 = Number(await page.locator('[data-testid=turnaround-taP50]').getAttribute('data-value'));
    assert.ok(p50 >= 4 && p50 <= 12, `median ${p50} h`);
    const waiting = Number(await page.locator('[data-testid=turnaround-taWaiting]').getAttribute('data-value'));
    assert.ok(waiting > 0, 'the late lab still owes results on the last day');
    const labs = await page
      .locator('[data-testid=turnaround-lab-row]')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-lab'), Number(tr.getAttribute('data-pct'))] as const),
      );
    const late = labs.find(([lab]) => lab === 'LAB-KM-03');
    const prompt = labs.find(([lab]) => lab === 'LAB-FZ-01');
    assert.ok(late && prompt, `labs ${JSON.stringify(labs)}`);
    assert.ok(late[1] < 80 && prompt[1] > 95, `late ${late[1]}%, prompt ${prompt[1]}%`);
    await progressShown(page);
    await page.screenshot({ path: join(screenshots, 'testing-turnaround.png'), fullPage: true });

    // the card and the alerts follow the language toggle
    await page.locator('[data-testid=lang-toggle]').click();
    await page.waitForFunction(() =>
      /Turnaround/.test(document.querySelector('[data-testid=turnaround-card] h2')?.textContent ?? ''),
    );
    assert.match((await text(page, '[data-testid=alerts-panel] h2')) ?? '', /Positive alerts/);
    assert.match((await text(page, '[data-testid=turnaround-labs] thead')) ?? '', /Lab.*Tubes.*Median/);
    await page.screenshot({ path: join(screenshots, 'testing-turnaround-en.png'), fullPage: true });
    await page.locator('[data-testid=lang-toggle]').click();
  });

  it('lists open positive alerts and acknowledges one', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'commander');
    await goHash(page, ROUND_2);
    await page.locator('[data-testid=alert-row]').first().waitFor();
    const before = Number(await page.locator('[data-testid=alerts-count]').getAttribute('data-value'));
    assert.ok(before > 0, 'the last day’s alerts are open in the demo');
    assert.match((await text(page, '[data-testid=alert-row]')) ?? '', /(混采|单管)阳性.*试管/);
    const id = await page.locator('[data-testid=alert-row]').first().getAttribute('data-id');
    await page.locator('[data-testid=alert-ack]').first().click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=alerts-count]')?.getAttribute('data-value')) === n - 1,
      before,
    );
    assert.equal(await page.locator(`[data-testid=alert-row][data-id="${id}"]`).count(), 0);
    const all = await page.request.get(`${suite.server.url}/api/v1/testing-alerts`);
    const acked = ((await all.json()) as { items: { id: number; acknowledgedBy: string | null }[] }).items.find(
      (a) => String(a.id) === id,
    );
    assert.match(acked?.acknowledgedBy ?? '', /commander/);
  });

  it('opens the retests tab, whose table renders even when empty', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, ROUND_2);
    await coverageShown(page, 'district');
    await page.locator('[data-testid=testing-tab-retests]').click();
    await page.locator('[data-testid=retests-table]').waitFor();
    await page.locator('[data-testid=retests-by-district]').waitFor();
    const query = new URL(page.url().replace('#/', '')).searchParams;
    assert.equal(query.get('round'), '2', 'the tab keeps the round');
    const n = await page.locator('[data-testid=retest-row]').count();
    const none = await page.locator('[data-testid=retests-none]').count();
    assert.ok(n > 0 || none === 1, 'rows, or a line saying there are none');
    assert.match((await text(page, '[data-testid=retests-total]')) ?? '', new RegExp(`共 ${n} 项`));
  });

  it('puts the sampling sites on the map and in a table', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/testing/sites');
    await page.locator('[data-testid=sites-table] tbody tr').first().waitFor();
    await page.locator('[data-testid=sites-map] canvas').first().waitFor({ state: 'visible' });
    assert.match((await text(page, '[data-testid=sites-total]')) ?? '', /共 86 个/);
    const painted = await paintedPixels(page, '[data-testid=sites-map] canvas');
    assert.ok(painted > 1000, `the site map drew ${painted} pixels`);
  });

  it('looks up a resident’s test status by ID', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'commander');
    // a resident of Gulou (in the campaign area), unmasked through the API the commander may use
    const list = await page.request.get(`${suite.server.url}/api/v1/persons?district=350102&pageSize=1`);
    const id = ((await list.json()) as { items: { id: number }[] }).items[0]?.id;
    assert.ok(id, 'the demo has residents in Gulou');
    const full = await page.request.get(`${suite.server.url}/api/v1/persons/${id}/unmasked`);
    const { person } = (await full.json()) as { person: { idNumber: string } };

    await goHash(page, '#/testing/lookup');
    await page.locator('[data-testid=lookup-form] input[name=idNumber]').fill(person.idNumber);
    await page.locator('[data-testid=lookup-submit]').click();
    await page.locator('[data-testid=lookup-result]').waitFor();
    assert.match((await text(page, '[data-testid=lookup-result] h2')) ?? '', /\*{8}/, 'the number is shown masked');
    assert.match((await text(page, '[data-testid=lookup-negative-24h]')) ?? '', /^[是否]$/);
    assert.notEqual(await text(page, '[data-testid=lookup-last-sampled]'), '', 'a last sampling time or none');

    // an unknown ID answers the server's message
    await page.locator('[data-testid=lookup-form] input[name=idNumber]').fill('11010519491231002X');
    await page.locator('[data-testid=lookup-submit]').click();
    await page.locator('.status-error').waitFor();
    assert.equal(await page.locator('[data-testid=lookup-result]').count(), 0);
  });

  it('keeps the dashboard up when the suite.server has no progress route', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await page.route('**/api/v1/campaigns/*/progress*', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Not found' } }),
      }),
    );
    await signIn(page, 'commander');
    await goHash(page, ROUND_2);
    await coverageShown(page, 'district');
    assert.equal(await progressShown(page), 'unavailable');
    assert.ok(Number(await card(page, 'sampled').getAttribute('data-value')) > 0);
  });

  it('fits the dashboard on a phone screen', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, ROUND_2);
    await coverageShown(page, 'district');
    await progressShown(page);
    assert.ok(Number(await card(page, 'sampled').getAttribute('data-value')) > 0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(screenshots, 'testing-phone.png'), fullPage: true });
  });
});
