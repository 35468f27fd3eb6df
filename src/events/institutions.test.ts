import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { recordTests } from '../../test/helpers/testing.ts';
import { insertPersons, personIdsByIndex } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { setClock } from '../platform/clock.ts';
import { checkState } from '../venues/checks.service.ts';
import { personalCode, signVenueCode } from '../venues/venues.codes.ts';
import { createVenues } from '../venues/venues.service.ts';

const id = (n: number) => {
  const s = `35010219700101${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const NOW = '2022-11-09T12:00:00+08:00';
const T = Date.parse(NOW);
const H = 3600_000;
const GULOU = '350102001001';
const CANGSHAN = '350104001003';
const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
const HEAD = 'venue_code,id_number,name,role,in_date,out_date';

for (const dialect of dialects()) {
  describe(`closed-loop institutions on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    const cookies: Record<string, string> = {};
    const pid: Record<number, number> = {};
    let keys: Awaited<ReturnType<typeof checkState>>['keys'];
    const req = (method: 'GET' | 'POST', url: string, who: string, body?: Buffer | object) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: cookies[who] as string, ...(Buffer.isBuffer(body) ? { 'content-type': 'text/csv' } : {}) },
        ...(body === undefined ? {} : { payload: body as never }),
      });
    const scan = async (n: number, venue: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/scans',
          payload: { venueCode: signVenueCode(keys, venue, 1), personalCode: personalCode(keys, pid[n] as number, T) },
        })
      ).json();

    before(async () => {
      setClock(NOW);
      await createVenues(t.ctx, 'system', [
        { code: 'CARE1', name: '鼓楼养老院', category: 'care-home', communityCode: GULOU, status: 'closed-loop' },
        {
          code: 'JAIL1',
          name: '仓山看守所',
          category: 'custody-facility',
          communityCode: CANGSHAN,
          status: 'closed-loop',
        },
        { code: 'MALL1', name: '超市', category: 'mall-market', communityCode: GULOU },
      ]);
      await t.ctx.db.k.transaction().execute((trx) =>
        insertPersons(
          trx,
          [1, 2, 3, 4].map((n) =>
            sealPerson(t.ctx.crypto, { idNumber: id(n), name: `员工${n}`, communityCode: GULOU }, NOW),
          ),
        ),
      );
      const ids = await personIdsByIndex(
        t.ctx.db.k,
        [1, 2, 3, 4].map((n) => t.ctx.crypto.blindIndex('id', id(n))),
      );
      for (const n of [1, 2, 3, 4]) pid[n] = ids.get(t.ctx.crypto.blindIndex('id', id(n))) as number;
      keys = (await checkState(t.ctx)).keys;
      await recordTests(t.ctx, pid[1] as number, { lastNegativeSampledAt: T - 6 * H });
      await recordTests(t.ctx, pid[2] as number, { lastNegativeSampledAt: T - 40 * H });
      await recordTests(t.ctx, pid[4] as number, { lastNegativeSampledAt: T - 3 * H });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('cangshan', 'district-officer', { kind: 'district', code: '350104' });
      await t.user('commander', 'commander', { kind: 'city', code: '3501' });
      for (const u of ['gulou', 'cangshan', 'commander']) cookies[u] = await t.login(u);
    });

    test('a roster sheet with bad rows records nothing and names every row', async () => {
      const r = await req(
        'POST',
        '/api/v1/institutions/roster',
        'gulou',
        csv([
          HEAD,
          `CARE1,${id(1)},员工1,护理员,2022-11-04,2022-11-17`,
          `MALL1,${id(2)},员工2,护理员,2022-11-04,`,
          `CARE1,35010219700101999X,某人,护理员,2022-11-04,`,
          `CARE1,${id(3)},员工3,厨师,2022-11-20,2022-11-10`,
          `CARE1,${id(1)},员工1,护理员,2022-11-10,2022-11-20`,
          `JAIL1,${id(4)},员工4,管教,2022-11-04,`,
          `CARE1,${id(2)},别人,护士,2022-11-04,`,
        ]),
      );
      assert.equal(r.statusCode, 422, r.body);
      const issues = r
        .json()
        .error.details.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code]);
      assert.deepEqual(issues, [
        [3, 'venue_code', 'LOOP_NOT_INSTITUTION'],
        [4, 'id_number', 'PERSON_ID_CHECKSUM'],
        [5, 'out_date', 'LOOP_SHIFT_ORDER'],
        [6, 'in_date', 'LOOP_SHIFT_OVERLAP'],
        [7, 'venue_code', 'OUT_OF_SCOPE'],
        [8, 'name', 'LOOP_PERSON_NAME_MISMATCH'],
      ]);
      assert.equal((await t.ctx.db.k.selectFrom('loop_shifts').selectAll().execute()).length, 0);
    });

    test('a good roster is recorded once (new persons through people) and re-sending changes nothing', async () => {
      const fresh = `${id(9).slice(0, 14)}009`;
      const newcomer = fresh + checkCharOf(fresh);
      const sheet = csv([
        HEAD,
        `CARE1,${id(1)},员工1,护理员,2022-11-04,2022-11-17`,
        `CARE1,${id(2)},员工2,护士,2022-11-04,2022-11-17`,
        `CARE1,${id(3)},员工3,厨师,2022-10-21,2022-11-03`,
        `CARE1,${newcomer},新员工,保安,2022-11-04,`,
      ]);
      const r = await req('POST', '/api/v1/institutions/roster', 'gulou', sheet);
      assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual([r.json().staffAdded, r.json().shiftsAdded, r.json().personsCreated], [4, 4, 1]);
      const again = await req('POST', '/api/v1/institutions/roster', 'gulou', sheet);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().unchanged, 4);
      const jail = await req(
        'POST',
        '/api/v1/institutions/roster',
        'cangshan',
        csv([HEAD, `JAIL1,${id(4)},员工4,管教,2022-11-01,`]),
      );
      assert.equal(jail.statusCode, 201, jail.body);
    });

    test('the daily check names who on shift lacks a test within the policy’s hours (masked)', async () => {
      const r = await req('GET', '/api/v1/institutions/CARE1?date=2022-11-09', 'gulou');
      assert.equal(r.statusCode, 200, r.body);
      const roster = r.json();
      assert.deepEqual([roster.certificateHours, roster.policyId], [24, 'cn-9th-edition']);
      const byRole = Object.fromEntries(
        roster.members.map((m: { role: string; standing: string; missingTest: boolean }) => [
          m.role,
          [m.standing, m.missingTest],
        ]),
      );
      assert.deepEqual(byRole, {
        护理员: ['on-shift', false],
        护士: ['on-shift', true],
        厨师: ['off-shift', false],
        保安: ['on-shift', true],
      });
      assert.deepEqual([roster.onShift, roster.missingTest], [3, 2]);
      assert.ok(roster.members.every((m: { nameMasked: string }) => m.nameMasked.includes('*')));
      const list = (await req('GET', '/api/v1/institutions?date=2022-11-09', 'gulou')).json();
      assert.deepEqual(
        list.items.map((i: { code: string; missingTest: number }) => [i.code, i.missingTest]),
        [['CARE1', 2]],
      );
      assert.equal((await req('GET', '/api/v1/institutions/JAIL1', 'gulou')).statusCode, 403);
    });

    test('outsiders are refused at the entrance; staff on shift enter on the usual rule; staff rotated out do not', async () => {
      const staff = await scan(1, 'CARE1');
      assert.deepEqual([staff.verdict, staff.reasons], ['allow', []]);
      const untested = await scan(2, 'CARE1');
      assert.deepEqual(
        untested.reasons.map((x: { code: string }) => x.code),
        ['no-negative-24h'],
      );
      const off = await scan(3, 'CARE1');
      assert.deepEqual(
        off.reasons.map((x: { code: string }) => x.code),
        ['loop-off-shift', 'no-negative-24h'],
      );
      const outsider = await scan(4, 'CARE1');
      assert.equal(outsider.verdict, 'deny');
      assert.deepEqual(
        outsider.reasons.map((x: { code: string }) => x.code),
        ['venue-closed-loop'],
      );
      assert.match(outsider.reasons[0]['zh-CN'], /谢绝外来人员/);
    });

    test('leaving the loop needs a district officer of the institution’s district, not the requester; audited', async () => {
      const ask = await req('POST', '/api/v1/institutions/CARE1/leaves', 'gulou', {
        personId: pid[1],
        leaveDate: '2022-11-10',
        reason: '家中老人住院',
      });
      assert.equal(ask.statusCode, 201, ask.body);
      const leave = ask.json().leave;
      assert.equal(leave.status, 'pending');
      const decide = (who: string, approve = true) =>
        req('POST', `/api/v1/institutions/leaves/${leave.id}/decision`, who, { approve, note: '同意' });
      assert.equal((await decide('gulou')).json().error.code, 'LOOP_LEAVE_APPROVER');
      assert.equal((await decide('commander')).json().error.code, 'LOOP_LEAVE_APPROVER');
      assert.equal((await decide('cangshan')).statusCode, 403);
      assert.equal(
        (
          await req('POST', '/api/v1/institutions/CARE1/leaves', 'gulou', {
            personId: pid[4],
            leaveDate: '2022-11-10',
            reason: 'x',
          })
        ).json().error.code,
        'LOOP_STAFF_UNKNOWN',
      );
      await t.user('gulou2', 'district-officer', { kind: 'district', code: '350102' });
      cookies.gulou2 = await t.login('gulou2');
      const ok = await decide('gulou2');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().leave.status, 'approved');
      assert.equal((await decide('gulou2', false)).statusCode, 409);
      const roster = (await req('GET', '/api/v1/institutions/CARE1?date=2022-11-11', 'gulou')).json();
      const m = roster.members.find((x: { personId: number }) => x.personId === pid[1]);
      assert.deepEqual([m.standing, m.shifts], ['off-shift', [{ in: '2022-11-04', out: '2022-11-10' }]]);
      const audit = await t.ctx.db.k
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('action', 'like', 'loop-leave-%')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['loop-leave-requested', 'loop-leave-approved'],
      );
    });
  });
}
