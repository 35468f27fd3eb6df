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
});
