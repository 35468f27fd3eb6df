import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { assertStateMatchesDatabase } from '../../test/helpers/invariants.ts';
import { insertResidents, residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { setClock } from '../platform/clock.ts';
import { addResidents } from '../zones/residents.service.ts';
import { insertZone } from '../zones/zones.repo.ts';
import { recordResults } from './results.service.ts';
import { importSamples, recordSamples } from './samples.service.ts';
import { cascadeOf, dorfman, negativeCovers } from './testing.rules.ts';
import { coverage, notSampled, tasks, testStatusById, testStatusOf } from './testing.service.ts';

const LAB: Actor = { userId: 1, username: 'lab', role: 'lab', scope: { kind: 'city', code: '3501' } };
const CMD: Actor = { userId: 2, username: 'cmd', role: 'commander', scope: { kind: 'city', code: '3501' } };
const id = (n: number) => residentId(n, '19850612');
const H = 3600_000;

test('a 24-hour certificate counts from sampling, not from the result', () => {
  const sampled = Date.parse('2022-11-08T08:00:00+08:00');
  assert.equal(negativeCovers(sampled, sampled + 23.9 * H), true);
  assert.equal(negativeCovers(sampled, sampled + 24 * H), true);
  assert.equal(negativeCovers(sampled, sampled + 24 * H + 60_000), false);
  assert.equal(negativeCovers(null, sampled), false);
  assert.equal(dorfman(10, 0.001).toFixed(3), '0.110');
  assert.deepEqual(cascadeOf(10, 'positive'), { negative: false, flagPool: true, positive: false, tasks: 'retest' });
  assert.deepEqual(cascadeOf(1, 'positive'), { negative: false, flagPool: false, positive: true, tasks: null });
  assert.equal(cascadeOf(5, 'invalid').tasks, 'resample');
});

for (const dialect of dialects()) {
  describe(`mass testing on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    afterEach(() => assertStateMatchesDatabase(ctx));
    const sample = (row: number, tube: string, n: number, time = '2022-11-08T09:00:00+08:00', poolSize = 10) =>
      sampleRow(row, tube, id(n), poolSize, time);
    const result = (row: number, tube: string, r: string, time = '2022-11-08T15:00:00+08:00', reason?: string) => ({
      row,
      tubeCode: tube,
      result: r,
      resultedAt: time,
      labCode: 'L1',
      ctValue: '',
      correctionReason: reason,
    });
    let personOf: (n: number) => number;

    before(async () => {
      personOf = await testingRound(ctx, {
        persons: 30,
        endOn: '2022-11-09',
        poolSize: 10,
        id,
        communityOf: (n) => (n < 20 ? '350102001001' : '350102001002'),
      });
    });

    test('a tube never holds more than its pool size; the whole file is refused', async () => {
      const rows = Array.from({ length: 11 }, (_, n) => sample(n + 2, 'T1', n));
      await assert.rejects(
        recordSamples(ctx, LAB, rows, 'x'),
        (e: Error & { code?: string; details?: Array<{ row: number; code: string }> }) => {
          assert.equal(e.code, 'IMPORT_INVALID');
          assert.deepEqual(
            e.details?.map((d) => `${d.row}:${d.code}`),
            ['12:TUBE_OVER_CAPACITY'],
          );
          return true;
        },
      );
      assert.equal(
        Number(
          (
            await ctx.db.k
              .selectFrom('samples')
              .select((e) => e.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
        0,
      );
    });

    test('a file of samples imports once; sending it again changes nothing; a second swab in a round is flagged', async () => {
      const csv = [
        'tube_code,pool_size,sampled_at,site_code,id_number',
        ...Array.from({ length: 10 }, (_, n) => `T1,10,2022-11-08T09:00:00+08:00,S1,${id(n)}`),
        ...Array.from({ length: 10 }, (_, n) => `T2,10,2022-11-08T09:05:00+08:00,S1,${id(n + 10)}`),
      ].join('\n');
      const first = await importSamples(ctx, LAB, Buffer.from(csv), 'a.csv');
      assert.deepEqual([first.recorded, first.tubes], [20, 2]);
      const again = await importSamples(ctx, LAB, Buffer.from(csv), 'a.csv');
      assert.deepEqual([again.recorded, again.unchanged], [0, 20]);
      const repeat = await recordSamples(ctx, LAB, [sample(2, 'T3', 0, '2022-11-08T11:00:00+08:00', 5)], 'x');
      assert.equal(repeat.repeatsInRound, 1, 'person 0 was already sampled in this round');
      const bad = await importSamples(
        ctx,
        LAB,
        Buffer.from(
          'tube_code,pool_size,sampled_at,site_code,id_number\nT9,7,2022-11-08T09:00:00+08:00,S1,1\nT9,10,yesterday,S9,350102198506121230',
        ),
        'b.csv',
      ).catch((e) => e);
      assert.deepEqual(
        bad.details.map((d: { row: number; column: string; code: string }) => `${d.row}:${d.column}:${d.code}`),
        [
          '2:id_number:PERSON_ID_FORMAT',
          '2:pool_size:TUBE_POOL_SIZE',
          '3:id_number:PERSON_ID_CHECKSUM',
          '3:sampled_at:SAMPLE_TIME_INVALID',
        ],
      );
    });

    test('results: unknown tubes and conflicting results are refused; a negative is a certificate from sampling time', async () => {
      const unknown = await recordResults(ctx, LAB, [result(2, 'NOPE', 'negative')], 'x').catch((e) => e);
      assert.equal(unknown.details[0].code, 'TUBE_UNKNOWN');
      await recordResults(ctx, LAB, [result(2, 'T1', 'negative'), result(3, 'T2', '阴性')], 'x');
      const s = await testStatusOf(ctx, personOf(3), Date.parse('2022-11-09T08:30:00+08:00'));
      assert.equal(s.lastNegativeSampledAt, '2022-11-08T01:00:00.000Z');
      assert.equal(s.negativeWithin24h, true);
      assert.equal(
        (await testStatusOf(ctx, personOf(3), Date.parse('2022-11-09T09:01:00+08:00'))).negativeWithin24h,
        false,
      );
      const same = await recordResults(ctx, LAB, [result(2, 'T1', 'negative')], 'x');
      assert.equal(same.unchanged, 1, 'the same result again is idempotent');
      const conflict = await recordResults(ctx, LAB, [result(2, 'T1', 'positive')], 'x').catch((e) => e);
      assert.equal(conflict.details[0].code, 'TUBE_RESULT_CONFLICT');
    });

    test('a positive pool flags its members, sends each a single-tube retest, and closes when they are in', async () => {
      await recordResults(
        ctx,
        LAB,
        [result(2, 'T2', 'positive', '2022-11-08T16:00:00+08:00', 'lab re-run: contamination ruled out')],
        'x',
      );
      const flagged = await testStatusOf(ctx, personOf(12), Date.parse('2022-11-08T17:00:00+08:00'));
      assert.equal(flagged.positivePoolFlag, true);
      assert.equal(flagged.negativeWithin24h, false, 'the corrected pool no longer certifies its members');
      assert.equal(
        (await testStatusOf(ctx, personOf(12), Date.parse('2022-11-09T05:00:00+08:00'))).positivePoolFlag,
        false,
        'the flag lasts 12 h',
      );
      const open = await tasks(ctx, CMD);
      assert.equal(open.filter((t) => t.poolTube === 'T2' && t.kind === 'retest').length, 10);
      // Nothing after the business clock: before the positive result at 16:00 there is no retest to do.
      const at = (instant: string) => new Date(instant).toISOString();
      const before16 = await tasks(ctx, CMD, undefined, at('2022-11-08T15:30:00+08:00'));
      assert.equal(before16.filter((t) => t.poolTube === 'T2').length, 0);
      const singles = Array.from({ length: 10 }, (_, i) =>
        sample(i + 2, `R${i}`, i + 10, '2022-11-08T20:00:00+08:00', 1),
      );
      await recordSamples(ctx, LAB, singles, 'x');
      await recordResults(
        ctx,
        LAB,
        singles.map((s, i) =>
          result(i + 2, s.tubeCode, i === 4 ? 'positive' : 'negative', '2022-11-09T02:00:00+08:00'),
        ),
        'x',
      );
      assert.equal((await tasks(ctx, CMD)).length, 0);
      // At 01:00 the retests' results (02:00) were not in yet: the ten were still open then.
      const night = await tasks(ctx, CMD, undefined, at('2022-11-09T01:00:00+08:00'));
      assert.equal(night.filter((t) => t.poolTube === 'T2').length, 10);
      const tube = await ctx.db.k
        .selectFrom('tubes')
        .select('status')
        .where('code', '=', 'T2')
        .executeTakeFirstOrThrow();
      assert.equal(tube.status, 'closed');
      const outcomes = await ctx.db.k
        .selectFrom('retest_tasks')
        .select(['person_id', 'outcome'])
        .where('pool_tube', '=', 'T2')
        .execute();
      assert.deepEqual(
        outcomes.filter((o) => o.outcome === 'positive').map((o) => Number(o.person_id)),
        [personOf(14)],
      );
      assert.equal((await testStatusOf(ctx, personOf(14))).positive, true);
      assert.equal(
        (await testStatusOf(ctx, personOf(15), Date.parse('2022-11-09T03:00:00+08:00'))).positivePoolFlag,
        false,
        'a negative retest clears the flag',
      );
    });

    test('a staff lookup by resident ID answers from the index and is audited', async () => {
      const r = await testStatusById(ctx, CMD, id(3));
      assert.equal(r.personId, personOf(3));
      assert.equal(r.lastNegativeSampledAt, '2022-11-08T01:00:00.000Z');
      const audit = await ctx.db.k
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', '=', 'test-status-lookup')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.entity_id),
        [String(personOf(3))],
      );
    });

    test('coverage of the round by community', async () => {
      const c = await coverage(ctx, CMD, 'C1', 1, 'community');
      const a = c.items.find((i) => i.code === '350102001001');
      const b = c.items.find((i) => i.code === '350102001002');
      assert.deepEqual([a?.population, a?.sampled, a?.missing], [20, 20, 0]);
      assert.deepEqual([b?.population, b?.sampled, b?.missing], [10, 0, 10]);
      // Of the positive pool's ten members, single-tube retests cleared nine and confirmed one:
      // only the confirmed person is positive (RULES.md: a pool member is yellow, then green).
      assert.equal(a?.positive, 1, 'the one pool member confirmed by a single-tube retest');
      assert.equal(b?.positive, 0);
    });

    test('coverage shows nothing after the business clock: samples and results come in as they did', async () => {
      const at = async (instant: string) => {
        setClock(instant);
        try {
          return (await coverage(ctx, CMD, 'C1', 1, 'community')).items.find((i) => i.code === '350102001001');
        } finally {
          setClock(null);
        }
      };
      const early = await at('2022-11-08T09:02:00+08:00');
      assert.deepEqual([early?.sampled, early?.resulted, early?.positive], [10, 0, 0], 'T2 is swabbed at 09:05');
      const noon = await at('2022-11-08T12:00:00+08:00');
      assert.deepEqual([noon?.sampled, noon?.resulted, noon?.positive], [20, 0, 0], 'no result before 15:00');
      // The list of people to visit agrees with the coverage: a swab after the clock is not yet taken.
      const toVisit = async (instant: string) =>
        (await notSampled(ctx, CMD, 'C1', 1, '350102001001', new Date(instant).toISOString())).length;
      assert.equal(await toVisit('2022-11-08T09:02:00+08:00'), 10, "T2's ten are still to swab at 09:02");
      assert.equal(await toVisit('2022-11-08T12:00:00+08:00'), 0);
    });

    test('coverage of a campaign over part of a district counts only the residents of its area', async () => {
      // Five residents in another street of the same district (350102002): C1 covers street
      // 350102001 only, so they are neither its population nor missing.
      await insertResidents(
        ctx,
        5,
        (n) => id(100 + n),
        () => '350102002002',
      );
      const d = await coverage(ctx, CMD, 'C1', 1, 'district');
      assert.deepEqual(
        d.items.map((i) => [i.code, i.population, i.sampled, i.missing, i.positive]),
        [['350102', 30, 20, 10, 1]],
      );
      const streets = await coverage(ctx, CMD, 'C1', 1, 'street');
      assert.deepEqual(
        streets.items.map((i) => [i.code, i.population]),
        [['350102001', 30]],
      );
      const gulou: Actor = {
        userId: 3,
        username: 'gulou',
        role: 'district-officer',
        scope: { kind: 'district', code: '350102' },
      };
      const own = await coverage(ctx, gulou, 'C1', 1, 'community');
      assert.deepEqual(
        own.items.map((i) => [i.code, i.population, i.missing]),
        [
          ['350102001001', 20, 0],
          ['350102001002', 10, 10],
        ],
      );
    });

    test('coverage by zone counts its recorded residents, not its whole community', async () => {
      const zoneId = await ctx.db.k.transaction().execute((trx) =>
        insertZone(trx, {
          code: 'Z1',
          name: '1号楼',
          level: 'high',
          status: 'active',
          unit: 'building',
          district_code: '350102',
          street_code: '350102001',
          community_code: '350102001002',
          polygon: null,
          residents: 3,
          designated_on: '2022-11-05',
          lifted_on: null,
          created_at: '2022-11-05T12:00:00.000Z',
        }),
      );
      assert.ok(zoneId > 0);
      await addResidents(ctx, 'system', 'Z1', [personOf(12), personOf(20), personOf(21)]);
      const z = (await coverage(ctx, CMD, 'C1', 1, 'zone')).items.find((i) => i.code === 'Z1');
      assert.deepEqual([z?.population, z?.sampled, z?.missing, z?.positive], [3, 1, 2, 0], 'person 12 was cleared');
    });
  });
}
