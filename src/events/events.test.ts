import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { setClock } from '../platform/clock.ts';
import { DEFAULT_POLICIES, type ExamParams } from '../policy/policy.schema.ts';
import { putPolicy } from '../policy/policy.service.ts';
import { createVenues } from '../venues/venues.service.ts';
import { addResidents } from '../zones/residents.service.ts';
import { insertZone } from '../zones/zones.repo.ts';

const id = (n: number) => {
  const s = `35010219900101${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
const AT = '2022-11-05T08:00:00+08:00';
const GULOU = '350102001001';
const CANGSHAN = '350104001003';

for (const dialect of dialects()) {
  describe(`events: exam rooms, candidates, classification and plan on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    const cookies: Record<string, string> = {};
    const req = (method: 'GET' | 'POST', url: string, who = 'exam', body?: Buffer | object) =>
      t.app.inject({
        method,
        url,
        headers: {
          cookie: cookies[who] as string,
          ...(Buffer.isBuffer(body) ? { 'content-type': 'text/csv' } : {}),
        },
        ...(body === undefined ? {} : { payload: body as never }),
      });
    const summary = async (who = 'exam') => (await req('GET', '/api/v1/events/ACEE', who)).json();

    before(async () => {
      setClock('2022-11-05T00:00:00Z');
      await createVenues(t.ctx, 'system', [
        { code: 'EXA', name: '一中考点', category: 'exam-site', communityCode: GULOU },
        { code: 'EXB', name: '三中考点', category: 'exam-site', communityCode: GULOU },
        { code: 'EXC', name: '仓山考点', category: 'exam-site', communityCode: CANGSHAN },
        { code: 'OFF', name: '某写字楼', category: 'office', communityCode: GULOU },
      ]);
      // Five candidates already in the register; three of them live in a medium zone.
      await t.ctx.db.k.transaction().execute(async (trx) => {
        await insertPersons(
          trx,
          [1, 2, 3, 4, 5].map((n) =>
            sealPerson(t.ctx.crypto, { idNumber: id(n), name: `考生${n}`, communityCode: GULOU }, AT),
          ),
        );
        for (const [code, level] of [
          ['ZM', 'medium'],
          ['ZH', 'high'],
        ] as const)
          await insertZone(trx, {
            code,
            name: code,
            level,
            status: 'active',
            unit: 'compound',
            district_code: '350102',
            street_code: '350102001',
            community_code: GULOU,
            polygon: null,
            residents: 0,
            designated_on: '2022-11-01',
            lifted_on: null,
            created_at: '2022-11-01T00:00:00Z',
          });
      });
      await addResidents(t.ctx, 'system', 'ZM', [1, 3, 4]);
      await addResidents(t.ctx, 'system', 'ZH', [2]);
      await t.user('exam', 'exam-office', { kind: 'city', code: '3501' });
      await t.user('cangshan', 'district-officer', { kind: 'district', code: '350104' });
      await t.user('guard', 'venue-operator', { kind: 'district', code: '350102' });
      for (const u of ['exam', 'cangshan', 'guard']) cookies[u] = await t.login(u);
      const r = await req('POST', '/api/v1/events', 'exam', {
        code: 'ACEE',
        name: '2022年全国成人高考',
        sessions: [
          { day: '2022-11-05', startsAt: '2022-11-05T09:00:00+08:00', endsAt: '2022-11-05T11:30:00+08:00' },
          { day: '2022-11-06', startsAt: '2022-11-06T09:00:00+08:00', endsAt: '2022-11-06T11:30:00+08:00' },
        ],
      });
      assert.equal(r.statusCode, 201, r.body);
    });

    test('a rooms sheet with bad rows records nothing and names every row', async () => {
      const r = await req(
        'POST',
        '/api/v1/events/ACEE/rooms',
        'exam',
        csv([
          'site_code,room_no,capacity,isolation',
          'EXA,01,30,否',
          'NOPE,01,30,否',
          'OFF,01,30,否',
          'EXA,01,30,否',
          'EXB,01,0,否',
          'EXB,02,30,maybe',
        ]),
      );
      assert.equal(r.statusCode, 422);
      assert.deepEqual(
        r
          .json()
          .error.details.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code]),
        [
          [3, 'site_code', 'EXAM_SITE_UNKNOWN'],
          [4, 'site_code', 'EXAM_SITE_CATEGORY'],
          [5, 'room_no', 'EXAM_ROOM_DUPLICATE'],
          [6, 'capacity', 'EXAM_CAPACITY_INVALID'],
          [7, 'isolation', 'EXAM_FLAG_INVALID'],
        ],
      );
      // The refusal carries the file's first rows as read, each bad one marked by the issues' rows.
      const preview = r.json().error.details.preview;
      assert.deepEqual(preview.columns, ['site_code', 'room_no', 'capacity', 'isolation']);
      assert.equal(preview.total, 6);
      assert.deepEqual(
        preview.rows.map((x: { row: number; action: string }) => [x.row, x.action]),
        [
          [2, 'insert'],
          [3, 'invalid'],
          [4, 'invalid'],
          [5, 'invalid'],
          [6, 'invalid'],
          [7, 'invalid'],
        ],
      );
      assert.deepEqual(preview.rows[4].cells, ['EXB', '01', '0', '否']);
      assert.equal((await summary()).rooms, 0);
    });

    test('rooms in Chinese headers are recorded once; a re-sent sheet changes nothing', async () => {
      const sheet = csv([
        '考点编码,考场号,座位数,是否隔离考场,是否新增考点,经度,纬度',
        'EXA,01,3,否,否,119.30,26.08',
        'EXA,02,1,是,否,,',
        'EXB,01,2,否,是,119.32,26.09',
        'EXB,02,2,是,是,,',
        'EXC,01,2,否,是,119.28,26.03',
      ]);
      const first = await req('POST', '/api/v1/events/ACEE/rooms', 'exam', sheet);
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.json().inserted, 5);
      const again = await req('POST', '/api/v1/events/ACEE/rooms', 'exam', sheet);
      assert.equal(again.statusCode, 200);
      assert.deepEqual([again.json().inserted, again.json().unchanged], [0, 5]);
      const s = await summary();
      assert.deepEqual([s.sites, s.newSites, s.rooms, s.isolationRooms, s.seats], [3, 2, 5, 2, 10]);
      assert.deepEqual(
        s.newSitesByDistrict.map((d: { code: string; sites: number }) => [d.code, d.sites]),
        [
          ['350102', 1],
          ['350104', 1],
        ],
      );
    });

    test('a candidates sheet with bad rows records nobody and names every row', async () => {
      const r = await req(
        'POST',
        '/api/v1/events/ACEE/candidates',
        'exam',
        csv([
          'candidate_no,id_number,name,phone,site_code,room_no,shuttle_requested,pickup_address',
          `K1,${id(1)},考生1,13800138001,EXA,01,是,鼓楼区某路1号`,
          `K1,${id(6)},考生6,,EXA,01,否,`,
          'K2,350102199001010000,某人,,EXA,01,否,',
          `K3,${id(7)},考生7,,EXA,09,否,`,
          `K4,${id(2)},别名,,EXA,01,否,`,
          `K5,${id(8)},考生8,,EXB,01,否,`,
          `K6,${id(9)},考生9,,EXB,01,否,`,
          `K7,${id(10)},考生10,,EXB,01,否,`,
        ]),
      );
      assert.equal(r.statusCode, 422);
      assert.deepEqual(
        r.json().error.details.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
        [
          [3, 'EXAM_CANDIDATE_DUPLICATE'],
          [4, 'PERSON_ID_CHECKSUM'],
          [5, 'EXAM_ROOM_UNKNOWN'],
          [6, 'EXAM_PERSON_NAME_MISMATCH'],
          [9, 'EXAM_ROOM_OVER_CAPACITY'],
        ],
      );
      const preview = r.json().error.details.preview;
      assert.deepEqual(preview.columns.slice(0, 3), ['candidate_no', 'id_number', 'name']);
      const row2 = preview.rows[0];
      assert.equal(row2.action, 'insert');
      // Identity cells are masked as the registry masks them: the answer never echoes an ID or a name.
      assert.deepEqual(row2.cells, [
        'K1',
        `350102********${id(1).slice(-4)}`,
        '考**',
        '138****8001',
        'EXA',
        '01',
        '是',
        '鼓楼区某***',
      ]);
      assert.ok(!r.body.includes(id(1)) && !r.body.includes('考生1'), 'no identity in the answer');
      assert.deepEqual(
        preview.rows.map((x: { action: string }) => x.action),
        ['insert', 'invalid', 'invalid', 'invalid', 'invalid', 'insert', 'insert', 'invalid'],
      );
      assert.equal((await summary()).candidates, 0);
    });

    const candidates = csv([
      '准考证号,身份证号码,姓名,联系电话,考点编码,考场号,是否申请专车,接送地址',
      `K1,${id(1)},考生1,13800138001,EXA,01,是,鼓楼区某路1号`,
      `K2,${id(2)},考生2,,EXA,01,否,`,
      `K3,${id(3)},考生3,,EXA,01,是,鼓楼区某路3号`,
      `K4,${id(4)},考生4,,EXB,01,否,`,
      `K5,${id(11)},考生11,,EXB,01,否,`,
      `K6,${id(12)},考生12,,EXC,01,否,`,
    ]);

    test('candidates are matched or registered through people, masked, and recorded once', async () => {
      const r = await req('POST', '/api/v1/events/ACEE/candidates', 'exam', candidates);
      assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual([r.json().inserted, r.json().personsCreated], [6, 2]);
      const again = await req('POST', '/api/v1/events/ACEE/candidates', 'exam', candidates);
      assert.deepEqual([again.statusCode, again.json().unchanged, again.json().personsCreated], [200, 6, 0]);
      const s = await summary();
      assert.deepEqual([s.candidates, s.shuttleRequests], [6, 2]);
    });

    test('a dry run shows the file’s first rows, masked, with what the import would do to each', async () => {
      const r = await req(
        'POST',
        '/api/v1/events/ACEE/candidates?dryRun=true',
        'exam',
        csv([
          '准考证号,身份证号码,姓名,联系电话,考点编码,考场号,是否申请专车,接送地址',
          `K1,${id(1)},考生1,13800138001,EXA,01,是,鼓楼区某路1号`,
          `K2,${id(2)},考生2,,EXA,01,是,鼓楼区某路2号`,
          `K9,${id(13)},考生13,,EXC,01,否,`,
        ]),
      );
      assert.equal(r.statusCode, 200, r.body);
      const out = r.json();
      assert.deepEqual([out.dryRun, out.inserted, out.updated, out.unchanged], [true, 1, 1, 1]);
      assert.deepEqual(
        out.preview.rows.map((x: { row: number; action: string }) => [x.row, x.action]),
        [
          [2, 'unchanged'],
          [3, 'update'],
          [4, 'insert'],
        ],
      );
      assert.equal(out.preview.rows[2].cells[2], '考***');
      assert.ok(!r.body.includes(id(13)) && !r.body.includes('考生13'));
      assert.equal((await summary()).candidates, 6, 'a dry run records nothing');
    });

    test('classification at an instant names class, reason, rule and policy version; a district sees its own', async () => {
      const r = await req('GET', `/api/v1/events/ACEE/classification?at=${encodeURIComponent(AT)}`);
      assert.equal(r.statusCode, 200, r.body);
      const c = r.json();
      assert.equal(c.policy.id, 'cn-9th-edition');
      const by = Object.fromEntries(
        c.items.map((i: { candidateNo: string; reason: string }) => [i.candidateNo, i.reason]),
      );
      assert.deepEqual(by, {
        K1: 'medium-zone',
        K2: 'high-zone',
        K3: 'medium-zone',
        K4: 'medium-zone',
        K5: 'clear',
        K6: 'clear',
      });
      assert.deepEqual(c.counts, { regular: 2, special: 3, barred: 1 });
      assert.equal(c.items[1].rule, 'cn-9th-edition:exam:high-zone');
      assert.match(c.items[0].idNumberMasked, /^350102\*+/);
      const district = (
        await req('GET', `/api/v1/events/ACEE/classification?at=${encodeURIComponent(AT)}`, 'cangshan')
      ).json();
      assert.deepEqual(
        district.items.map((i: { candidateNo: string }) => i.candidateNo),
        ['K6'],
      );
      assert.equal((await req('GET', '/api/v1/events/ACEE/classification', 'guard')).statusCode, 403);
      // The certificate hours are policy data: with 48 h, candidates without a negative become special.
      const ninth = DEFAULT_POLICIES[0] as (typeof DEFAULT_POLICIES)[number];
      const exam = { ...(ninth.params.exam as ExamParams), certificateHours: 48 };
      await putPolicy(t.ctx, 'cli', { ...ninth, params: { ...ninth.params, exam } });
      const later = (
        await req('GET', `/api/v1/events/ACEE/classification?at=${encodeURIComponent(AT)}&class=special`)
      ).json();
      assert.deepEqual(later.counts, { regular: 0, special: 5, barred: 1 });
      assert.equal(later.items.at(-1).rule, 'cn-9th-edition:exam:no-certificate');
      await putPolicy(t.ctx, 'cli', ninth);
    });

    test('the plan seats specials in isolation rooms (own site, then nearby) and refuses, changing nothing, when full', async () => {
      const r = await req('POST', `/api/v1/events/ACEE/plan?at=${encodeURIComponent(AT)}`);
      assert.equal(r.statusCode, 200, r.body);
      const plan = r.json();
      assert.deepEqual(
        plan.moves.map((m: { candidateNo: string; to: { siteCode: string; roomNo: string } | null; why: string }) => [
          m.candidateNo,
          m.to && `${m.to.siteCode}/${m.to.roomNo}`,
          m.why,
        ]),
        [
          ['K2', null, 'barred'],
          ['K1', 'EXA/02', 'isolation-own-site'],
          ['K3', 'EXB/02', 'isolation-nearby'],
          ['K4', 'EXB/02', 'isolation-own-site'],
        ],
      );
      // A fourth special in Gulou: three isolation seats there, Cangshan's are not offered.
      const k5 = await t.ctx.db.k
        .selectFrom('exam_candidates')
        .select('person_id')
        .where('candidate_no', '=', 'K5')
        .executeTakeFirstOrThrow();
      await addResidents(t.ctx, 'system', 'ZM', [Number(k5.person_id)]);
      const planned = await t.ctx.db.k
        .selectFrom('exam_candidates')
        .select(['candidate_no', 'planned_room_id'])
        .orderBy('candidate_no')
        .execute();
      const refused = await req('POST', `/api/v1/events/ACEE/plan?at=${encodeURIComponent(AT)}`);
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.code, 'EXAM_PLAN_UNPLACED');
      assert.deepEqual(refused.json().error.details.unplaced, [{ candidateNo: 'K5', siteCode: 'EXB', roomNo: '01' }]);
      const still = await t.ctx.db.k
        .selectFrom('exam_candidates')
        .select(['candidate_no', 'planned_room_id'])
        .orderBy('candidate_no')
        .execute();
      assert.deepEqual(still, planned);
      assert.equal(
        (await req('POST', `/api/v1/events/ACEE/plan?at=${encodeURIComponent(AT)}`, 'cangshan')).statusCode,
        403,
      );
    });

    test('shuttles: vehicles from a sheet, trips by site and lane, special never with regular, a masked manifest', async () => {
      const bad = await req(
        'POST',
        '/api/v1/events/ACEE/vehicles',
        'exam',
        csv([
          '车牌号,座位数,司机,司机电话',
          '闽A12345,4,王师傅,13800138000',
          '闽A1234,4,李师傅,',
          '闽A12345,0,张师傅,',
        ]),
      );
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(
        bad.json().error.details.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
        [
          [3, 'EXAM_PLATE_INVALID'],
          [4, 'EXAM_PLATE_DUPLICATE'],
          [4, 'EXAM_SEATS_INVALID'],
        ],
      );
      const fleet = csv(['车牌号,座位数,司机,司机电话', '闽A12345,4,王师傅,13800138000', '闽AD23456,2,李师傅,']);
      assert.equal((await req('POST', '/api/v1/events/ACEE/vehicles', 'exam', fleet)).statusCode, 201);
      assert.equal((await req('POST', '/api/v1/events/ACEE/vehicles', 'exam', fleet)).statusCode, 200);
      // A regular candidate at the same site as the two special ones asks for the shuttle too.
      await req(
        'POST',
        '/api/v1/events/ACEE/rooms',
        'exam',
        csv(['site_code,room_no,capacity,isolation', 'EXA,01,5,否']),
      );
      const k7 = csv([
        'candidate_no,id_number,name,phone,site_code,room_no,shuttle_requested,pickup_address',
        `K7,${id(13)},考生13,,EXA,01,是,鼓楼区五四路100号`,
      ]);
      assert.equal((await req('POST', '/api/v1/events/ACEE/candidates', 'exam', k7)).statusCode, 201);
      const r = await req('POST', '/api/v1/events/ACEE/sessions/1/shuttles');
      assert.equal(r.statusCode, 200, r.body);
      const m = r.json();
      const trips = m.trips.map((t: { plate: string; lane: string; riders: Array<{ candidateNo: string }> }) => [
        t.plate,
        t.lane,
        t.riders.map((x) => x.candidateNo),
      ]);
      // K3 sits in an isolation room of the nearby site the plan chose: their trip goes there, the
      // first vehicle's second round, which leaves half an hour before the first round.
      assert.deepEqual(trips, [
        ['闽A12345', 'special', ['K3']],
        ['闽A12345', 'regular', ['K7']],
        ['闽AD23456', 'special', ['K1']],
      ]);
      assert.deepEqual(
        m.trips.map((t: { siteCode: string }) => t.siteCode),
        ['EXB', 'EXA', 'EXA'],
      );
      assert.equal(m.trips[1].departsAt, '2022-11-05T00:00:00.000Z', 'an hour before the 09:00 session');
      assert.equal(m.trips[0].departsAt, '2022-11-04T23:30:00.000Z', 'a further round leaves earlier');
      assert.equal(m.trips[1].driverMasked, '王**');
      assert.equal(m.trips[1].riders[0].pickupMasked, '鼓楼区五四路***');
      const again = (await req('POST', '/api/v1/events/ACEE/sessions/1/shuttles')).json();
      assert.equal(again.trips.length, 3, 'a new assignment replaces the session’s trips');
      assert.equal((await req('GET', '/api/v1/events/ACEE/sessions/1/trips', 'cangshan')).json().trips.length, 0);
      assert.equal((await req('GET', '/api/v1/events/ACEE/sessions/9/trips')).statusCode, 404);
    });
  });
}
