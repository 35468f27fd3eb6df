/** The 防控措施 screen on the demo: the measures in force, the crowded-venue notice, a notice made and reopened. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const NOTICE = '榕防指〔2022〕45号';

describe('measures in force and suspension notices', { timeout: 600_000 }, () => {
  const suite = browserSuite({ scenarioClock: true });

  it('lists the measures of 7 November with their enforcers, the notice’s venues, and suspends and reopens by a notice', {
    timeout: 240_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1440, height: 900 } });
    if (!page || !suite.server) return;
    await signIn(page, 'commander');
    assert.equal((await page.locator('[data-testid=nav-measures] .nav-label').textContent())?.trim(), '防控措施');
    await goHash(page, '#/measures?date=2022-11-07');
    const rows = page.locator('[data-testid=measure-row]');
    await rows.first().waitFor();
    assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-kind'))), [
      'entry-checks',
      'compound-checks',
      'city-exit',
      'venue-suspension',
      'closed-loop',
      'open-venues',
      'advice',
    ]);
    const table = (await page.locator('[data-testid=measures-table]').textContent()) ?? '';
    assert.match(table, /继续提倡居家办公/);
    assert.match(table, /暂停 \d+ 家/, 'the suspension measure shows the venues its notice holds');
    const notice = page.locator('[data-testid=notice-row]', { hasText: NOTICE });
    assert.match((await notice.textContent()) ?? '', /KTV、网吧、影剧院、健身房/);
    // What enforces a measure is named in words, not by its parameter path (which stays on the link's title).
    assert.match(table, /场所查验规则 › 居民小区 › 核酸证明时限（小时）/);
    assert.doesNotMatch(table, /certificateHours|entrance\.|venue-closed-loop/);
    await page.screenshot({ path: join(screenshots, 'measures.png') });
    await page.locator('[data-testid=lang-toggle]').click();
    await page.locator('[data-testid=measures-table]', { hasText: 'Entrance rules › Residential compound' }).waitFor();
    assert.doesNotMatch(
      (await page.locator('[data-testid=measures-table]').textContent()) ?? '',
      /certificateHours|entrance\.|venue-closed-loop/,
    );
    await page.screenshot({ path: join(screenshots, 'measures-en.png') });
    await page.locator('[data-testid=lang-toggle]').click();
    await page.locator('[data-testid=measures-table]', { hasText: '场所查验规则' }).waitFor();

    // The regional testing of 8–11 November is in force on the 9th.
    await goHash(page, '#/measures?date=2022-11-09');
    await page.locator('[data-testid=measure-row][data-kind=regional-testing]').waitFor();

    await page.locator('[data-testid=notice-create]').click();
    const form = page.locator('[data-testid=notice-form]');
    await form.locator('input[name=noticeNo]').fill('E2E〔2022〕1号');
    await form.locator('input[name=title]').fill('暂停鼓楼区学校线下教学');
    await form.locator('input[name=categories][value=public-place]').uncheck();
    await form.locator('input[name=categories][value=school]').check();
    await form.locator('input[name=districts][value="350102"]').check();
    await page.screenshot({ path: join(screenshots, 'measures-new-notice.png') });
    await page.locator('[data-testid=notice-submit]').click();
    await page.locator('[data-testid=notice-done]').waitFor();
    assert.match((await page.locator('[data-testid=notice-done]').textContent()) ?? '', /已暂停 \d+ 家场所/);
    const made = page.locator('[data-testid=notice-row]', { hasText: 'E2E〔2022〕1号' });
    await made.waitFor();

    // The venue screens show the notice holding a venue.
    await goHash(page, `#/venues?notice=${encodeURIComponent('E2E〔2022〕1号')}`);
    await page.locator('[data-testid=venues-notice-filter]').waitFor();
    await page.locator('[data-testid=venue-row]').first().click();
    assert.match((await page.locator('[data-testid=venue-notice]').textContent()) ?? '', /E2E〔2022〕1号/);
    await page.screenshot({ path: join(screenshots, 'measures-venue.png') });

    await goHash(page, '#/measures?date=2022-11-09');
    await made.locator('[data-testid=notice-reopen]').click();
    await page.getByRole('dialog').getByRole('button', { name: '按通告恢复开放' }).click();
    await page.locator('[data-testid=notice-done]', { hasText: /已恢复 \d+ 家场所/ }).waitFor();
    // Reopened, the notice keeps its row with the time, and offers no second reopening.
    await made.locator('[data-testid=notice-reopen]').waitFor({ state: 'detached' });
    assert.match((await made.textContent()) ?? '', /\d{4}-\d{2}-\d{2}/);
  });
});
