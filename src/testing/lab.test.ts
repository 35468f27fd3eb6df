import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { assertStateMatchesDatabase } from '../../test/helpers/invariants.ts';
import { insertResidents, residentId } from '../../test/helpers/testing.ts';
import { setClock } from '../platform/clock.ts';
import { importResults } from './results.service.ts';
import { recordSamples } from './samples.service.ts';
import { createCampaign, createSites } from './testing.service.ts';
import { percentile, turnaroundOf } from './turnaround.rules.ts';

const id = (n: number) => residentId(n, '19850612');
const H = 3600_000;

test('turnaround figures: percentiles, target, waiting tubes, and results without a receipt counted apart', () => {
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50), 5);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
  assert.equal(percentile([], 50), null);
  const t0 = Date.parse('2022-11-08T01:00:00Z');
  const iso = (h: number) => new Date(t0 + h * H).toISOString();
  const s = turnaroundOf(
    [
      { first_sampled_at: iso(0), received_at: iso(2), resulted_at: iso(8) },
      { first_sampled_at: iso(0), received_at: iso(3), resulted_at: iso(14) },
      { first_sampled_at: iso(0), received_at: null, resulted_at: iso(6) },
      { first_sampled_at: iso(0), received_at: iso(1), resulted_at: null },
      { first_sampled_at: iso(10), received_at: null, resulted_at: null },
    ],
    12,
    t0 + 15 * H,
  );
  assert.deepEqual(
    [s.tubes, s.received, s.resulted, s.resultedWithoutReceipt, s.withinTarget, s.pctWithinTarget],
    [5, 3, 3, 1, 2, 66.7],
  );
  assert.deepEqual([s.p50Hours, s.p90Hours, s.waitingPastTarget], [8, 14, 1]);
  assert.deepEqual([s.p50ToReceiptHours, s.p50InLabHours], [2, 6]);
});

