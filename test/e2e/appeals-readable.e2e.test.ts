/** Appeals as a handler and a citizen read them: the missed deadline shown, readable timelines, configured channel names. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;

describe('appeals screens read as words', { timeout: 400_000 }, () => {
  const suite = browserSuite({ scenarioClock: true });

  it('marks overdue rows with the deadline that was missed, counts in words, fits the table', {
    timeout: TIMEOUT,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1366, height: 900 } });
    if (!page) return;
    await signIn(page, 'appeals');
    await goHash(page, '#/appeals/queue');
    await page.locator('[data-testid=appeal-list] tbody tr').first().waitFor();
    const now = await page.evaluate(async () => (await (await fetch('/api/v1/clock')).json()).now as string);
    const cells = await page
      .locator('[data-testid=appeal-list] td[data-overdue]')
      .evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-overdue'), td.getAttribute('data-due')]));
    const overdue = cells.filter(([o]) => o);
    assert.ok(overdue.length > 0, 'the demo queue has overdue appeals');
    for (const [reason, due] of overdue)
      assert.ok(Date.parse(due ?? '') < Date.parse(now), `${reason} shown with ${due}, not before ${now}`);
    assert.match((await page.locator('[data-testid=appeal-count]').textContent()) ?? '', /^共 \d+\+? 件$/);
    // Every column fits: the table is no wider than its box, so "Due" is never cut off.
    await page.evaluate(() => localStorage.setItem('banyan.lang', 'en'));
    await page.reload();
    await page.locator('[data-testid=appeal-list] tbody tr').first().waitFor();
    const fit = await page
      .locator('[data-testid=appeal-list]')
      .evaluate((el) => [el.scrollWidth, (el.parentElement as HTMLElement).clientWidth]);
    assert.ok((fit[0] ?? 0) <= (fit[1] ?? 0), `table ${fit[0]} px in a ${fit[1]} px box`);
    await page.screenshot({ path: join(screenshots, 'appeals-queue-en.png') });
  });

  it('shows an appeal timeline and its messages in words, not codes', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1366, height: 900 } });
    if (!page) return;
    await signIn(page, 'appeals');
    await goHash(page, '#/appeals/queue?status=signed');
    await page.locator('[data-testid=appeal-list] tbody a').first().click();
    await page.locator('[data-testid=timeline] li').first().waitFor();
    const text = (await page.locator('[data-testid=appeal-page]').textContent()) ?? '';
    for (const raw of ['channel:', '(system)', '[sent]', '· ·', 'intake', 'reply-overdue', 'sign-overdue'])
      assert.ok(!text.includes(raw), `the page shows "${raw}"`);
    assert.match(
      (await page.locator('[data-testid=timeline] li').first().textContent()) ?? '',
      /受理 → 待分办 · 经.+提交/,
    );
    assert.match(text, /签收时限/);
    await page.screenshot({ path: join(screenshots, 'appeals-detail.png'), fullPage: true });
  });

  it('prints the configured channel name and hotline on the public forms', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1366, height: 900 } });
    if (!page) return;
    await goHash(page, '#/appeal');
    // The band shows the default name until the configured one has loaded.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=public-title]')?.textContent === '政企直通车「抗疫通道」',
    );
    assert.equal(await page.locator('[data-testid=public-hotline]').textContent(), '咨询热线：0591-968871');
    await page.screenshot({ path: join(screenshots, 'appeals-public-web.png') });
    await goHash(page, '#/m/letter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=public-title]')?.textContent === '福州工信「一键写信」',
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(screenshots, 'appeals-public-mobile.png') });
  });
});
