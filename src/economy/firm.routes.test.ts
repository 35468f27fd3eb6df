import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { withCheckChar } from '../appeals/appeals.rules.ts';
import { saveEnterprise } from '../appeals/enterprises.service.ts';
import { submitAppeal } from '../appeals/intake.service.ts';
import { submitReport } from '../appeals/whitelist.service.ts';
import { setClock } from '../platform/clock.ts';
import { addDays } from '../platform/dates.ts';

const FIRM = withCheckChar('91350102MA2Y8K3P0');
const OTHER = withCheckChar('91350104MA2Y8K3P1');

/** A Gulou firm falling to 30 % from 11-01, and a Cangshan firm holding level, since 10-01. */
function readings(): string {
  const lines = ['日期,户号,统一社会信用代码,区县,行业,用电量'];
  for (let d = '2022-10-01'; d <= '2022-11-06'; d = addDays(d, 1)) {
    const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    lines.push(`${d},GL-1,${FIRM},鼓楼区,C39,${(d >= '2022-11-01' ? 300 : 1000) * (weekend ? 0.5 : 1)}`);
    lines.push(`${d},CS-1,${OTHER},仓山区,C17,2000`);
  }
  return lines.join('\r\n');
}

for (const dialect of dialects()) {
  describe(`a firm's electricity page on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    const cookies: Record<string, string> = {};
    before(async () => {
      setClock('2022-11-07T10:00:00+08:00');
      await t.user('bureau', 'industry-bureau', { kind: 'city', code: '3501' });
      await t.user('chief', 'commander', { kind: 'city', code: '3501' });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('cangshan', 'district-officer', { kind: 'district', code: '350104' });
      await t.user('post', 'postal-regulator', { kind: 'city', code: '3501' });
      for (const u of ['bureau', 'chief', 'gulou', 'cangshan', 'post']) cookies[u] = await t.login(u);
      const firm = { industry: '电子信息', size: 'large' as const, districtCode: '350102', tiers: ['city' as const] };
      await saveEnterprise(t.ctx, 'system', { ...firm, creditCode: FIRM, name: '福州榕华电子有限公司' });
      await saveEnterprise(t.ctx, 'system', {
        ...firm,
        creditCode: OTHER,
        name: '福州闽江纺织有限公司',
        districtCode: '350104',
        tiers: [],
      });
      const report = { production: 'reduced' as const, capacityPct: 30, materialDays: 10, logisticsBlocked: false };
      await submitReport(t.ctx, 'system', FIRM, { ...report, day: '2022-11-05', staffOnSite: 40, staffClosedLoop: 40 });
      await submitAppeal(t.ctx, 'public', 'web', {
        idempotencyKey: 'firm-page-appeal-1',
        submitter: 'enterprise',
        creditCode: FIRM,
        phone: '138 0000 5678',
        category: 'logistics',
        urgency: 'normal',
        title: '货车通行证',
        content: '请协调办理重点物资运输车辆通行证',
      });
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/economy/settings',
        headers: { cookie: cookies.bureau as string },
        payload: { baselineFrom: '2022-10-01', baselineTo: '2022-10-28' },
      });
      assert.equal(put.statusCode, 200, put.body);
      const imp = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports/electricity',
        headers: { cookie: cookies.bureau as string, 'content-type': 'text/csv' },
        payload: readings(),
      });
      assert.equal(imp.statusCode, 200, imp.body);
    });
    after(() => setClock(null));
    const firmPage = (who: string, code = FIRM, q = '?to=2022-11-06') =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/economy/firms/${code}${q}`,
        headers: { cookie: cookies[who] as string },
      });

    test('the curve against its weekday baseline, the flags with rule and numbers, beside reports and appeals', async () => {
      const r = await firmPage('bureau');
      assert.equal(r.statusCode, 200, r.body);
      const p = r.json();
      assert.equal(p.enterprise.name, '福州榕华电子有限公司');
      assert.equal(p.date, '2022-11-06');
      assert.deepEqual(
        p.accounts.map((a: { account: string; districtName: string; industry: string }) => [
          a.account,
          a.districtName,
          a.industry,
        ]),
        [['GL-1', '鼓楼区', 'C39']],
      );
      const points = p.accounts[0].points as Array<{ day: string; kwh: number; baseline: number }>;
      assert.equal(points[0]?.day, '2022-10-01');
      // 11-06 is a Sunday: it stands against the Sundays of the window, not the weekdays.
      assert.deepEqual(points.at(-1), { day: '2022-11-06', kwh: 150, baseline: 500 });
      assert.deepEqual(
        points.find((x) => x.day === '2022-11-04'),
        { day: '2022-11-04', kwh: 300, baseline: 1000 },
      );
      const top = p.flags[0];
      assert.equal(top.day, '2022-11-06');
      assert.equal(top.account, 'GL-1');
      assert.equal(top.rule, 'account-below-share-days');
      assert.deepEqual([top.kwh, top.baseline, top.share, top.threshold, top.days], [150, 500, 0.3, 0.7, 3]);
      assert.match(top.message['zh-CN'], /福州榕华电子有限公司 GL-1 连续3天低于基线的70%/);
      assert.ok(p.flags.every((f: { day: string }) => f.day >= '2022-11-03' && f.day <= '2022-11-06'));
      assert.equal(typeof top.taskId, 'number');
      assert.deepEqual(
        p.reports.map((x: { day: string; production: string }) => [x.day, x.production]),
        [['2022-11-05', 'reduced']],
      );
      assert.equal(p.appeals.total, 1);
      assert.equal(p.appeals.items[0].title, '货车通行证');
      assert.ok(p.tasks.some((x: { id: number }) => x.id === top.taskId));
      assert.deepEqual(p.window, { from: '2022-10-01', to: '2022-10-28' });
      // Up to an earlier day: nothing after it.
      const earlier = (await firmPage('bureau', FIRM, '?to=2022-11-02')).json();
      assert.equal(earlier.accounts[0].points.at(-1).day, '2022-11-02');
      assert.deepEqual(earlier.flags, []);
    });

    test('the commander and the firm’s district read it; another district and other roles do not', async () => {
      assert.equal((await firmPage('chief')).statusCode, 200);
      assert.equal((await firmPage('gulou')).statusCode, 200);
      const away = await firmPage('cangshan');
      assert.equal(away.statusCode, 404, away.body);
      assert.equal(away.json().error.code, 'ENTERPRISE_NOT_FOUND');
      assert.equal((await firmPage('cangshan', OTHER)).json().accounts[0].account, 'CS-1');
      assert.equal((await firmPage('post')).statusCode, 403);
      assert.equal((await firmPage('bureau', withCheckChar('91350102MA2Y8K3P9'))).statusCode, 404);
      assert.equal((await firmPage('bureau', FIRM, '?to=11-06')).statusCode, 400);
    });
  });
}
