/** The 考务防疫 screen on the demo: the exam's figures, candidates by class with their rule, the plan preview, the export. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');

describe('exams held safely', { timeout: 600_000 }, () => {
  const suite = browserSuite({ scenarioClock: true });

  it('shows the exam of 5–6 November, its special candidates with the rule, the plan and the workbook', {
    timeout: 180_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'exam-office');
    assert.equal((await page.locator('[data-testid=nav-events] .nav-label').textContent())?.trim(), '考务防疫');
    await goHash(page, '#/events');
    const screen = page.locator('[data-testid=exams]');
    await screen.waitFor();
    const text = (await screen.textContent()) ?? '';
    assert.match(text, /考场\s*1,100/);
    assert.match(text, /考生\s*22,400/);
    assert.match(text, /新增考点\s*8/);
    assert.match(text, /专车车次\s*[1-9]/);
    const rows = page.locator('[data-testid=exam-candidates] tbody tr');
    await rows.first().waitFor();
    await page.screenshot({ path: join(screenshots, 'exams.png') });
    const list = (await page.locator('[data-testid=exam-candidates]').textContent()) ?? '';
    assert.match(list, /cn-9th-edition/, 'each candidate names the version that decided it');
    assert.match(
      (await page.locator('[data-testid=exam-rule]').first().getAttribute('title')) ?? '',
      /^cn-9th-edition:exam:/,
      'and the rule, in full, on the reason in words',
    );
    assert.ok(!list.match(/\d{17}[\dX]/), 'IDs masked');
    await page.locator('[data-testid=exam-plan]').click();
    await page.locator('[data-testid=exam-plan-summary]').waitFor();
    assert.match((await page.locator('[data-testid=exam-plan-summary]').textContent()) ?? '', /移入隔离考场 \d+ 人/);
    await page.screenshot({ path: join(screenshots, 'exams-plan.png') });
    const xlsx = await page.request.get(
      `${suite.server.url}/api/v1/events/ACEE-2022/export.xlsx?at=${encodeURIComponent('2022-11-05T08:00:00+08:00')}`,
    );
    assert.equal(xlsx.status(), 200);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
    await page.locator('[data-testid=lang-toggle]').click();
    await page.getByRole('heading', { name: /Exams held safely/ }).waitFor();
  });

  it('the exam office uploads a rooms file: a bad row is named and nothing recorded; fixed, previewed, confirmed', {
    timeout: 180_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, 'exam-office');
    await goHash(page, '#/events');
    const form = page.locator('[data-testid=roster-upload]');
    await form.waitFor();
    const header = 'site_code,room_no,capacity,isolation';
    const good = 'EX35010201,E2E-01,30,否';
    const file = form.locator('[data-testid=roster-file]');
    const confirm = form.locator('[data-testid=roster-confirm]');
    await file.setInputFiles({
      name: 'rooms-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, good, 'EX35010201,E2E-02,三十,否'].join('\n')),
    });
    await form.locator('[data-testid=roster-check]').click();
    const problems = form.locator('[data-testid=roster-invalid] [data-testid=import-problems] tbody tr');
    await problems.first().waitFor();
    assert.equal(await problems.count(), 1, 'the one bad row');
    const cells = await problems.first().locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 2), ['3', 'capacity'], 'row and column named');
    assert.ok((cells[2] ?? '').length > 0, 'and the reason');
    assert.ok(await confirm.isDisabled(), 'a refused file cannot be confirmed');
    // The file's rows are shown as read: the bad one marked in its capacity cell, with the reason.
    const bad = form.locator('[data-testid=roster-preview] [data-testid=roster-row-3]');
    assert.equal(await bad.locator('[data-bad=capacity]').textContent(), '三十');
    assert.match((await bad.locator('[data-testid=roster-row-action]').textContent()) ?? '', /capacity/);
    assert.equal(
      await form
        .locator('[data-testid=roster-preview] [data-testid=roster-row-2] [data-testid=roster-row-action]')
        .textContent(),
      '新增',
    );
    await page.screenshot({ path: join(screenshots, 'exams-upload-error.png'), fullPage: true });

    await file.setInputFiles({
      name: 'rooms.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, good, 'EX35010201,E2E-02,30,否'].join('\n')),
    });
    assert.ok(await confirm.isDisabled(), 'a new file must be checked first');
    await form.locator('[data-testid=roster-check]').click();
    await form.locator('[data-testid=roster-result]').waitFor();
    assert.equal(await form.locator('[data-testid=roster-inserted]').textContent(), '2');
    assert.equal(await form.locator('[data-testid=roster-preview] tbody tr').count(), 2, 'the file’s rows, previewed');
    assert.match(
      (await page.locator('[data-testid=exams]').textContent()) ?? '',
      /考场\s*1,100/,
      'a preview records nothing',
    );
    await page.screenshot({ path: join(screenshots, 'exams-upload-preview.png'), fullPage: true });
    await confirm.click();
    await form.locator('[data-testid=roster-result] .notice-ok').waitFor();
    await page.waitForFunction(() =>
      /考场\s*1,102/.test(document.querySelector('[data-testid=exams]')?.textContent ?? ''),
    );
    await page.screenshot({ path: join(screenshots, 'exams-upload-done.png'), fullPage: true });
  });
});
