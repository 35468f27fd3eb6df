/** The venue screen: list, poster preview, revocation, statistics chart; a venue operator sees their venue only. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, paintedPixels, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');

describe('venue screens', { timeout: 600_000 }, () => {
  const suite = browserSuite();

  it('shows a market’s poster, revokes its code, and charts the day’s scans', { timeout: 180_000 }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1366, height: 1000 } });
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/venues');
    await page.locator('[data-testid=venue-row]').first().waitFor();
    await page.locator('[data-testid=venues-search]').fill('农贸市场');
    // The server searches once the typing pauses: wait until it has sent back markets only.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=venue-row]')];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes('农贸市场'));
    });
    const row = page.locator('[data-testid=venue-row]').first();
    const code = await row.getAttribute('data-code');
    assert.ok(code, 'the demo has a farmers’ market');
    await row.click();
    const poster = page.locator('[data-testid=venue-poster]');
    await poster.waitFor();
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid=venue-poster]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
    );
    assert.match((await poster.getAttribute('src')) ?? '', /poster\.svg\?version=1$/);
    assert.match((await page.locator('[data-testid=venue-print]').getAttribute('href')) ?? '', /poster\.pdf/);
    await page.screenshot({ path: join(screenshots, 'venues-poster.png') });

    await page.locator('[data-testid=venue-revoke]').click();
    await page.locator('[data-testid=confirm]').click();
    await page.locator('[data-testid=venue-notice]').waitFor();
    await page.waitForFunction(() =>
      /version=2$/.test((document.querySelector('[data-testid=venue-poster]') as HTMLImageElement | null)?.src ?? ''),
    );
    const old = await page.evaluate(
      (c) => fetch(`/api/v1/venues/${c}/poster.pdf?version=1`).then((r) => r.status),
      code as string,
    );
    assert.equal(old, 410, 'the revoked version no longer prints');

    // The demo's markets were scanned on 11-09; the city exits' departures make 11-11 the latest day
    // with scans, on which only checkpoints count, so the market's day is asked for by its date.
    await goHash(page, '#/venues/stats?date=2022-11-09');
    await page.locator('[data-testid=stats-chart] canvas').waitFor();
    await page.waitForFunction(
      () => Number((document.querySelector('[data-testid=stats-scans]')?.textContent ?? '0').replace(/\D/g, '')) > 0,
    );
    assert.ok((await paintedPixels(page, '[data-testid=stats-chart] canvas')) > 1000, 'the hourly chart drew');
    assert.ok((await paintedPixels(page, '[data-testid=stats-reasons] canvas')) > 1000, 'the reasons chart drew');
    await page.screenshot({ path: join(screenshots, 'venues-stats.png'), fullPage: true });

    // One venue's statistics: the picker asks the server for the venues matching the search.
    const scansShown = async () =>
      Number(((await page.locator('[data-testid=stats-scans]').textContent()) ?? '0').replace(/\D/g, ''));
    const city = await scansShown();
    await page.locator('[data-testid=stats-venue-search]').fill('农贸市场');
    await page.waitForFunction(() => {
      const options = [...document.querySelectorAll('[data-testid=stats-venue] option')].slice(1);
      return options.length > 0 && options.every((o) => o.textContent?.includes('农贸市场'));
    });
    const market = await page.locator('[data-testid=stats-venue] option').nth(1).getAttribute('value');
    await page.locator('[data-testid=stats-venue]').selectOption(market as string);
    await page.waitForFunction((all) => {
      const n = Number((document.querySelector('[data-testid=stats-scans]')?.textContent ?? '0').replace(/\D/g, ''));
      return n > 0 && n < all;
    }, city);
    assert.ok((await scansShown()) < city, 'one market counts fewer scans than the city');
  });

  it('a venue operator sees only their market, with its paper registrations', { timeout: 120_000 }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'venue-operator');
    await goHash(page, '#/venues');
    await page.locator('[data-testid=venue-detail]').waitFor();
    assert.equal(await page.locator('[data-testid=venue-row]').count(), 1);
    assert.equal(await page.locator('[data-testid=venue-revoke]').count(), 0, 'operators print, they do not revoke');
    await page.locator('[data-testid=venue-scans] summary').click();
    assert.ok((await page.locator('[data-testid=venue-scans] tr[data-source=paper]').count()) > 0);
    const other = await page.evaluate(() =>
      fetch('/api/v1/venues/stats?date=2022-11-09&district=350103').then(async (r) => ({
        status: r.status,
        body: await r.json(),
      })),
    );
    assert.deepEqual(
      [other.status, other.body.error?.code],
      [403, 'OUT_OF_SCOPE_FILTER'],
      "another district is refused, not answered with the operator's own figures",
    );
    await page.screenshot({ path: join(screenshots, 'venues-operator.png'), fullPage: true });
  });
});
