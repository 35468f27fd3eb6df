import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import { setClock } from '../platform/clock.ts';
import { insertEvents, insertZone } from '../zones/zones.repo.ts';
import { event } from '../zones/zones.service.ts';
import { linkManager, outletsByCode } from './registry.repo.ts';

// Business time as the demo server keeps it: the scenario's evening of 11 November.
const NOW = '2022-11-11T20:00:00+08:00';
const OUTLETS =
  '网点编码,快递企业,网点名称,区县代码,网点地址,营业状态,快递员人数\r\n' +
  'GL-SF-01,顺丰速运,鼓楼东街营业部,350102,东街 1 号,营业,12\r\n' +
  'CS-YTO-01,圆通速递,仓山圆通,350104,南江滨 3 号,营业,5\r\n';
const community = (district: string) =>
  DIVISIONS.find((d) => d.level === 'community' && d.code.startsWith(district))?.code as string;

/**
 * A zone as the demo seeds it: the row holds the level after the last notice on record (the demo
 * records lifts after its scenario day), and the notices say when each level took effect.
 */
async function zone(
  t: Awaited<ReturnType<typeof testApp>>,
  code: string,
  district: string,
  notices: Array<[string, 'designate' | 'lift' | 'downgrade', 'high' | 'medium' | 'low' | null]>,
  row: { level: string; status: string } = { level: 'low', status: 'lifted' },
) {
  const c = community(district);
  await t.ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertZone(trx, {
      code,
      name: `${code} 小区`,
      level: row.level,
      status: row.status,
      unit: 'compound',
      district_code: district,
      street_code: c.slice(0, 9),
      community_code: c,
      polygon: null,
      residents: 100,
      designated_on: (notices[0]?.[0] ?? '2022-11-01').slice(0, 10),
      lifted_on: null,
      created_at: NOW,
    });
    await insertEvents(
      trx,
      notices.map(([at, kind, to]) => ({
        ...event(id, at.slice(0, 10), 'round', 'system', {}),
        kind,
        to_level: to,
        at: `${at}+08:00`,
      })),
    );
  });
}

