/** Policy versions in a real browser: a draft, its difference against the version in force, approval by a second account. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');

describe('policy drafts', { timeout: 600_000 }, () => {
  const suite = browserSuite();

  it('commander drafts from the ten measures, sees the difference on 11 Nov, deputy approves', {
    timeout: 180_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1440, height: 900 } });
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/policy');
    await page.locator('[data-testid=policy-screen]').waitFor();
    // The demo's 11 November: what the 20 measures changed against the 9th edition (on its last day), every count a link.
    await page.locator('[data-testid=compare-cn-20-measures]').click();
    await page.locator('[data-testid=policy-diff]').waitFor();
    assert.equal((await page.locator('[data-testid=diff-in-force]').textContent())?.trim(), 'cn-9th-edition');
    const changed = Number((await page.locator('[data-testid=diff-colour-table]').getAttribute('data-total')) ?? '0');
    const counts = await page.locator('[data-testid=policy-diff] > ul li').allTextContents();
    t.diagnostic(`20 measures against the 9th edition on 10 Nov: ${counts.join('; ')}`);
    assert.ok(changed > 0, `zones and residents that change: ${changed}`);
    // Clinics keep their hours (none) and colours; what changed is the zone levels they admit, and the line says so.
    const clinics = page.locator('[data-testid=diff-venue-categories] li[data-category=medical-institution]');
    assert.deepEqual(await clinics.locator('[data-aspect]').evaluateAll((es) => es.map((e) => e.dataset.aspect)), [
      'zoneLevels',
    ]);
    assert.match((await clinics.textContent()) ?? '', /中风险区\/低风险区 → 低风险区/);
    // Its count opens the venue list under that version, whose note names the levels either side.
    await clinics.locator('a').click();
    const note = page.locator('[data-testid=venues-policy-note]');
    await note.waitFor();
    assert.match((await note.textContent()) ?? '', /cn-20-measures.*低风险区（.*中风险区\/低风险区）/);
    await page.goBack();
    await page.locator('[data-testid=policy-screen]').waitFor();
    await page.locator('[data-testid=compare-cn-20-measures]').click();
    await page.locator('[data-testid=policy-diff]').waitFor();
    // Medium zones abolished, and the schedules that changed: secondary contacts are no longer identified.
    assert.match(
      (await page.locator('[data-testid=diff-levels]').textContent()) ?? '',
      /中风险区\/低风险区 → 高风险区\/低风险区/,
    );
    const secondary = page.locator('[data-testid=diff-schedules] li[data-kind=secondary-contact]');
    assert.match((await secondary.textContent()) ?? '', /居家 7 天 → 本版本不再判定/);
    const planLink = secondary.locator('a');
    assert.match((await planLink.getAttribute('href')) ?? '', /policy=cn-20-measures.*plan=secondary-contact/);
    const scheduled = Number(((await planLink.textContent()) ?? '').replace(/\D/g, ''));
    t.diagnostic(`secondary contacts whose schedule the 20 measures drop: ${scheduled}`);
    await page.screenshot({ path: join(screenshots, 'policy-20-vs-9th.png'), fullPage: true });
    if (scheduled > 0) {
      await planLink.click();
      const rows = page.locator('[data-testid=diff-schedule-persons] tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), Math.min(scheduled, 2000));
      await page.screenshot({ path: join(screenshots, 'policy-schedules.png'), fullPage: true });
      await goHash(page, '#/policy');
    }
    await page.reload();
    await page.locator('[data-testid=policy-screen]').waitFor();
    await page.locator('select[name=basedOn]').selectOption('cn-10-measures');
    await page.locator('input[name=draftId]').fill('fuzhou-e2e');
    await page.locator('input[name=effectiveFrom]').fill('2022-12-01');
    await page.locator('[data-testid=draft-create]').click();
    await page.locator('[data-testid=draft-fuzhou-e2e]').click();
    await page.locator('[data-testid=policy-diff]').waitFor();
    assert.equal((await page.locator('[data-testid=diff-in-force]').textContent())?.trim(), 'cn-20-measures');
    // Offices and the other 24-hour categories stop checking under the ten measures: a count with its link.
    const venues = page.locator('[data-testid=diff-venue-categories] li');
    assert.ok((await venues.count()) > 0, 'categories whose entrance rule changes');
    const link = page.locator('[data-testid=diff-venue-categories]');
    assert.match((await link.locator('a').first().getAttribute('href')) ?? '', /policy=fuzhou-e2e/);
    assert.match((await link.textContent()) ?? '', /核酸证明 24 h → —/);
    assert.match((await page.locator('[data-testid=diff-venues]').getAttribute('href')) ?? '', /policy=fuzhou-e2e/);
    await page.screenshot({ path: join(screenshots, 'policy-diff.png'), fullPage: true });
    // More than certificate hours: a lift rule's days, flagged here when not a whole number, refused by
    // the server when out of range, saved when valid.
    const days = page.locator('input[name=lift-high-days]');
    await days.fill('x');
    await page.locator('[data-testid=params-invalid]').waitFor();
    assert.equal(await page.locator('[data-testid=draft-save]').isDisabled(), true);
    await days.fill('99');
    await page.locator('[data-testid=draft-save]').click();
    await page.locator('[data-testid=policy-message].notice-warn').waitFor();
    t.diagnostic(`refused: ${await page.locator('[data-testid=policy-message]').textContent()}`);
    await days.fill('5');
    await page.locator('input[name=tracing-days]').fill('3');
    await page.locator('input[name=pools]').fill('1, 10');
    // Which colours a category admits is data too: offices admitting yellow codes is a changed rule.
    await page.locator('input[name=colours-office-yellow]').check();
    // …and so are the colour rules and their order: the trace list left out, applied again at the end.
    await page.locator('button[name=rule-off-trace-list]').click();
    await page.locator('button[name=rule-on-trace-list]').click();
    assert.equal(await page.locator('[data-testid=colour-order] li').last().getAttribute('data-rule'), 'trace-list');
    await page.locator('button[name=rule-up-trace-list]').click();
    await page.locator('input[name=colours-traceListDays]').fill('5');
    await page.locator('[data-testid=draft-save]').click();
    await page.locator('[data-testid=policy-message].notice-ok').waitFor();
    await page.locator('[data-testid=diff-venue-categories] li[data-category=office] [data-aspect=colours]').waitFor();
    // The author may not publish their own draft.
    await page.locator('[data-testid=draft-publish]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=policy-message]')?.textContent?.includes('另一人'),
    );

    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=sign-out]').click();
    await signIn(page, 'deputy');
    await goHash(page, '#/policy');
    await page.locator('[data-testid=draft-fuzhou-e2e]').click();
    await page.locator('[data-testid=draft-publish]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=policy-message]')?.textContent?.startsWith('已发布'),
    );
    await page.locator('[data-testid=policy-versions] li', { hasText: 'fuzhou-e2e · 2022-12-01' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'policy-published.png'), fullPage: true });
    // The version in force today was seeded, never switched over: one hand does it, and the record shows.
    await page.locator('[data-testid=switch-over-cn-10-measures]').click();
    await page.locator('[data-testid=switchover-cn-10-measures]').waitFor();
    await page.locator('[data-testid=switchover-detail]').waitFor();
    t.diagnostic(`switch-over: ${await page.locator('[data-testid=switchover-cn-10-measures]').textContent()}`);
    await page.screenshot({ path: join(screenshots, 'policy-switchover.png'), fullPage: true });
  });
});
