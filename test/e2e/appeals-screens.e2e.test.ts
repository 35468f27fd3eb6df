/** Appeals screens in a real browser: dashboard charts, enterprise registry and import, liaison desk, whitelist board. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withCheckChar } from '../../src/appeals/appeals.rules.ts';
import { browserSuite, goHash, openPage, paintedPixels, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;

describe('appeals screens', { timeout: 400_000 }, () => {
  // The demo's day: the dashboard opens on the week up to the business today, as `npm start` shows it.
  const suite = browserSuite({ scenarioClock: true });

  it('draws the dashboard charts and lists overdue and escalated appeals', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1366, height: 1400 } });
    if (!page) return;
    await signIn(page, 'appeals');
    await goHash(page, '#/appeals/dashboard');
    for (const id of ['volume-chart', 'category-chart', 'rate-gauges']) {
      await page.locator(`[data-testid=${id}] canvas`).waitFor();
    }
    await page.locator('[data-testid=district-map] canvas').waitFor();
    await page.waitForTimeout(500);
    for (const id of ['volume-chart', 'category-chart', 'rate-gauges', 'district-map']) {
      assert.ok((await paintedPixels(page, `[data-testid=${id}] canvas`)) > 2000, `${id} drew nothing`);
    }
    // 5–11 November, the week up to the scenario's evening of the 11th
    assert.ok(Number(await page.locator('[data-testid=kpi-total]').textContent()) > 200);
    // the demo week ends with overdue and escalated appeals; each row opens the appeal
    await page.locator('[data-testid=escalated-list] tbody tr').first().waitFor();
    await page.locator('[data-testid=overdue-list] tbody tr').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'appeals-dashboard.png'), fullPage: true });
    await page.locator('[data-testid=escalated-list] tbody a').first().click();
    await page.locator('[data-testid=appeal-page]').waitFor();
  });

  it('filters the enterprise registry and refuses a file with a bad row, importing nothing', {
    timeout: TIMEOUT,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/appeals/enterprises');
    const rows = page.locator('[data-testid=enterprise-list] tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 50);
    await page.locator('[data-testid=enterprise-tier]').selectOption('national');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=enterprise-list] tbody tr')].every((tr) =>
        tr.textContent?.includes('国家级'),
      ),
    );
    const first = (await rows.first().locator('td').nth(1).textContent()) ?? '';
    await page.locator('[data-testid=enterprise-q]').fill(first.slice(0, 10));
    await page.waitForFunction(
      (code) => {
        const trs = document.querySelectorAll('[data-testid=enterprise-list] tbody tr');
        return trs.length >= 1 && [...trs].every((tr) => tr.textContent?.includes(code));
      },
      first.slice(0, 10),
    );
    await page.screenshot({ path: join(screenshots, 'appeals-enterprises.png'), fullPage: true });
    await rows.first().locator('[data-testid=enterprise-link]').click();
    await page.locator('[data-testid=enterprise-detail] [data-testid=report-table]').waitFor();
    await page.screenshot({ path: join(screenshots, 'appeals-enterprise.png'), fullPage: true });

    const good = withCheckChar('91350102MA2Y8K3P0');
    const bad = `${withCheckChar('91350104MA31XK7Q2').slice(0, 17)}!`;
    const csv = [
      '统一社会信用代码,企业名称,行业,区县代码,规模,白名单类别',
      `${good},福州测试导入电子有限公司,电子信息,350102,中型,省级`,
      `${bad},福州错误代码食品有限公司,食品加工,350104,小型,`,
    ].join('\n');
    await goHash(page, '#/appeals/enterprises/import');
    await page.locator('[data-testid=import-file]').setInputFiles({
      name: 'enterprises.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.locator('[data-testid=import-submit]').click();
    const problems = page.locator('[data-testid=import-problems] tbody tr');
    await problems.first().waitFor();
    assert.equal(await problems.count(), 1);
    assert.equal((await problems.first().locator('td').first().textContent())?.trim(), '3');
    await page.screenshot({ path: join(screenshots, 'appeals-enterprise-import.png'), fullPage: true });
    // all or nothing: the good row was not imported either
    await goHash(page, '#/appeals/enterprises');
    await page.locator('[data-testid=enterprise-q]').fill('测试导入');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=enterprise-list] tbody tr').length === 0);
  });

  it('lets the liaison file a daily report; the missing count drops', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'liaison');
    await goHash(page, '#/liaison');
    await page.locator('[data-testid=desk-enterprises] tbody tr').first().waitFor();
    const missing = Number(await page.locator('[data-testid=desk-missing]').textContent());
    assert.ok(missing > 0, 'the liaison has enterprises without today’s report');
    // The demo may already hold a task at 55 % for another enterprise: count them before.
    const tasksAt55 = page.locator('[data-testid=desk-tasks] li', { hasText: '产能 55%' });
    const tasksBefore = await tasksAt55.count();
    await page.locator('[data-testid=file-report]').first().click();
    const form = page.locator('[data-testid=report-form]');
    await form.locator('select[name=production]').selectOption('reduced');
    await form.locator('input[name=capacityPct]').fill('55');
    await form.locator('input[name=materialDays]').fill('6');
    await form.locator('input[name=staffOnSite]').fill('180');
    await page.screenshot({ path: join(screenshots, 'appeals-liaison-form.png'), fullPage: true });
    await form.locator('[data-testid=report-submit]').click();
    await page.locator('[data-testid=desk-missing]', { hasText: String(missing - 1) }).waitFor();
    assert.equal(await page.locator('[data-testid=report-form]').count(), 0);
    // reduced under 60 % opens a liaison task
    await tasksAt55.nth(tasksBefore).waitFor();
    assert.equal(await tasksAt55.count(), tasksBefore + 1);
    await page.screenshot({ path: join(screenshots, 'appeals-liaison.png'), fullPage: true });
  });

  it('shows the whitelist board counts of the latest reported day, by tier and district', {
    timeout: TIMEOUT,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1366, height: 1000 } });
    if (!page) return;
    await signIn(page, 'appeals');
    await goHash(page, '#/appeals/whitelist?date=2022-11-07');
    await page.locator('[data-testid=count-normal]').waitFor();
    const n = async (s: string) => Number(await page.locator(`[data-testid=count-${s}]`).textContent());
    const counts = { normal: await n('normal'), reduced: await n('reduced'), stopped: await n('stopped') };
    assert.ok(counts.normal > 200, JSON.stringify(counts));
    assert.ok(counts.reduced + counts.stopped > 0, JSON.stringify(counts));
    assert.equal(counts.normal + counts.reduced + counts.stopped + (await n('missing')), 320);
    assert.equal(await page.locator('[data-testid=board-tiers] tbody tr').count(), 4);
    assert.ok((await page.locator('[data-testid=board-troubled] tbody tr').count()) > 0);
    await page.screenshot({ path: join(screenshots, 'appeals-whitelist.png'), fullPage: true });
  });
});
