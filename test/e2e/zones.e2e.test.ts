/** Risk zones in a real browser, on the demo outbreak (Fuzhou, Nov 2022): counts, map, detail, lift evaluation. */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  buildWeb,
  chromiumAvailable,
  goHash,
  launchChromium,
  openPage,
  paintedPixels,
  repoRoot,
  signIn,
  startServer,
  type TestServer,
} from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;
const DAY = '2022-11-07';

describe('risk zones', { timeout: 600_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  before(
    async () => {
      if (!chromiumAvailable()) return; // throws under CI, so a missing chromium never passes there
      buildWeb();
      server = await startServer();
      browser = await launchChromium();
      mkdirSync(screenshots, { recursive: true });
    },
    { timeout: 240_000 },
  );

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const count = (page: Page, id: string) => page.locator(`[data-testid=zone-count-${id}]`);
  const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim();

  async function zonesShown(page: Page): Promise<void> {
    await count(page, 'high').locator('[data-testid=zone-count-value]').waitFor();
    await page.locator('[data-testid=zones-map] canvas').first().waitFor({ state: 'visible' });
    await page.locator('[data-testid=zones-table] tbody tr').first().waitFor();
  }

  it('shows the counts, the map and the zones of 7 Nov 2022', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, browser, server);
    if (!page) return;
    await signIn(page, 'commander');
    assert.equal((await page.locator('[data-testid=nav-zones] .nav-label').textContent())?.trim(), '风险区');
    await page.locator('[data-testid=nav-zones]').click();
    await goHash(page, `#/zones?date=${DAY}`);
    await zonesShown(page);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=zone-count-high] [data-testid=zone-count-value]')?.textContent === '164',
    );

    const read = async (id: string) => [
      (await count(page, id).locator('[data-testid=zone-count-label]').textContent())?.trim(),
      (await count(page, id).locator('[data-testid=zone-count-value]').textContent())?.trim(),
    ];
    assert.deepEqual(
      [await read('high'), await read('medium'), await read('liftedMedium')],
      [
        ['高风险区', '164'],
        ['中风险区', '157'],
        ['已解除中风险区', '67'],
      ],
    );
    assert.equal(
      await text(page, '[data-testid=zone-sentence]'),
      '目前，全市划定高风险区164个，中风险区157个，共解除中风险区67个。',
    );
    assert.equal(await page.locator('input[name=date]').inputValue(), DAY);
    const painted = await paintedPixels(page, '[data-testid=zones-map] canvas');
    assert.ok(painted > 1000, `the zone map drew ${painted} pixels`);
    assert.equal(await page.locator('[data-testid=zones-table] tbody tr').count(), 20, 'one page of 20 zones');
    await page.screenshot({ path: join(screenshots, 'zones.png'), fullPage: true });

    // the sentence follows the interface language
    await page.locator('[data-testid=lang-toggle]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=zone-sentence]')?.textContent?.startsWith('The city currently has 164'),
    );
    assert.equal(
      await text(page, '[data-testid=zone-count-liftedMedium] [data-testid=zone-count-label]'),
      'Medium-risk zones lifted',
    );
  });

  it('opens a zone and shows its timeline with the designation notice', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, browser, server);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, `#/zones?date=${DAY}`);
    await zonesShown(page);
    const link = page.locator('[data-testid=zones-table] [data-testid=zone-link]').first();
    const code = (await link.textContent())?.trim() ?? '';
    await link.click();

    await page.locator('[data-testid=zone-timeline]').waitFor();
    const query = new URL(page.url().replace('#/', '')).searchParams;
    assert.equal(query.get('code'), code);
    assert.match((await text(page, '[data-testid=zone-summary]')) ?? '', new RegExp(code));
    const designation = page.locator('[data-testid=timeline-event][data-kind=designate]');
    assert.equal(await designation.count(), 1);
    assert.match((await designation.textContent()) ?? '', /划定为高风险区/);
    assert.match(
      (await designation.locator('[data-testid=timeline-notice]').textContent()) ?? '',
      /〔2022〕\d+号/,
      'the designation names its notice',
    );
    assert.ok(
      (await page.locator('[data-testid=timeline-rounds]').count()) >= 1,
      'daily testing rounds are folded into one row',
    );
    await page.locator('[data-testid=task-force-leader]').waitFor();
    await page.screenshot({ path: join(screenshots, 'zone-detail.png'), fullPage: true });
  });

  it('lists the lift recommendations of 11 Nov 2022 under the twenty measures', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, browser, server);
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, '#/zones?date=2022-11-11');
    await zonesShown(page);
    await page.locator('[data-testid=zones-tab-evaluation]').click();
    await page.locator('[data-testid=evaluation-table] tbody tr').first().waitFor();
    assert.equal(new URL(page.url().replace('#/', '')).searchParams.get('date'), '2022-11-11');
    assert.equal(await text(page, '[data-testid=policy-id]'), 'cn-20-measures');
    assert.equal(await text(page, '[data-testid=policy-name]'), '进一步优化防控工作的二十条措施');

    const rows = page.locator('[data-testid=evaluation-row]');
    assert.equal(await rows.first().getAttribute('data-eligible'), 'true', 'eligible zones come first');
    const naming = rows.filter({ hasText: 'cn-20-measures' });
    assert.ok((await naming.count()) >= 1, 'a recommendation names cn-20-measures');
    assert.match((await naming.first().textContent()) ?? '', /解除/);

    await page.locator('[data-testid=lang-toggle]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=evaluation-reason]')?.textContent?.includes('cn-20-measures no longer'),
    );
    assert.doesNotMatch((await text(page, '[data-testid=evaluation-reason]')) ?? '', /\p{Script=Han}/u);
    assert.equal(await text(page, '[data-testid=policy-name]'), 'Twenty measures');
  });

  it('refuses a lift the policy does not allow, then records it with a reason', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, browser, server);
    if (!page || !server) return;
    await signIn(page, 'commander');
    // a high-risk zone designated on 14 Nov: under the twenty measures it needs five clean days
    const one = await page.request.get(`${server.url}/api/v1/zones?date=${DAY}&pageSize=1`);
    const sample = ((await one.json()) as { items: { communityCode: string; districtCode: string }[] }).items[0];
    assert.ok(sample, 'the demo has zones');
    const created = await page.request.post(`${server.url}/api/v1/zones`, {
      data: {
        name: '测试楼栋1号楼',
        level: 'high',
        unit: 'building',
        communityCode: sample.communityCode,
        residents: 120,
        noticeNo: '榕测防〔2022〕1号',
        noticeDistrict: sample.districtCode,
        effectiveAt: '2022-11-14T10:00:00+08:00',
      },
    });
    assert.equal(created.status(), 201, await created.text());
    const { zone } = (await created.json()) as { zone: { code: string } };

    await goHash(page, `#/zones/detail?code=${encodeURIComponent(zone.code)}&date=2022-11-15`);
    await page.locator('[data-testid=zone-lift]').click();
    const form = page.locator('[data-testid=transition-form]');
    await form.locator('input[name=noticeNo]').fill('榕测防〔2022〕2号');
    assert.equal(await form.locator('input[name=effectiveAt]').inputValue(), '2022-11-15T10:00');
    assert.equal(await form.locator('[data-testid=override-reason]').count(), 0, 'no override field before a refusal');
    await form.locator('[data-testid=transition-submit]').click();

    const refusal = page.locator('[data-testid=lift-refused]');
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /cn-20-measures/);
    assert.match((await refusal.textContent()) ?? '', /需满5天/);
    await form.locator('[data-testid=override-reason]').fill('经区指挥部研判，楼栋已完成终末消杀');
    await form.locator('[data-testid=transition-submit]').click();

    await page.locator('[data-testid=zone-done]').waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=zone-status]')?.textContent?.trim() === '已解除',
    );
    const lift = page.locator('[data-testid=timeline-event][data-kind=lift]');
    await lift.waitFor();
    assert.match((await lift.locator('[data-testid=timeline-override]').textContent()) ?? '', /终末消杀/);
    assert.equal(await page.locator('[data-testid=zone-lift]').count(), 0, 'a lifted zone has no actions');
  });

  it('fits the zones on a phone screen', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, browser, server, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    if (!page) return;
    await signIn(page, 'commander');
    await goHash(page, `#/zones?date=${DAY}`);
    await zonesShown(page);
    assert.equal(await text(page, '[data-testid=zone-count-high] [data-testid=zone-count-value]'), '164');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(screenshots, 'zones-phone.png'), fullPage: true });
  });
});
