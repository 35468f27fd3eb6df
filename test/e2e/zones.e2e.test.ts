/** Risk zones in a real browser, on the demo outbreak (Fuzhou, Nov 2022): counts, map, detail, lift evaluation. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, goHash, openPage, paintedPixels, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;
const DAY = '2022-11-07';

describe('risk zones', { timeout: 600_000 }, () => {
  const suite = browserSuite();

  const count = (page: Page, id: string) => page.locator(`[data-testid=zone-count-${id}]`);
  const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim();

  async function zonesShown(page: Page): Promise<void> {
    await count(page, 'high').locator('[data-testid=zone-count-value]').waitFor();
    await page.locator('[data-testid=zones-map] canvas').first().waitFor({ state: 'visible' });
    await page.locator('[data-testid=zones-table] tbody tr').first().waitFor();
  }

  it('shows the counts, the map and the zones of 7 Nov 2022', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
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
    const page = await openPage(t, suite.browser, suite.server);
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

    // the demo seats residents in every zone; a list with a malformed ID number records nobody
    const residents = page.locator('[data-testid=zone-residents]');
    await residents.locator('tbody tr').first().waitFor();
    assert.match((await residents.locator('h2').textContent()) ?? '', /居民名单 · [1-9]/);
    assert.match((await residents.locator('tbody td').first().textContent()) ?? '', /\*/, 'ID numbers are masked');
    await residents.locator('[data-testid=residents-file]').setInputFiles({
      name: 'residents.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('身份证号码\n35010219900101123X\n', 'utf8'),
    });
    await residents.locator('[data-testid=residents-submit]').click();
    const problems = residents.locator('[data-testid=import-problems] tbody tr');
    await problems.first().waitFor();
    assert.equal((await problems.first().locator('td').first().textContent())?.trim(), '2');
    await page.screenshot({ path: join(screenshots, 'zone-detail.png'), fullPage: true });
  });

  it('lists the lift recommendations of 11 Nov 2022 under the twenty measures', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
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
    const waiting = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-eligible') === 'true'));
    assert.ok(waiting.indexOf(false) === -1 || !waiting.slice(waiting.indexOf(false)).includes(true), 'eligible first');
    // Rules are named by the version's name, not its id (the id stays in the tooltip).
    const naming = rows.filter({ hasText: '二十条措施' });
    assert.ok((await naming.count()) >= 1, 'a recommendation names the twenty measures');
    assert.match((await naming.first().textContent()) ?? '', /解除/);
    assert.doesNotMatch((await page.locator('[data-testid=evaluation-table]').textContent()) ?? '', /cn-20-measures/);
    // "active now" is the zone list's count for the day.
    const list = await page.evaluate(
      async () =>
        (await (await fetch('/api/v1/zones?date=2022-11-11&status=active&pageSize=1')).json()).total as number,
    );
    assert.match(
      (await text(page, '[data-testid=evaluation-summary]')) ?? '',
      new RegExp(`现在管 ${list.toLocaleString('zh-CN')} 个`),
    );
    await page.screenshot({ path: join(screenshots, 'zones-evaluation.png') });

    await page.locator('[data-testid=lang-toggle]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=evaluation-rule]')?.textContent?.startsWith('Twenty measures · '),
    );
    assert.doesNotMatch((await text(page, '[data-testid=evaluation-reason]')) ?? '', /\p{Script=Han}/u);
    assert.equal(await text(page, '[data-testid=policy-name]'), 'Twenty measures');
  });

  it('replays a zone’s page under the version a link names, and links back to the one in force', {
    timeout: TIMEOUT,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1366, height: 900 } });
    if (!page) return;
    await signIn(page, 'commander');
    // As a policy difference links it: 10 November, the 9th edition's last day, replayed under the 20 measures.
    await goHash(page, '#/zones/evaluation?date=2022-11-10&policy=cn-20-measures');
    await page.locator('[data-testid=evaluation-replay]').waitFor();
    // A medium zone: the 20 measures abolish the level, so its page's replay differs from the day's rule.
    const medium = page.locator('[data-testid=evaluation-row]', { hasText: '不再设' }).first();
    const link = medium.locator('[data-testid=zone-link]');
    assert.match((await link.getAttribute('href')) ?? '', /policy=cn-20-measures/);
    await link.click();
    const card = page.locator('[data-testid=zone-evaluation]');
    await card.locator('[data-testid=zone-evaluation-replay]').waitFor();
    const url = new URL(page.url().replace('#/', ''));
    assert.deepEqual([url.searchParams.get('date'), url.searchParams.get('policy')], ['2022-11-10', 'cn-20-measures']);
    assert.match(
      (await text(page, '[data-testid=zone-evaluation-replay]')) ?? '',
      /按版本 cn-20-measures 回放（当日现行版本：cn-9th-edition）/,
    );
    const item = card.locator('[data-testid=zone-evaluation-item]');
    assert.equal(await item.getAttribute('data-policy'), 'cn-20-measures');
    assert.equal(await card.locator('[data-testid=zone-evaluation-verdict]').getAttribute('data-eligible'), 'true');
    assert.match((await text(page, '[data-testid=zone-evaluation-rule]')) ?? '', /二十条措施 · 不再设中风险区/);
    await page.screenshot({ path: join(screenshots, 'zone-detail-replay.png'), fullPage: true });
    // Back to the version in force: the same zone and day, evaluated by the 9th edition.
    await card.locator('[data-testid=zone-evaluation-in-force]').click();
    await card.locator('[data-testid=zone-evaluation-version]').waitFor();
    assert.equal(new URL(page.url().replace('#/', '')).searchParams.get('policy'), null);
    assert.equal(await item.getAttribute('data-policy'), 'cn-9th-edition');
    assert.equal(await card.locator('[data-testid=zone-evaluation-replay]').count(), 0);
    assert.match((await text(page, '[data-testid=zone-evaluation-version]')) ?? '', /cn-9th-edition/);
    await page.screenshot({ path: join(screenshots, 'zone-detail-in-force.png'), fullPage: true });
  });

  it('refuses a lift the policy does not allow, then records it with a reason', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'commander');
    // a high-risk zone designated on 14 Nov: under the twenty measures it needs five clean days
    const one = await page.request.get(`${suite.server.url}/api/v1/zones?date=${DAY}&pageSize=1`);
    const sample = ((await one.json()) as { items: { communityCode: string; districtCode: string }[] }).items[0];
    assert.ok(sample, 'the demo has zones');
    const created = await page.request.post(`${suite.server.url}/api/v1/zones`, {
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

  it('forms a task force through the dialog, then adds an overdue duty and closes it', {
    timeout: TIMEOUT,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server);
    if (!page || !suite.server) return;
    await signIn(page, 'commander');
    // designated now, so the policy in force is cn-10-measures (which has high zones); the screen opens on today
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const stamp = Date.now().toString(36);
    const created = await page.request.post(`${suite.server.url}/api/v1/zones`, {
      data: {
        name: `专班测试楼${stamp}`,
        level: 'high',
        unit: 'building',
        communityCode: '350102001001',
        residents: 50,
        noticeNo: `榕测防〔2022〕${stamp}号`,
        noticeDistrict: '350102',
        effectiveAt: new Date().toISOString(),
      },
    });
    assert.equal(created.status(), 201, await created.text());
    const { zone } = (await created.json()) as { zone: { code: string; level: string; status: string } };
    assert.deepEqual([zone.level, zone.status], ['high', 'active']);

    type Cadre = { id: number; name: string; rank: string; homeUnit: string };
    const free = async (rank: string) => {
      const res = await page.request.get(`${suite.server?.url}/api/v1/cadres?rank=${rank}&free=true`);
      assert.equal(res.status(), 200, await res.text());
      return ((await res.json()) as { items: Cadre[] }).items;
    };
    const leader = (await free('section'))[0];
    const member = (await free('clerk'))[0];
    assert.ok(leader && member, 'the demo has free section-level cadres and clerks');

    await goHash(page, `#/zones/detail?code=${encodeURIComponent(zone.code)}&date=${today}`);
    await page.locator('[data-testid=task-force]').or(page.getByText('尚未组建工作专班。')).first().waitFor();
    const open = page.locator('[data-testid=taskforce-open]');
    assert.equal((await open.textContent())?.trim(), '组建专班');
    await open.click();

    const form = page.locator('[data-testid=taskforce-form]');
    const leaderSelect = form.locator('select[name=leaderId]');
    await leaderSelect.locator(`option[value="${leader.id}"]`).waitFor({ state: 'attached' });
    assert.equal(
      await leaderSelect.locator(`option[value="${member.id}"]`).count(),
      0,
      'a clerk is not offered as leader',
    );
    assert.match((await leaderSelect.locator(`option[value="${leader.id}"]`).textContent()) ?? '', /科级/);
    assert.equal(await form.locator('[data-testid=taskforce-submit]').isDisabled(), true, 'no leader chosen yet');
    await leaderSelect.selectOption(String(leader.id));
    assert.equal((await form.locator('[data-testid=leader-rank]').textContent())?.trim(), '科级');

    // the clerk is offered as a member; find them and put them in the medical group
    await form.locator('input[name=cadreFilter]').fill(member.name);
    const candidate = form.locator(`[data-testid=cadre-candidate][data-id="${member.id}"]`);
    assert.equal(await candidate.getAttribute('data-rank'), 'clerk');
    await candidate.locator('[data-testid=candidate-add]').click();
    const chosen = form.locator('[data-testid=taskforce-member]');
    assert.equal(await chosen.count(), 1);
    await chosen.locator('select[name=group]').selectOption('medical');

    // a clerk as leader (sent past the form) is refused by the server, and its message is shown
    let swapped = false;
    await page.route(
      '**/api/v1/zones/*/task-force',
      async (route) => {
        swapped = true;
        const body = route.request().postDataJSON() as Record<string, unknown>;
        await route.continue({ postData: JSON.stringify({ ...body, leaderId: member.id }) });
      },
      { times: 1 },
    );
    await form.locator('[data-testid=taskforce-submit]').click();
    const refusal = form.locator('[data-testid=taskforce-error]');
    await refusal.waitFor();
    assert.ok(swapped, 'the request went through the swap');
    assert.equal(await refusal.getAttribute('data-code'), 'TASKFORCE_LEADER_RANK');
    assert.match((await refusal.textContent()) ?? '', /专班组长须为科级及以上干部/);
    assert.match((await refusal.textContent()) ?? '', new RegExp(`${member.name}.*科员`));
    await page.screenshot({ path: join(screenshots, 'zone-taskforce.png') });

    // as chosen, it is formed
    await form.locator('[data-testid=taskforce-submit]').click();
    await page.locator('[data-testid=zone-done]').waitFor();
    assert.equal(await form.count(), 0, 'the dialog closed');
    const shown = page.locator('[data-testid=task-force-leader]');
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid=task-force-leader]')?.textContent?.includes(name),
      leader.name,
    );
    assert.match((await shown.textContent()) ?? '', /科级/);
    assert.match((await page.locator('[data-testid=group-medical]').textContent()) ?? '', new RegExp(member.name));
    assert.equal(await open.count(), 0, 'a zone with a task force offers no second one');

    // a duty due two hours ago is overdue
    const title = `垃圾清运测试${stamp}`;
    await page.locator('[data-testid=duty-add]').click();
    const dutyForm = page.locator('[data-testid=duty-form]');
    await dutyForm.locator('select[name=kind]').selectOption('garbage');
    await dutyForm.locator('input[name=title]').fill(title);
    await dutyForm.locator('input[name=owner]').fill('网格员 王五');
    const past = new Date(Date.now() + 8 * 3600_000 - 2 * 3600_000).toISOString().slice(0, 16);
    await dutyForm.locator('input[name=dueAt]').fill(past);
    await dutyForm.locator('[data-testid=duty-past-hint]').waitFor();
    await dutyForm.locator('[data-testid=duty-submit]').click();
    const duty = page.locator('[data-testid=duty]').filter({ hasText: title });
    await duty.waitFor();
    assert.equal(await dutyForm.count(), 0, 'the duty dialog closed');
    assert.equal(await duty.getAttribute('data-overdue'), 'true');
    assert.match((await duty.getAttribute('class')) ?? '', /duty-overdue/);
    assert.match((await duty.textContent()) ?? '', /逾期/);
    assert.match((await duty.textContent()) ?? '', /垃圾清运/);
    await page.locator('[data-testid=duties-overdue]').waitFor();

    // closed with a note
    await duty.locator('[data-testid=duty-close]').click();
    const closeForm = page.locator('[data-testid=duty-close-form]');
    assert.equal(await closeForm.locator('[data-testid=duty-close-submit]').isDisabled(), true, 'a note is needed');
    await closeForm.locator('textarea[name=note]').fill('已清运并完成消杀');
    await closeForm.locator('[data-testid=duty-close-submit]').click();
    await page.waitForFunction(
      (t) =>
        [...document.querySelectorAll('[data-testid=duty]')].some(
          (d) => d.textContent?.includes(t) && d.getAttribute('data-closed') === 'true',
        ),
      title,
    );
    assert.equal(await duty.getAttribute('data-overdue'), 'false');
    assert.match((await duty.textContent()) ?? '', /已办结/);
    assert.match((await duty.textContent()) ?? '', /已清运并完成消杀/);
    assert.equal(await duty.locator('[data-testid=duty-close]').count(), 0, 'a closed duty cannot be closed again');
    assert.equal(await page.locator('[data-testid=duties-overdue]').count(), 0);

    await page.locator('[data-testid=lang-toggle]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=duty-add]')?.textContent?.trim() === 'Add duty',
    );
    assert.match((await duty.textContent()) ?? '', /Closed/);
  });

  it('fits the zones on a phone screen', { timeout: TIMEOUT }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, {
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