for (const dialect of dialects()) {
  describe(`delivery points into sealed zones on ${dialect}`, async () => {
    const t = await testApp(dialect);
    const cookies: Record<string, string> = {};
    const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, type?: string) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: cookies[who] as string, ...(type ? { 'content-type': type } : {}) },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    before(async () => {
      setClock(NOW);
      await t.user('post', 'postal-regulator', { kind: 'city', code: '3501' });
      await t.user('cangshan', 'district-officer', { kind: 'district', code: '350104' });
      const mgr = await t.user('mgr', 'outlet-manager', { kind: 'district', code: '350102' });
      for (const u of ['post', 'cangshan', 'mgr']) cookies[u] = await t.login(u, PASSWORD);
      const r = await call('post', 'POST', '/api/v1/imports/courier-outlets', OUTLETS, 'text/csv');
      assert.equal(r.statusCode, 200, r.body);
      const o = (await outletsByCode(t.ctx.db, ['GL-SF-01'])).get('GL-SF-01');
      await t.ctx.db.k.transaction().execute((trx) => linkManager(trx, mgr.id, Number(o?.id)));
      // Sealed tonight although each row already says lifted (their lifts are on record for later days).
      await zone(t, 'Z350102-0001', '350102', [
        ['2022-11-03T20:00:00', 'designate', 'high'],
        ['2022-11-13T18:00:00', 'lift', null],
      ]);
      await zone(t, 'Z350104-0001', '350104', [
        ['2022-11-05T20:00:00', 'designate', 'medium'],
        ['2022-11-14T18:00:00', 'lift', null],
      ]);
      // Lifted already, lifted an hour ago, not yet in force, and one entered without notices.
      await zone(t, 'Z350102-0002', '350102', [
        ['2022-11-01T20:00:00', 'designate', 'medium'],
        ['2022-11-09T18:00:00', 'lift', null],
      ]);
      await zone(t, 'Z350102-0003', '350102', [
        ['2022-11-02T20:00:00', 'designate', 'high'],
        ['2022-11-11T19:00:00', 'lift', null],
      ]);
      await zone(t, 'Z350102-0004', '350102', [['2022-11-11T22:00:00', 'designate', 'high']], {
        level: 'high',
        status: 'active',
      });
      await zone(t, 'Z350104-0002', '350104', [], { level: 'high', status: 'active' });
    });
    after(async () => {
      setClock(null);
      await t.close();
    });
    const codes = (r: Awaited<ReturnType<typeof call>>) => {
      assert.equal(r.statusCode, 200, r.body);
      return (r.json().items as Array<{ code: string }>).map((z) => z.code);
    };

    test('the picker lists the zones sealed at business time by their notices, high first', async () => {
      const r = await call('post', 'GET', '/api/v1/courier/delivery-points/zones');
      assert.deepEqual(codes(r), ['Z350102-0001', 'Z350104-0002', 'Z350104-0001']);
      assert.deepEqual([r.json().areas, r.json().sealed], [['3501'], 3]);
      const z = r.json().items[0];
      assert.deepEqual([z.level, z.districtName, z.points], ['high', '鼓楼区', 0]);
      assert.deepEqual(codes(await call('post', 'GET', '/api/v1/courier/delivery-points/zones?q=0104-0001')), [
        'Z350104-0001',
      ]);
      assert.deepEqual(codes(await call('post', 'GET', '/api/v1/courier/delivery-points/zones?q=鼓楼')), [
        'Z350102-0001',
      ]);
      setClock('2022-11-13T19:00:00+08:00');
      assert.deepEqual(codes(await call('post', 'GET', '/api/v1/courier/delivery-points/zones')), [
        'Z350102-0004',
        'Z350104-0002',
        'Z350104-0001',
      ]);
      setClock(NOW);
    });

    test('an outlet manager sees and serves their outlet’s district only; a district officer theirs', async () => {
      const m = await call('mgr', 'GET', '/api/v1/courier/delivery-points/zones');
      assert.deepEqual([codes(m), m.json().areas], [['Z350102-0001'], ['350102']]);
      assert.deepEqual(codes(await call('cangshan', 'GET', '/api/v1/courier/delivery-points/zones')), [
        'Z350104-0002',
        'Z350104-0001',
      ]);
      const body = (zoneCode: string) => JSON.stringify({ zoneCode, kind: 'smart-locker', name: `${zoneCode} 快件箱` });
      const elsewhere = await call(
        'mgr',
        'POST',
        '/api/v1/courier/delivery-points',
        body('Z350104-0001'),
        'application/json',
      );
      assert.equal(elsewhere.json().error?.code, 'COURIER_ZONE_UNKNOWN');
      const own = await call(
        'mgr',
        'POST',
        '/api/v1/courier/delivery-points',
        body('Z350102-0001'),
        'application/json',
      );
      assert.equal(own.statusCode, 201, own.body);
      const theirs = await call(
        'post',
        'POST',
        '/api/v1/courier/delivery-points',
        body('Z350104-0001'),
        'application/json',
      );
      assert.equal(theirs.statusCode, 201, theirs.body);
      const put = (who: string, id: number) =>
        call(
          who,
          'PUT',
          `/api/v1/courier/delivery-points/${id}/deliveries`,
          JSON.stringify({ day: '2022-11-11', parcels: 42 }),
          'application/json',
        );
      assert.equal((await put('mgr', theirs.json().point.id)).json().error?.code, 'COURIER_POINT_UNKNOWN');
      assert.equal((await put('mgr', own.json().point.id)).json().point.parcels, 42);
      assert.equal((await put('cangshan', theirs.json().point.id)).statusCode, 403, 'a district officer only reads');
      const mine = (await call('mgr', 'GET', '/api/v1/courier/delivery-points')).json();
      assert.deepEqual(
        mine.items.map((p: { zoneCode: string }) => p.zoneCode),
        ['Z350102-0001'],
      );
      const picked = (await call('post', 'GET', '/api/v1/courier/delivery-points/zones')).json().items;
      assert.deepEqual(
        picked.map((z: { points: number }) => z.points),
        [1, 0, 1],
      );
    });
  });
}
