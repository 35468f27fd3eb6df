/** Long tables page, ID numbers are whole, and filters pick names: venues, cases, zone coverage, tracing. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;
const DESKTOP = { viewport: { width: 1366, height: 900 } };

describe('tables on a desktop screen', { timeout: 500_000 }, () => {
  const suite = browserSuite({ scenarioClock: true });

  it('pages the venues 50 at a time instead of one 11,000-px list', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, DESKTOP);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/venues');
    const rows = page.locator('[data-testid=venue-row]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 50);
    const first = await rows.first().getAttribute('data-code');
    await page.locator('.venues-list .pager button').last().click();
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid=venue-row]')?.getAttribute('data-code') !== code,
      first,
    );
    assert.match((await page.locator('.venues-list .pager-info').textContent()) ?? '', /2/);
    assert.ok((await page.evaluate(() => document.documentElement.scrollHeight)) < 6000, 'a page, not the city');
    await page.screenshot({ path: join(screenshots, 'venues-paged.png') });
  });

  it('shows whole masked ID numbers in the case table, inside its box', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, DESKTOP);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/cases');
    const id = page.locator('[data-testid=case-id-number]').first();
    await id.waitFor();
    assert.match((await id.textContent()) ?? '', /^\d{6}\*{8}[\dX]{4}$/);
    const fit = await page
      .locator('[data-testid=cases-table]')
      .evaluate((el) => [el.scrollWidth, (el.parentElement as HTMLElement).clientWidth]);
    assert.ok((fit[0] ?? 0) <= (fit[1] ?? 0), `cases table ${fit[0]} px in a ${fit[1]} px box`);
    const box = await id.boundingBox();
    assert.ok(box && box.x + box.width <= 1366, 'the ID number is on screen');
    await page.screenshot({ path: join(screenshots, 'cases-ids.png') });
  });

  it('pages the zone coverage and picks the tracing district by name', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, DESKTOP);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/testing?campaign=FZ-2022-11-08&round=2');
    const zones = page.locator('[data-testid=zone-coverage-row]');
    await zones.first().waitFor();
    assert.ok((await zones.count()) <= 30, 'at most 30 zones a page');
    await goHash(page, '#/tracing');
    const district = page.locator('[data-testid=tracing-district]');
    await district.waitFor();
    const names = await district.locator('option').allTextContents();
    assert.ok(names.includes('鼓楼区') && names.includes('全部区县'), names.join(','));
    const asked = page.waitForResponse(
      (r) => r.url().includes('/api/v1/tracing/marks?') && r.url().includes('district=350102'),
    );
    await district.selectOption({ label: '鼓楼区' });
    assert.equal((await asked).status(), 200, 'the list asks for the picked district by its code');
    await page.locator('[data-testid=tracing-marks] tbody tr').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'tracing-district.png') });
  });
});
