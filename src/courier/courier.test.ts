import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { recordTests } from '../../test/helpers/testing.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { setClock } from '../platform/clock.ts';
import { courierWorkerCheckJob } from './courier.job.ts';
import { linkManager, outletsByCode } from './registry.repo.ts';

const id = (n: number) => {
  const s = `35010219850612${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const NOW = '2022-11-07T10:00:00+08:00';
const OUTLETS =
  '网点编码,快递企业,网点名称,区县代码,网点地址,营业状态,快递员人数\r\n' +
  'GL-SF-01,顺丰速运,鼓楼东街营业部,350102,东街 1 号,营业,12\r\n' +
  'GL-ZTO-01,ZTO,鼓楼中通,350102,杨桥路 9 号,营业,8\r\n' +
  'CS-YTO-01,圆通速递,仓山圆通,350104,南江滨 3 号,封控区暂停,5\r\n';

for (const dialect of dialects()) {
  describe(`courier registry, worker tests, hold and tallies on ${dialect}`, async () => {
    const t = await testApp(dialect);
    const cookies: Record<string, string> = {};
    before(async () => {
      setClock(NOW);
      await t.user('post', 'postal-regulator', { kind: 'city', code: '3501' });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      const mgr = await t.user('mgr', 'outlet-manager', { kind: 'district', code: '350102' });
      await t.user('lab1', 'lab', { kind: 'city', code: '3501' });
      for (const u of ['post', 'gulou', 'mgr', 'lab1']) cookies[u] = await t.login(u, PASSWORD);
      const r = await call('post', 'POST', '/api/v1/imports/courier-outlets', OUTLETS, 'text/csv');
      assert.equal(r.statusCode, 200, r.body);
      const o = (await outletsByCode(t.ctx.db, ['GL-SF-01'])).get('GL-SF-01');
      await t.ctx.db.k.transaction().execute((trx) => linkManager(trx, mgr.id, Number(o?.id)));
    });
    after(async () => {
      setClock(null);
      await t.close();
    });
    const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, type?: string) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: cookies[who] as string, ...(type ? { 'content-type': type } : {}) },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });

    test('an outlet sheet with Chinese headers registers once; a bad sheet names rows and writes nothing', async () => {
      const again = await call('post', 'POST', '/api/v1/imports/courier-outlets', OUTLETS, 'text/csv');
      assert.deepEqual(again.json(), { rows: 3, inserted: 0, updated: 0, unchanged: 3 });
      const bad =
        '网点编码,快递企业,网点名称,区县代码,网点地址\r\n' +
        'NEW-1,顺丰速运,新网点,350102,某路\r\n' +
        'NEW-2,不存在快递,新网点,350102,某路\r\n' +
        'NEW-1,SF,重复,999999,某路\r\n';
      const r = await call('post', 'POST', '/api/v1/imports/courier-outlets', bad, 'text/csv');
      assert.equal(r.statusCode, 400);
      const issues = r.json().error.details.issues as Array<{ row: number; code: string }>;
      assert.deepEqual(
        issues.map((i) => [i.row, i.code]),
        [
          [3, 'COURIER_FIRM_UNKNOWN'],
          [4, 'COURIER_DUPLICATE_IN_FILE'],
          [4, 'COURIER_DISTRICT_UNKNOWN'],
        ],
      );
      assert.equal((await outletsByCode(t.ctx.db, ['NEW-1'])).size, 0, 'nothing written');
      const list = (await call('post', 'GET', '/api/v1/courier/outlets')).json();
      assert.deepEqual([list.items.length, list.open, list.staff], [3, 2, 20]);
    });

    test('scope: a district officer sees their district, an outlet manager their outlet only', async () => {
      const g = (await call('gulou', 'GET', '/api/v1/courier/outlets')).json();
      assert.deepEqual(
        g.items.map((o: { code: string }) => o.code),
        ['GL-SF-01', 'GL-ZTO-01'],
      );
      const m = (await call('mgr', 'GET', '/api/v1/courier/outlets')).json();
      assert.deepEqual(
        m.items.map((o: { code: string }) => o.code),
        ['GL-SF-01'],
      );
      const other = await call('mgr', 'GET', '/api/v1/courier/outlets/GL-ZTO-01');
      assert.equal(other.json().error.code, 'COURIER_OUTLET_NOT_YOURS');
      const write = await call('gulou', 'POST', '/api/v1/courier/summons', {
        firm: 'SF',
        on: '2022-11-05',
        reason: 'x',
      });
      assert.equal(write.statusCode, 403);
      // Volumes are firm×district figures: a manager reads their outlet, never their rivals' totals.
      const vol = await call('mgr', 'GET', '/api/v1/courier/volumes');
      assert.equal(vol.json().error.code, 'COURIER_OUTLET_ONLY');
      assert.equal((await call('gulou', 'GET', '/api/v1/courier/volumes')).statusCode, 200);
    });

    test('workers are matched or registered through people, masked; the daily check flags untested', async () => {
      const sheet =
        '网点编码,身份证号,姓名,手机号,社区代码,在岗\r\n' +
        `GL-SF-01,${id(1)},林快递,13800000001,350102001001,是\r\n` +
        `GL-SF-01,${id(2)},陈快递,,350102001001,是\r\n` +
        `GL-SF-01,${id(3)},黄快递,,350102001001,否\r\n`;
      const r = await call('mgr', 'POST', '/api/v1/imports/courier-workers', sheet, 'text/csv');
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), { rows: 3, inserted: 3, updated: 0, unchanged: 0, personsCreated: 3 });
      const again = await call('mgr', 'POST', '/api/v1/imports/courier-workers', sheet, 'text/csv');
      assert.deepEqual(again.json(), { rows: 3, inserted: 0, updated: 0, unchanged: 3, personsCreated: 0 });
      const notMine = await call(
        'mgr',
        'POST',
        '/api/v1/imports/courier-workers',
        `网点编码,身份证号,姓名\r\nGL-ZTO-01,${id(4)},郑快递\r\n`,
        'text/csv',
      );
      assert.equal(notMine.json().error.details.issues[0].code, 'COURIER_OUTLET_NOT_YOURS');
      const persons = await t.ctx.db.k
        .selectFrom('persons')
        .select(['id', 'name_masked', 'id_cipher'])
        .orderBy('id')
        .execute();
      assert.equal(persons.length, 3);
      assert.ok(!persons[0]?.id_cipher.includes(id(1)), 'the ID is stored encrypted');
      // Worker 1: negative 10 h ago (covered); worker 2: 30 h ago (not within 24 h); worker 3 off duty.
      const T = Date.parse(NOW);
      await recordTests(t.ctx, Number(persons[0]?.id), { lastNegativeSampledAt: T - 10 * 3600_000 });
      await recordTests(t.ctx, Number(persons[1]?.id), { lastNegativeSampledAt: T - 30 * 3600_000 });
      const workers = (await call('mgr', 'GET', '/api/v1/courier/outlets/GL-SF-01/workers')).json();
      assert.deepEqual(
        workers.items.map((w: { nameMasked: string; tested: boolean; onDuty: boolean }) => [
          w.nameMasked,
          w.tested,
          w.onDuty,
        ]),
        [
          ['林**', true, true],
          ['陈**', false, true],
          ['黄**', false, false],
        ],
      );
      const check = (await call('post', 'GET', '/api/v1/courier/worker-check')).json();
      assert.equal(check.hours, 24);
      assert.equal(check.policyId, 'cn-9th-edition');
      const sf = check.outlets.find((o: { code: string }) => o.code === 'GL-SF-01');
      assert.deepEqual([sf.onDuty, sf.untested, sf.flagged], [2, 1, true]);
      assert.equal(check.flagged, 1);
      assert.deepEqual(
        check.firms.find((f: { firm: string }) => f.firm === 'SF'),
        {
          firm: 'SF',
          greenLane: 0,
          outlets: 1,
          onDuty: 2,
          untested: 1,
          flaggedOutlets: 1,
        },
      );
      // Eight hours earlier the 30-hour-old negative was 22 h old: nobody was flagged.
      const earlier = (
        await call('post', 'GET', `/api/v1/courier/worker-check?at=${encodeURIComponent('2022-11-07T02:00:00+08:00')}`)
      ).json();
      assert.equal(earlier.flagged, 0);
    });

    test('the daily job runs the check at 08:00 of its day and keeps the flagged outlets', async () => {
      const out = await courierWorkerCheckJob.run(t.ctx, '2022-11-07');
      assert.deepEqual(
        [out.hours, out.flaggedOutlets, out.untested, out.byFirm, out.outlets],
        [24, 1, 1, { SF: 1 }, ['GL-SF-01']],
      );
    });

    test('a sampling site marks a courier’s swab as green-lane once; the worker list shows it', async () => {
      const person = await t.ctx.db.k.selectFrom('persons').select('id').orderBy('id').executeTakeFirstOrThrow();
      const at = '2022-11-07T08:00:00.000Z';
      await t.ctx.db.k
        .insertInto('tubes')
        .values({
          code: 'T-GL-1',
          pool_size: 1,
          site_code: 'S-GL',
          campaign_id: null,
          round: null,
          district_code: '350102',
          first_sampled_at: at,
          samples: 1,
          received_at: null,
          result: null,
          resulted_at: null,
          lab_code: null,
          ct_value: null,
          status: 'sampled',
        })
        .execute();
      await t.ctx.db.k
        .insertInto('samples')
        .values({ tube_code: 'T-GL-1', person_id: Number(person.id), sampled_at: at, repeat_in_round: 0 })
        .execute();
      const body = { tubeCode: 'T-GL-1', personId: Number(person.id) };
      const r = await call('lab1', 'POST', '/api/v1/courier/green-lane', body);
      assert.equal(r.statusCode, 201, r.body);
      const again = await call('lab1', 'POST', '/api/v1/courier/green-lane', body);
      assert.equal(again.statusCode, 201);
      const wrong = await call('lab1', 'POST', '/api/v1/courier/green-lane', {
        tubeCode: 'T-NONE',
        personId: Number(person.id),
      });
      assert.equal(wrong.json().error.code, 'COURIER_SAMPLE_UNKNOWN');
      const marks = await t.ctx.db.k.selectFrom('courier_green_lane').selectAll().execute();
      assert.deepEqual(
        marks.map((m) => m.site_code),
        ['S-GL'],
      );
      const workers = (await call('mgr', 'GET', '/api/v1/courier/outlets/GL-SF-01/workers')).json();
      assert.equal(workers.items.filter((w: { greenLane: boolean }) => w.greenLane).length, 1);
      // The daily check counts a worker through the green lane while that swab covers them, per outlet and firm.
      const check = async (at: string) =>
        (await call('post', 'GET', `/api/v1/courier/worker-check?at=${encodeURIComponent(at)}`)).json();
      const covered = await check('2022-11-07T18:00:00+08:00');
      assert.equal(covered.greenLane, 1);
      assert.equal(covered.outlets.find((o: { code: string }) => o.code === 'GL-SF-01').greenLane, 1);
      assert.equal(covered.firms.find((f: { firm: string }) => f.firm === 'SF').greenLane, 1);
      assert.equal((await check('2022-11-07T15:00:00+08:00')).greenLane, 0, 'not before the swab');
      assert.equal((await check('2022-11-10T18:00:00+08:00')).greenLane, 0, 'not after its hours');
      const site = await call('mgr', 'POST', '/api/v1/courier/disinfections', {
        kind: 'site',
        subject: 'GL-SF-01',
        at: '2022-11-07T07:00:00+08:00',
      });
      assert.equal(site.statusCode, 201, site.body);
      const other = await call('mgr', 'POST', '/api/v1/courier/disinfections', { kind: 'site', subject: 'GL-ZTO-01' });
      assert.equal(other.json().error.code, 'COURIER_OUTLET_NOT_YOURS');
      const day = (await call('mgr', 'GET', '/api/v1/courier/disinfections?date=2022-11-07')).json();
      assert.deepEqual(
        day.items.map((d: { subject: string }) => d.subject),
        ['GL-SF-01'],
      );
    });

    test('an international batch cannot be released before 24 h after its disinfection', async () => {
      const reg = await call('post', 'POST', '/api/v1/courier/batches', {
        batchNo: 'INT-001',
        firm: 'EMS',
        origin: 'JP',
        parcels: 1200,
        arrivedAt: '2022-11-06T08:00:00+08:00',
      });
      assert.equal(reg.statusCode, 201, reg.body);
      assert.equal(reg.json().batch.state, 'awaiting-disinfection');
      const early = await call('post', 'POST', '/api/v1/courier/batches/INT-001/release');
      assert.equal(early.json().error.code, 'COURIER_BATCH_NOT_DISINFECTED');
      const d = await call('post', 'POST', '/api/v1/courier/disinfections', {
        kind: 'batch',
        subject: 'INT-001',
        at: '2022-11-06T14:30:00+08:00',
      });
      assert.equal(d.statusCode, 201, d.body);
      const held = await call('post', 'POST', '/api/v1/courier/batches/INT-001/release');
      assert.equal(held.statusCode, 409);
      assert.equal(held.json().error.code, 'COURIER_BATCH_HELD');
      assert.match(held.json().error.message, /2022-11-07 14:30/);
      assert.match(held.json().error.messages?.en ?? held.json().error.message, /2022-11-07 14:30|held/);
      const list = (await call('gulou', 'GET', '/api/v1/courier/batches')).json();
      assert.deepEqual([list.hours, list.held, list.items[0].state], [24, 1, 'held']);
      setClock('2022-11-07T14:31:00+08:00');
      const ok = await call('post', 'POST', '/api/v1/courier/batches/INT-001/release');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().batch.state, 'released');
      const twice = await call('post', 'POST', '/api/v1/courier/batches/INT-001/release');
      assert.equal(twice.json().error.code, 'COURIER_BATCH_RELEASED');
      setClock(NOW);
    });

    test('inspection tallies since a day: person-times, outlets, rectified, summoned', async () => {
      const visits = [
        { outlet: 'GL-SF-01', visitedOn: '2022-10-30', inspectors: 3, rectified: true },
        { outlet: 'GL-SF-01', visitedOn: '2022-11-02', inspectors: 2, rectified: false },
        { outlet: 'CS-YTO-01', visitedOn: '2022-11-03', inspectors: 4, rectified: true },
        { outlet: 'GL-ZTO-01', visitedOn: '2022-10-20', inspectors: 5, rectified: true },
      ];
      for (const v of visits) {
        const r = await call('post', 'POST', '/api/v1/courier/inspections', { ...v, findings: '消杀台账不全' });
        assert.equal(r.statusCode, 201, r.body);
      }
      await call('post', 'POST', '/api/v1/courier/summons', {
        firm: '圆通速递',
        on: '2022-11-04',
        reason: '未落实每日核酸',
      });
      const all = (await call('post', 'GET', '/api/v1/courier/inspections?since=2022-10-24&to=2022-11-06')).json()
        .tallies;
      assert.deepEqual([all.visits, all.personTimes, all.outlets, all.rectified, all.summoned], [3, 9, 2, 2, 1]);
      const gl = (await call('gulou', 'GET', '/api/v1/courier/inspections?since=2022-10-24&to=2022-11-06')).json()
        .tallies;
      assert.deepEqual([gl.visits, gl.personTimes, gl.outlets, gl.rectified], [2, 5, 1, 1]);
    });

    test('volumes import (Chinese headers) averages per day; a re-sent day replaces, a bad row refuses all', async () => {
      const csv =
        '日期,快递企业,区县代码,收寄量,投递量\r\n' +
        '2022-11-01,SF,350102,1000,2000\r\n' +
        '2022-11-02,SF,350102,3000,4000\r\n' +
        '2022-11-02,ZTO,350104,500,500\r\n';
      const r = await call('post', 'POST', '/api/v1/imports/courier-volumes', csv, 'text/csv');
      assert.deepEqual(r.json(), { rows: 3, inserted: 3, updated: 0, unchanged: 0 });
      const bad = await call(
        'post',
        'POST',
        '/api/v1/imports/courier-volumes',
        '日期,快递企业,区县代码,收寄量,投递量\r\n2022-11-03,SF,350102,1,1\r\n2022-11-03,SF,350102,-5,1\r\n',
        'text/csv',
      );
      assert.deepEqual(
        bad.json().error.details.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
        [
          [3, 'COURIER_DUPLICATE_IN_FILE'],
          [3, 'COURIER_NUMBER_INVALID'],
        ],
      );
      const fix =
        '日期,快递企业,区县代码,收寄量,投递量\r\n2022-11-01,SF,350102,1000,2000\r\n2022-11-02,ZTO,350104,600,500\r\n';
      const re = await call('post', 'POST', '/api/v1/imports/courier-volumes', fix, 'text/csv');
      assert.deepEqual(re.json(), { rows: 2, inserted: 0, updated: 1, unchanged: 1 });
      const v = (await call('post', 'GET', '/api/v1/courier/volumes?from=2022-11-01&to=2022-11-02')).json();
      assert.deepEqual([v.collected, v.delivered, v.avgCollected, v.avgDelivered], [4600, 6500, 2300, 3250]);
      // Each firm's and district's row names its firm or district (they once all read "undefined").
      assert.deepEqual(
        v.byFirm.map((x: { key: string }) => x.key),
        ['SF', 'ZTO'],
      );
      assert.deepEqual(
        v.byDistrict.map((x: { key: string }) => x.key),
        ['350102', '350104'],
      );
      const g = (await call('gulou', 'GET', '/api/v1/courier/volumes?from=2022-11-01&to=2022-11-02')).json();
      assert.deepEqual([g.collected, g.byDistrict.length], [4000, 1]);
    });

    test('relief trips keep running totals; the export opens', async () => {
      const r = await call('post', 'POST', '/api/v1/courier/relief', {
        trips: [
          {
            tripOn: '2022-11-05',
            plate: '闽A12345',
            driver: '王师傅',
            origin: '福州南物流园',
            destination: '350102',
            tonnes: 3.5,
            persons: 2,
          },
          {
            tripOn: '2022-11-06',
            plate: '闽A54321',
            driver: '李师傅',
            origin: '福州南物流园',
            destination: '350104',
            tonnes: 4.6,
            persons: 1,
          },
        ],
      });
      assert.equal(r.statusCode, 201, r.body);
      const tot = (await call('post', 'GET', '/api/v1/courier/relief?to=2022-11-06')).json();
      assert.deepEqual([tot.trips, tot.persons, tot.tonnes], [2, 3, 8]);
      const x = await call('post', 'GET', '/api/v1/courier/export.xlsx');
      assert.equal(x.statusCode, 200);
      assert.equal(x.rawPayload.readUInt32LE(0), 0x04034b50);
    });
  });
}
