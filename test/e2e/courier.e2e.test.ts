/** The courier screen on the demo: the regulator's figures and tabs, the 24 h hold's refusal, an outlet manager's own outlet. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');

describe('courier sector', { timeout: 600_000 }, () => {
  const suite = browserSuite({ scenarioClock: true });

  it('shows the regulator the briefing’s figures, the worker check and the batches on hold', {
    timeout: 120_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'postal-regulator');
    await goHash(page, '#/courier');
    const kpis = page.locator('[data-testid=courier-kpis]');
    await kpis.waitFor();
    const text = (await kpis.textContent()) ?? '';
    assert.match(text, /正常营业网点2,337/);
    assert.match(text, /检查人次\d/);
    await page.locator('[data-testid=courier-outlets] tbody tr').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'courier.png'), fullPage: true });
    await goHash(page, '#/courier?tab=inspections&since=2022-10-24&to=2022-11-06');
    const tallies = page.locator('[data-testid=courier-tallies]');
    await tallies.waitFor();
    assert.match((await tallies.textContent()) ?? '', /检查人次 435.*检查网点 125.*现场整改 10.*约谈企业 4/);
    await goHash(page, '#/courier?tab=relief&to=2022-11-06');
    const relief = page.locator('[data-testid=courier-relief]');
    await relief.waitFor();
    assert.match((await relief.textContent()) ?? '', /车次 2,408.*人次 3,165.*吨 9,582/);
    await goHash(page, '#/courier?tab=batches');
    const held = page.locator('[data-testid=courier-batches] tbody tr', { hasText: '静置中' });
    await held.first().waitFor();
    await held.first().locator('button').click();
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /须满 24 小时/);
    await page.screenshot({ path: join(screenshots, 'courier-batches.png'), fullPage: true });
    await goHash(page, '#/courier?tab=check');
    await page.locator('[data-testid=courier-check]').waitFor();
    await page.screenshot({ path: join(screenshots, 'courier-check.png'), fullPage: true });
  });

  it('shows an outlet manager their own outlet and its workers, masked', { timeout: 120_000 }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'outlet-manager');
    await goHash(page, '#/courier');
    await page.locator('[data-testid=my-outlet]').waitFor();
    const rows = page.locator('[data-testid=my-workers] tbody tr');
    await rows.first().waitFor();
    const table = (await page.locator('[data-testid=my-workers]').textContent()) ?? '';
    assert.ok(!table.match(/\d{17}[\dX]/), 'IDs masked');
    const outlets = (await (await page.request.get(`${suite.server.url}/api/v1/courier/outlets`)).json()) as {
      items: unknown[];
    };
    assert.equal(outlets.items.length, 1);
    await page.screenshot({ path: join(screenshots, 'courier-outlet-manager.png'), fullPage: true });
  });
});
