import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { insertCadres } from '../zones/taskforce.repo.ts';
import { withCheckChar } from './appeals.rules.ts';
import { upsertAccount } from './enterprises.repo.ts';
import { saveEnterprise } from './enterprises.service.ts';
import { submitReport } from './whitelist.service.ts';

const A = withCheckChar('91350102MA2Y8K3P0');
const B = withCheckChar('91350104MA31XK7Q2');
const C = withCheckChar('91350111MA33PQ8R1');
const DAY = '2022-11-05';
const report = (production: 'normal' | 'reduced' | 'stopped', over: Record<string, unknown> = {}) => ({
  day: DAY,
  production,
  capacityPct: production === 'normal' ? 95 : production === 'reduced' ? 50 : 0,
  materialDays: 10,
  logisticsBlocked: false,
  staffOnSite: 100,
  staffClosedLoop: 0,
  ...over,
});

async function rowsOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]?.eachRow((r) => {
    out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return out;
}

for (const dialect of dialects()) {
  describe(`enterprise screens HTTP on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    await t.user('handler', 'appeals-handler', { kind: 'city', code: '3501' });
    await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
    await t.user('liaison', 'enterprise', { kind: 'city', code: '3501' });
    const [cadre] = await t.ctx.db.k
      .transaction()
      .execute((trx) => insertCadres(trx, [{ name: '林晓', rank: 'section', home_unit: '市工业和信息化局' }]));
    await upsertAccount(t.ctx.db.k, {
      username: 'liaison',
      unit: null,
      enterprise_id: null,
      cadre_id: cadre as number,
    });
    const ent = (code: string, districtCode: string, name: string, tiers: string[]) =>
      saveEnterprise(t.ctx, 'system', {
        creditCode: code,
        name,
        industry: '电子信息',
        districtCode,
        size: 'large',
        tiers: tiers as never,
        liaisonCadreId: cadre as number,
        contactName: '陈明',
        phone: '13800005678',
      });
    await ent(A, '350102', '福州榕光电子有限公司', ['national', 'leader']);
    await ent(B, '350104', '福州闽江纺织有限公司', ['provincial']);
    await ent(C, '350111', '福州鼓山食品有限公司', ['city']);
    await submitReport(t.ctx, 'system', A, report('normal'), '2022-11-05T09:00:00.000Z');
    await submitReport(t.ctx, 'system', B, report('stopped'), '2022-11-05T09:00:00.000Z');
    const handler = await t.login('handler');
    const gulou = await t.login('gulou');
    const liaison = await t.login('liaison');
    const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

    test('whitelist breakdown counts by tier and district and lists the troubled and the missing', async () => {
      const r = await get(`/api/v1/whitelist/breakdown?date=${DAY}`, handler);
      assert.equal(r.statusCode, 200, r.body);
      const b = r.json();
      assert.deepEqual(b.counts, { normal: 1, reduced: 0, stopped: 1, missing: 1 });
      assert.equal(b.whitelisted, 3);
      const tier = (k: string) => b.byTier.find((x: { key: string }) => x.key === k);
      assert.equal(tier('national').normal, 1);
      assert.equal(tier('provincial').stopped, 1);
      assert.equal(tier('city').missing, 1);
      assert.equal(b.byDistrict.find((d: { key: string }) => d.key === '350104').stopped, 1);
      assert.deepEqual(
        b.troubled.map((x: { creditCode: string }) => x.creditCode),
        [B],
      );
      assert.match(b.troubled[0].reasons.join(), /停产/);
      assert.deepEqual(
        b.missing.map((x: { creditCode: string }) => x.creditCode),
        [C],
      );
      // without a date the board opens on the latest reported day
      assert.equal((await get('/api/v1/whitelist/breakdown', handler)).json().day, DAY);
      // a district officer sees only their district
      const g = (await get(`/api/v1/whitelist/breakdown?date=${DAY}`, gulou)).json();
      assert.deepEqual(g.counts, { normal: 1, reduced: 0, stopped: 0, missing: 0 });
      const xlsx = await get(`/api/v1/whitelist/board.xlsx?date=${DAY}`, handler);
      assert.equal(xlsx.statusCode, 200);
      const rows = await rowsOf(xlsx.rawPayload);
      assert.equal(rows.length, 3);
      assert.match(rows[1]?.[4] ?? '', /停产 stopped/);
      assert.match(rows[2]?.[4] ?? '', /未报 missing/);
    });

    test('the registry exports the filtered list with contacts masked', async () => {
      const r = await get('/api/v1/enterprises/export.xlsx?tier=national', handler);
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /spreadsheetml/);
      const rows = await rowsOf(r.rawPayload);
      assert.equal(rows.length, 2);
      assert.equal(rows[1]?.[0], A);
      assert.equal(rows[1]?.[8], '138****5678');
      assert.ok(!rows.flat().some((c) => c.includes('13800005678')));
    });

    test('enterprise overview: reports, tasks and appeals; outside the officer’s district it is not found', async () => {
      const r = await get(`/api/v1/enterprises/${B}/overview`, handler);
      assert.equal(r.statusCode, 200, r.body);
      const o = r.json();
      assert.equal(o.enterprise.creditCode, B);
      assert.equal(o.reports[0].production, 'stopped');
      assert.equal(o.appeals.total, 1);
      assert.equal(o.tasks.length, 1);
      assert.equal((await get(`/api/v1/enterprises/${B}/overview`, gulou)).statusCode, 404);
    });

    test('the liaison desk shows the day’s report status, and filing a report turns missing into reported', async () => {
      const before = (await get(`/api/v1/liaison/desk?date=${DAY}`, liaison)).json();
      assert.deepEqual(
        { reported: before.counts.reported, missing: before.counts.missing },
        { reported: 2, missing: 1 },
      );
      assert.equal(before.enterprises.find((e: { creditCode: string }) => e.creditCode === C).report, null);
      const filed = await t.app.inject({
        method: 'POST',
        url: `/api/v1/enterprises/${C}/reports`,
        headers: { cookie: liaison },
        payload: report('reduced'),
      });
      assert.equal(filed.statusCode, 201, filed.body);
      const later = (await get(`/api/v1/liaison/desk?date=${DAY}`, liaison)).json();
      assert.equal(later.counts.missing, 0);
      assert.equal(later.enterprises.find((e: { creditCode: string }) => e.creditCode === C).report.capacityPct, 50);
      assert.ok(later.tasks.length >= 2);
      const xlsx = await get(`/api/v1/liaison/export.xlsx?date=${DAY}`, liaison);
      assert.equal((await rowsOf(xlsx.rawPayload)).length, 4);
      // a handler has no liaison desk
      assert.equal((await get('/api/v1/liaison/desk', handler)).statusCode, 403);
    });

    test('daily volume by channel adds up to the dashboard total', async () => {
      const v = (await get('/api/v1/appeals/dashboard/volume?from=2022-11-01&to=2022-11-07', handler)).json();
      const d = (await get('/api/v1/appeals/dashboard?from=2022-11-01&to=2022-11-07', handler)).json();
      assert.equal(
        v.items.reduce((s: number, x: { n: number }) => s + x.n, 0),
        d.total,
      );
      assert.ok(v.items.every((x: { channel: string }) => ['web', 'mobile', 'hotline'].includes(x.channel)));
    });
  });
}
