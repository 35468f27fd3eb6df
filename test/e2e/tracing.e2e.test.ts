/** The tracing screen on the demo: marks by kind with the colour they give, co-presence tracing of a case, language. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');

describe('contact tracing', { timeout: 600_000 }, () => {
  // In demo time (11 Nov 2022 evening) the demo's close contacts are still within their red days.
  const suite = browserSuite({ scenarioClock: true });

  it('lists close contacts in red and traces a case’s co-presence again without duplicates', {
    timeout: 120_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'commander');
    assert.equal((await page.locator('[data-testid=nav-tracing] .nav-label').textContent())?.trim(), '流调管理');
    await goHash(page, '#/tracing');
    const rows = page.locator('[data-testid=tracing-marks] tbody tr');
    await rows.first().waitFor();
    await page.locator('[data-testid=tracing-kind]').selectOption('close-contact');
    await page.waitForFunction(() => {
      const trs = [...document.querySelectorAll('[data-testid=tracing-marks] tbody tr')];
      return trs.length > 0 && trs.every((tr) => tr.getAttribute('data-kind') === 'close-contact');
    });
    const effects = await page.locator('[data-testid=tracing-marks] [data-testid=mark-effect]').allTextContents();
    assert.ok(effects.length > 0 && effects.every((e) => e === '红码'), effects.join(','));
    assert.ok(!(await page.locator('[data-testid=tracing-marks]').textContent())?.match(/\d{17}[\dX]/), 'IDs masked');

    const traced = (await (
      await page.request.get(`${suite.server.url}/api/v1/tracing/marks?kind=trace-list`)
    ).json()) as {
      items: Array<{ caseNo: string | null; source: string }>;
    };
    const caseNo = traced.items.find((m) => m.source === 'co-presence' && m.caseNo)?.caseNo;
    assert.ok(caseNo, 'the demo traced a case');
    await page.locator('[data-testid=trace-case]').fill(caseNo);
    await page.locator('[data-testid=trace-run]').click();
    const result = page.locator('[data-testid=trace-result]');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /新增 0 人/, 'already traced when the demo was seeded');
    await page.screenshot({ path: join(screenshots, 'tracing.png'), fullPage: true });

    await page.locator('[data-testid=lang-toggle]').click();
    await page.getByRole('heading', { name: 'Contact tracing' }).waitFor();
  });
});
