/** Figures, case records and the briefing in a real browser, on the demo outbreak (Fuzhou, Nov 2022). */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, DEMO_PASSWORD, goHash, openPage, paintedPixels, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;
const DAY = '2022-11-06';
const ZH_SENTENCE =
  '11月6日，福州市新增本土确诊病例3例，新增本土无症状感染者35例，治愈出院本土确诊病例3例，解除隔离本土无症状感染者5例。';

describe('figures and briefing', { timeout: 300_000 }, () => {
  const suite = browserSuite();

  const headline = (page: Page, metric: string) =>
    page.locator(`[data-testid=headline-${metric}] [data-testid=headline-value]`);

  async function figuresShown(page: Page): Promise<void> {
    await headline(page, 'newLocalConfirmed').waitFor();
    await page.locator('[data-testid=trend-chart] canvas').first().waitFor({ state: 'visible' });
    await page.locator('[data-testid=figures-map] canvas').first().waitFor({ state: 'visible' });
    await page.locator('[data-testid=district-figures-table] tbody tr', { hasText: '鼓楼区' }).waitFor();
  }

  it('shows the figures of 6 Nov 2022 and the 35 records behind a number', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'commander');
    await page.locator('[data-testid=nav-figures]').click();
    assert.equal((await page.locator('[data-testid=nav-figures] .nav-label').textContent())?.trim(), '疫情数据');
    // without a day in the address the screen opens on the latest day with figures
    const latest = (await (await page.request.get(`${suite.server?.url}/api/v1/figures/latest`)).json()) as {
      date: string;
    };
    await page.locator('[data-testid=figures-day-title]').waitFor();
    assert.equal(await page.locator('input[name=date]').first().inputValue(), latest.date);
    await goHash(page, `#/figures?date=${DAY}`);
    await figuresShown(page);

    const read = async (metric: string) => (await headline(page, metric).textContent())?.trim();
    assert.deepEqual(
      [
        await read('newLocalConfirmed'),
        await read('newLocalAsymptomatic'),
        await read('localDischarged'),
        await read('localReleased'),
      ],
      ['3', '35', '3', '5'],
    );
    assert.equal(await page.locator('input[name=date]').inputValue(), DAY);
    const painted = await paintedPixels(page, '[data-testid=trend-chart] canvas');
    assert.ok(painted > 1000, `the trend chart drew ${painted} pixels`);
    await page.screenshot({ path: join(screenshots, 'figures.png'), fullPage: true });

    await headline(page, 'newLocalAsymptomatic').click();
    const title = page.locator('[data-testid=cases-title]');
    await page.waitForFunction(() => document.querySelector('[data-testid=cases-title]')?.textContent?.includes('35'));
    assert.equal((await title.textContent())?.trim(), '11月6日 新增本土无症状感染者 — 35 条记录');
    await page.locator('[data-testid=cases-table] tbody tr').first().waitFor();
    assert.equal(await page.locator('[data-testid=cases-table] tbody tr').count(), 35);
    const query = new URL(page.url().replace('#/', '')).searchParams;
    assert.equal(query.get('date'), DAY);
    assert.equal(query.get('metric'), 'newLocalAsymptomatic');
  });

  it('shows the briefing of 6 Nov 2022 in Chinese and English', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page) return;
    await signIn(page, 'commander');
    await page.locator('[data-testid=nav-briefing]').click();
    await goHash(page, `#/briefing?date=${DAY}`);
    const text = page.locator('[data-testid=briefing-text]');
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid=briefing-text]')?.textContent?.includes(s),
      ZH_SENTENCE,
    );
    assert.ok((await text.textContent())?.includes(ZH_SENTENCE));
    assert.equal(await page.locator('[data-testid=briefing-text] a[data-metric=newLocalAsymptomatic]').count(), 1);
    await page.locator('[data-testid=briefing-figures] a').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'briefing.png'), fullPage: true });

    await page.locator('[data-testid=briefing-tab-en]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=briefing-text]')?.textContent?.includes('Fuzhou'),
    );
    const en = (await text.textContent()) ?? '';
    assert.match(en, /On 6 November, Fuzhou reported 3 new local confirmed cases and 35 new local asymptomatic/);
    assert.doesNotMatch(en, /\p{Script=Han}/u);

    // a number in the text leads to its records
    await page.locator('[data-testid=briefing-text] a[data-metric=newLocalAsymptomatic]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=cases-title]')?.textContent?.includes('35'));
    assert.equal(await page.locator('[data-testid=cases-table] tbody tr').count(), 35);
  });

  it('refuses approval by the editor, lets a second person approve, then freezes it', {
    timeout: TIMEOUT,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'commander');
    await goHash(page, '#/briefing?date=2022-11-07');
    const status = page.locator('[data-testid=briefing-status]');
    await status.waitFor();
    assert.equal((await status.textContent())?.trim(), '未保存');

    await page.locator('[data-testid=briefing-edit]').click();
    const editor = page.locator('[data-testid=briefing-editor]');
    await editor.fill(`${await editor.inputValue()}\n\n请广大市民配合做好核酸检测。`);
    await page.locator('[data-testid=briefing-save]').click();
    await page.locator('[data-testid=briefing-done]').waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=briefing-status]')?.textContent?.trim() === '草稿',
    );
    assert.match(
      (await page.locator('[data-testid=briefing-text]').textContent()) ?? '',
      /请广大市民配合做好核酸检测。/,
    );

    // The editor is not offered an approval the server would refuse: the page says who must approve.
    assert.equal(await page.locator('[data-testid=briefing-approve]').count(), 0);
    assert.match((await page.locator('[data-testid=briefing-second-person]').textContent()) ?? '', /另一/);
    assert.equal((await status.textContent())?.trim(), '草稿');
    // The header names people, not their logins.
    const people = (await page.locator('.briefing-people').textContent()) ?? '';
    assert.match(people, /市指挥部值班长/);
    assert.doesNotMatch(people, /commander/);
    await page.screenshot({ path: join(screenshots, 'briefing-draft-author.png') });

    // the contract's second demo commander
    const deputy = await page.request.post(`${suite.server.url}/api/v1/sessions`, {
      data: { username: 'deputy', password: DEMO_PASSWORD },
    });
    assert.equal(deputy.status(), 201, 'the demo has a second commander, deputy');
    await page.reload();
    await page.locator('[data-testid=briefing-approve]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=briefing-status]')?.textContent?.trim() === '已审核',
    );
    await page.locator('[data-testid=briefing-publish]').click();
    await page.locator('[data-testid=confirm]').click();
    await page.locator('[data-testid=published-notice]').waitFor();
    assert.equal((await status.textContent())?.trim(), '已发布');
    assert.equal(await page.locator('[data-testid=briefing-edit]').count(), 0, 'a published briefing is read-only');
    assert.equal(await page.locator('[data-testid=briefing-draft]').count(), 0);
    await page.screenshot({ path: join(screenshots, 'briefing-published.png'), fullPage: true });
  });

  it('fits the figures on a phone screen', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, `#/figures?date=${DAY}`);
    await figuresShown(page);
    assert.equal((await headline(page, 'newLocalAsymptomatic').textContent())?.trim(), '35');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(screenshots, 'figures-phone.png'), fullPage: true });
  });
});
