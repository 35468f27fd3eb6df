/** The big screen's map shows the epidemic by layer, names every district, and opens on a district officer's own district. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserDatabases, browserSuite, goHash, openPage, paintedPixels, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;
const DESKTOP = { viewport: { width: 1366, height: 1000 } };

for (const database of browserDatabases()) {
  describe(`big-screen map (${database})`, { timeout: 400_000 }, () => {
    const suite = browserSuite({ scenarioClock: true, database });

    it('opens on cases and switches to zones, coverage and population', { timeout: TIMEOUT }, async (t) => {
      const page = await openPage(t, suite.browser, suite.server, DESKTOP);
      if (!page) return;
      await signIn(page, 'commander');
      await goHash(page, '#/dashboard');
      await page.locator('[data-testid=district-map-cases] canvas').waitFor();
      assert.equal(await page.locator('[data-testid=map-layer-cases]').getAttribute('aria-pressed'), 'true');
      // The cases layer is of the business day (the demo clock: 11 Nov), not of figures entered past it.
      assert.equal(await page.locator('[data-testid=map-note]').textContent(), '截至 2022-11-11');
      await page.waitForTimeout(500);
      assert.ok((await paintedPixels(page, '[data-testid=district-map-cases] canvas')) > 5000);
      await page.locator('.map-card').screenshot({ path: join(screenshots, `map-cases-${database}.png`) });
      for (const layer of ['zones', 'coverage', 'population']) {
        await page.locator(`[data-testid=map-layer-${layer}]`).click();
        await page.locator(`[data-testid=district-map-${layer}] canvas`).waitFor();
        await page.waitForTimeout(300);
        assert.ok((await paintedPixels(page, `[data-testid=district-map-${layer}] canvas`)) > 5000, layer);
      }
      await page.locator('[data-testid=map-layer-coverage]').click();
      await page.locator('[data-testid=district-map-coverage] canvas').waitFor();
      assert.match((await page.locator('[data-testid=map-note]').textContent()) ?? '', /第\d轮/);
      await page.locator('.map-card').screenshot({ path: join(screenshots, `map-coverage-${database}.png`) });
    });

    it("opens a district officer's map on their district", { timeout: TIMEOUT }, async (t) => {
      const page = await openPage(t, suite.browser, suite.server, DESKTOP);
      if (!page) return;
      await signIn(page, 'gulou-officer');
      await goHash(page, '#/dashboard');
      const map = page.locator('[data-testid=district-map-cases]');
      await map.locator('canvas').waitFor();
      assert.equal(await map.getAttribute('data-focus'), '350102');
      await page.waitForTimeout(500);
      // Zoomed in, 鼓楼 fills the map: most of the canvas is painted in its colour, not the city's backdrop.
      assert.ok((await paintedPixels(page, '[data-testid=district-map-cases] canvas')) > 50_000);
      await page.locator('.map-card').screenshot({ path: join(screenshots, `map-gulou-officer-${database}.png`) });
    });
  });
}