for (const dialect of dialects()) {
  describe(`lab receipts, turnaround, alerts and exports on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    afterEach(() => assertStateMatchesDatabase(t.ctx));
    let lab = '';
    let gulou = '';
    let taijiang = '';
    let city = '';
    const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
    const post = (url: string, cookie: string, payload?: object) =>
      t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

    before(async () => {
      await insertResidents(t.ctx, 30, id, (n) => (n < 20 ? '350102001001' : '350103001002'));
      await createCampaign(t.ctx, 'system', {
        code: 'C1',
        name: 'round',
        startOn: '2022-11-08',
        endOn: '2022-11-09',
        areas: [
          { code: '350102', poolSize: 10 },
          { code: '350103', poolSize: 10 },
        ],
      });
      await createSites(t.ctx, 'system', [
        { code: 'S1', name: 'site 1', communityCode: '350102001001', lanes: 2, hours: '7-21' },
        { code: 'S2', name: 'site 2', communityCode: '350103001002', lanes: 2, hours: '7-21' },
      ]);
      // T1, T2 in Gulou (S1); T3 in Taijiang (S2): ten swabs each, sampled at 09:00 Beijing time.
      await recordSamples(
        t.ctx,
        'system',
        Array.from({ length: 25 }, (_, n) => ({
          row: n + 2,
          tubeCode: n < 10 ? 'T1' : n < 20 ? 'T2' : 'T3',
          poolSize: 10,
          sampledAt: '2022-11-08T09:00:00+08:00',
          siteCode: n < 20 ? 'S1' : 'S2',
          idNumber: id(n),
        })),
        'x',
      );
      await t.user('lab', 'lab', { kind: 'city', code: '3501' });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('taijiang', 'district-officer', { kind: 'district', code: '350103' });
      await t.user('city', 'commander', { kind: 'city', code: '3501' });
      lab = await t.login('lab');
      gulou = await t.login('gulou');
      taijiang = await t.login('taijiang');
      city = await t.login('city');
    });

    test('a lab marks a batch received: idempotent, and an unknown or impossible tube is answered on its own', async () => {
      const body = { labCode: 'L1', receivedAt: '2022-11-08T11:00:00+08:00', tubeCodes: ['T1', 'NOPE', 'T1'] };
      const first = await post('/api/v1/tube-receipts', lab, body);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(
        first
          .json()
          .items.map(
            (i: { tubeCode: string; status: string; code?: string }) => `${i.tubeCode}:${i.status}:${i.code ?? ''}`,
          ),
        ['T1:received:', 'NOPE:error:TUBE_UNKNOWN'],
      );
      assert.match(first.json().items[1].message.en, /NOPE/);
      const again = await post('/api/v1/tube-receipts', lab, {
        ...body,
        labCode: 'L2',
        receivedAt: '2022-11-08T12:00:00+08:00',
      });
      assert.deepEqual([again.json().received, again.json().unchanged], [0, 1]);
      assert.equal(again.json().items[0].labCode, 'L1', 'the first receipt stands');
      const early = await post('/api/v1/tube-receipts', lab, {
        labCode: 'L1',
        receivedAt: '2022-11-08T08:00:00+08:00',
        tubeCodes: ['T2'],
      });
      assert.equal(early.json().items[0].code, 'TUBE_RECEIVED_BEFORE_SAMPLING');
      const officer = await post('/api/v1/tube-receipts', gulou, body);
      assert.equal(officer.statusCode, 403, 'only labs record receipts');
      const audit = await t.ctx.db.k
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'tubes-received')
        .execute();
      assert.equal(audit.length, 1);
    });

    test('results import takes an optional received_at; without one the receipt stays unknown; a positive pool alerts its district once', async () => {
      const csv = [
        'tube_code,result,resulted_at,lab_code,ct_value,received_at',
        'T1,negative,2022-11-08T17:00:00+08:00,L1,,',
        'T2,positive,2022-11-08T23:30:00+08:00,L2,31,2022-11-08T12:00:00+08:00',
        'T3,negative,2022-11-08T15:00:00+08:00,L2,,',
      ].join('\n');
      const bad = await importResults(
        t.ctx,
        'cli',
        Buffer.from(csv.replace('2022-11-08T12:00:00+08:00', '2022-11-09T12:00:00+08:00')),
        'r.csv',
      ).catch((e) => e);
      assert.deepEqual(
        bad.details.map((d: { row: number; column: string; code: string }) => `${d.row}:${d.column}:${d.code}`),
        ['3:received_at:TUBE_RECEIVED_AFTER_RESULT'],
      );
      const preview = await importResults(t.ctx, 'cli', Buffer.from(csv), 'r.csv', { dryRun: true });
      assert.deepEqual([preview.recorded, preview.positive, preview.withoutReceipt], [3, 1, 1]);
      const untouched = await t.ctx.db.k.selectFrom('tubes').select('code').where('result', 'is not', null).execute();
      assert.equal(untouched.length, 0, 'a preview records nothing');
      const r = await importResults(t.ctx, 'cli', Buffer.from(csv), 'r.csv');
      assert.deepEqual([r.recorded, r.positive, r.withoutReceipt], [3, 1, 1]);
      const again = await importResults(t.ctx, 'cli', Buffer.from(csv), 'r.csv');
      assert.equal(again.recorded, 0);
      const tubes = await t.ctx.db.k
        .selectFrom('tubes')
        .select(['code', 'received_at', 'receiving_lab'])
        .orderBy('code')
        .execute();
      assert.deepEqual(
        tubes.map((x) => [x.code, x.received_at, x.receiving_lab]),
        [
          ['T1', '2022-11-08T03:00:00.000Z', 'L1'],
          ['T2', '2022-11-08T04:00:00.000Z', 'L2'],
          ['T3', null, null],
        ],
        'a result never invents its receipt',
      );
      const alerts = await t.ctx.db.k.selectFrom('testing_alerts').selectAll().execute();
      assert.deepEqual(
        alerts.map((a) => [a.kind, a.district_code, a.tube_code]),
        [['positive-pool', '350102', 'T2']],
      );
    });

    test('turnaround by round and lab against the target', async () => {
      const r = await get('/api/v1/campaigns/C1/turnaround?round=1', city);
      assert.equal(r.statusCode, 200, r.body);
      const b = r.json();
      assert.equal(b.targetHours, 12);
      assert.deepEqual(
        [b.selected.tubes, b.selected.resulted, b.selected.withinTarget, b.selected.resultedWithoutReceipt],
        [3, 3, 2, 1],
      );
      assert.deepEqual([b.selected.p50Hours, b.selected.p90Hours], [8, 14.5]);
      assert.deepEqual(
        b.labs.map((l: { lab: string; tubes: number; p50Hours: number }) => [l.lab, l.tubes, l.p50Hours]),
        [
          ['L1', 1, 8],
          ['L2', 2, 6],
        ],
      );
      const loose = await get('/api/v1/campaigns/C1/turnaround?round=1&targetHours=16', city);
      assert.equal(loose.json().selected.pctWithinTarget, 100);
      const mine = await get('/api/v1/campaigns/C1/turnaround', taijiang);
      assert.equal(mine.json().total.tubes, 1, 'a district sees its own tubes');
    });

    test('alerts are scoped to the district; acknowledging is audited and happens once', async () => {
      const own = await get('/api/v1/testing-alerts?open=true', gulou);
      assert.equal(own.json().items.length, 1);
      const [alert] = own.json().items;
      assert.deepEqual([alert.tubeCode, alert.campaign, alert.districtCode], ['T2', 'C1', '350102']);
      assert.equal((await get('/api/v1/testing-alerts', taijiang)).json().items.length, 0);
      assert.equal((await get('/api/v1/testing-alerts', city)).json().items.length, 1);
      assert.equal((await get('/api/v1/testing-alerts?district=350102', taijiang)).statusCode, 403);
      // Nothing after the business clock: before the result the alert is not there yet.
      setClock(new Date(Date.parse(alert.createdAt) - 60_000).toISOString());
      try {
        assert.equal((await get('/api/v1/testing-alerts', city)).json().items.length, 0);
      } finally {
        setClock(null);
      }
      assert.equal((await post(`/api/v1/testing-alerts/${alert.id}/ack`, taijiang)).statusCode, 403);
      const byLab = await post(`/api/v1/testing-alerts/${alert.id}/ack`, lab);
      assert.equal(byLab.json().error.code, 'FORBIDDEN', 'the lab that raised it does not take it on');
      const ack = await post(`/api/v1/testing-alerts/${alert.id}/ack`, gulou);
      assert.equal(ack.statusCode, 200, ack.body);
      assert.match(ack.json().alert.acknowledgedBy, /gulou/);
      const twice = await post(`/api/v1/testing-alerts/${alert.id}/ack`, city);
      assert.equal(twice.json().error.code, 'ALERT_ACKED');
      assert.equal((await get('/api/v1/testing-alerts?open=true', city)).json().items.length, 0);
      // At a moment before the acknowledgement, the alert was still open.
      setClock(new Date(Date.parse(alert.createdAt) + 60_000).toISOString());
      try {
        const then = (await get('/api/v1/testing-alerts?open=true', city)).json().items;
        assert.deepEqual([then.length, then[0]?.acknowledgedBy], [1, null]);
      } finally {
        setClock(null);
      }
      const audit = await t.ctx.db.k
        .selectFrom('audit_log')
        .select(['actor', 'entity_id'])
        .where('action', '=', 'testing-alert-acknowledged')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.actor.endsWith(':gulou'), a.entity_id]),
        [[true, String(alert.id)]],
      );
    });

    test('a site position must lie inside Fuzhou, on create and on change', async () => {
      const site = { code: 'S-9', name: 'site 9', communityCode: '350102001001', lanes: 2, hours: '7-21' };
      const shanghai = await post('/api/v1/sampling-sites', gulou, { ...site, lng: 121.47, lat: 31.23 });
      assert.equal(shanghai.statusCode, 400, shanghai.body);
      assert.equal(shanghai.json().error.code, 'SITE_OUTSIDE_CITY');
      const half = await post('/api/v1/sampling-sites', gulou, { ...site, lng: 119.3 });
      assert.equal(half.json().error.code, 'SITE_OUTSIDE_CITY', 'both coordinates or neither');
      assert.equal((await post('/api/v1/sampling-sites', gulou, { ...site, lng: 119.29, lat: 26.08 })).statusCode, 201);
      const patch = (code: string, payload: object, cookie = gulou) =>
        t.app.inject({ method: 'PATCH', url: `/api/v1/sampling-sites/${code}`, headers: { cookie }, payload });
      assert.equal((await patch('S-9', { lat: 40 })).json().error.code, 'SITE_OUTSIDE_CITY');
      assert.equal((await patch('S-9', { lng: 119.31, lat: 26.09, status: 'paused' })).statusCode, 200);
      assert.equal((await patch('S2', { lng: 119.31, lat: 26.05 }, gulou)).statusCode, 403, 'a Taijiang site');
      const listed = (await get('/api/v1/sampling-sites', gulou))
        .json()
        .items.find((x: { code: string }) => x.code === 'S-9');
      assert.deepEqual([listed.lng, listed.lat, listed.status], [119.31, 26.09, 'paused']);
    });

    test('the not-yet-sampled list downloads as a workbook of masked rows', async () => {
      const r = await get('/api/v1/campaigns/C1/unsampled.xlsx?round=1&community=350103001002', city);
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      assert.ok(ws);
      const rows: string[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
      assert.match(rows[0]?.[0] ?? '', /Resident ID/);
      assert.equal(rows.length - 1, 5, 'persons 25–29 of Taijiang were not sampled');
      for (const row of rows.slice(1)) {
        assert.match(row[0] ?? '', /\*/, 'IDs are masked');
        assert.doesNotMatch(row.join(' '), /\d{17}[\dX]/, 'no clear resident ID');
        assert.match(row[3] ?? '', /350103001002/);
      }
      assert.equal(
        (await get('/api/v1/campaigns/C1/unsampled.xlsx?round=1&community=350103001002', gulou)).statusCode,
        403,
      );
    });
  });
}
