/** The city exits and closed-loop institutions on the demo: the checkpoint guard's phone, the command centre's counts, a district's institutions. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true };

describe('city exits and closed-loop institutions', { timeout: 600_000 }, () => {
  const suite = browserSuite({ scenarioClock: true });

  it('the checkpoint guard asks the reason first, then checks the traveller on a phone', {
    timeout: 180_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, phone);
    if (!page) return;
    await signIn(page, 'exit-guard');
    await goHash(page, '#/checkpoint');
    await page.locator('[data-testid=exit-pick]').first().click();
    const check = page.locator('[data-testid=exit-check]');
    await check.waitFor();
    assert.equal((await check.textContent())?.trim(), '请先选择出行事由');
    assert.ok(await check.isDisabled(), 'no check without a reason');
    const resident = await openPage(t, suite.browser, suite.server, phone);
    if (!resident) return;
    await signIn(resident, 'resident');
    await goHash(resident, '#/pass');
    const code = ((await resident.locator('[data-testid=pass-code]').textContent()) ?? '').trim();
    assert.match(code, /^P1\./);
    await page.locator('[data-testid=exit-reason-other]').click();
    await page.locator('[data-testid=exit-other-text]').fill('参加葬礼');
    await page.locator('[data-testid=exit-input]').fill(code);
    await check.click();
    const verdict = page.locator('[data-testid=exit-verdict]');
    await verdict.waitFor();
    assert.match((await verdict.textContent()) ?? '', /entrance\.city-exit/);
    assert.equal(await page.locator('[data-testid=exit-input]').inputValue(), '', 'cleared for the next traveller');
    await page.screenshot({ path: join(screenshots, 'exit-checkpoint-phone.png'), fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 1, `no sideways scroll on a phone (${overflow}px)`);
  });

  it('the command centre sees the day’s departures per checkpoint', { timeout: 120_000 }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/exits');
    const rows = page.locator('[data-testid=exits-table] tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 7);
    const text = (await page.locator('[data-testid=exits]').textContent()) ?? '';
    assert.match(text, /长乐国际机场离榕卡口/);
    assert.match(text, /离榕须24小时内核酸阴性证明/);
    await page.screenshot({ path: join(screenshots, 'exits.png'), fullPage: true });
    const api = await page.request.get(`${suite.server?.url}/api/v1/exits/flagged`);
    const flagged = await api.json();
    assert.ok(flagged.total > 0, JSON.stringify(flagged).slice(0, 300));
    await page.locator('[data-testid=exits-flagged] tbody tr').first().waitFor();
    assert.ok(
      !((await page.locator('[data-testid=exits-flagged]').textContent()) ?? '').match(/\d{17}[\dX]/),
      'masked',
    );
    await page.screenshot({ path: join(screenshots, 'exits.png'), fullPage: true });
  });

  it('a district officer checks an institution’s roster and approves a leave', { timeout: 120_000 }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1440, height: 900 } });
    if (!page) return;
    await signIn(page, 'gulou-officer');
    await goHash(page, '#/institutions');
    const roster = page.locator('[data-testid=institution-roster]');
    await roster.waitFor();
    await page.locator('[data-testid=institution-roster] tbody tr').first().waitFor();
    assert.match((await roster.textContent()) ?? '', /在岗人员须持24小时内核酸阴性/);
    const approve = page.locator('[data-testid=leave-approve]').first();
    await approve.waitFor();
    await page.screenshot({ path: join(screenshots, 'institutions.png'), fullPage: true });
    const pending = await page.locator('[data-testid=leave-approve]').count();
    await approve.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=leave-approve]').length === n - 1,
      pending,
    );
    assert.match((await page.locator('[data-testid=institution-leaves]').textContent()) ?? '', /已批准/);
    await page.screenshot({ path: join(screenshots, 'institutions-approved.png'), fullPage: true });
  });
});
