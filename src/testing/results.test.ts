import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { assertStateMatchesDatabase } from '../../test/helpers/invariants.ts';
import { residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { distinctLatest, FactList } from './results.rules.ts';
import { type ResultInput, recordResults } from './results.service.ts';
import { recordSamples } from './samples.service.ts';
import { statusIndex } from './testing.status.ts';

const LAB: Actor = { userId: 1, username: 'lab', role: 'lab', scope: { kind: 'city', code: '3501' } };
const id = (n: number) => residentId(n);
const ms = (s: string | null) => (s ? Date.parse(s) : null);

test('persons met twice: a negative keeps the later time, a pool flag the one met last; lists without repeats come back as they are', () => {
  const ids = [3, 1, 2];
  const at = ['2022-11-08T01:00:00.000Z', '2022-11-08T02:00:00.000Z', '2022-11-08T03:00:00.000Z'];
  const same = distinctLatest(ids, at);
  assert.equal(same.ids, ids);
  assert.deepEqual(distinctLatest([3, 1, 3], [at[1], at[0], at[0]] as string[]), {
    ids: [3, 1],
    at: [at[1], at[0]],
  });
  const later = new FactList(true);
  const last = new FactList(false);
  for (const f of [later, last]) {
    f.add(7, at[2] as string);
    f.add(7, at[0] as string);
  }
  assert.deepEqual([later.at, last.at], [[at[2]], [at[0]]]);
  assert.deepEqual(Array.from(later.ms()), [Date.parse(at[2] as string)]);
});

for (const dialect of dialects()) {
  describe(`one results file of every outcome on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    afterEach(() => assertStateMatchesDatabase(ctx));
    let personOf: (n: number) => number;
    const sample = (row: number, tube: string, n: number, poolSize: number, time: string) =>
      sampleRow(row, tube, id(n), poolSize, time);
    const result = (row: number, tube: string, r: string, reason?: string): ResultInput => ({
      row,
      tubeCode: tube,
      result: r,
      resultedAt: '2022-11-08T18:00:00+08:00',
      labCode: 'L1',
      ctValue: '',
      correctionReason: reason,
    });
    const file = [
      result(2, 'P1', 'negative'),
      result(3, 'P2', 'positive'),
      result(4, 'P3', 'invalid'),
      result(5, 'P4', 'negative'),
    ];
    /** Every person's facts in person_tests, and the same persons in the status index. */
    const both = async () => {
      const rows = await ctx.db.k.selectFrom('person_tests').selectAll().orderBy('person_id').execute();
      const index = await statusIndex(ctx.db);
      return rows.map((r) => {
        const i = index.get(Number(r.person_id));
        return {
          db: [ms(r.last_sampled_at), ms(r.last_negative_sampled_at), ms(r.positive_pool_at), ms(r.positive_at)],
          index: [i.lastSampledAt, i.lastNegativeSampledAt, i.positivePoolAt, i.positiveAt],
        };
      });
    };
    const counts = async () =>
      Promise.all(
        (['tube_results', 'retest_tasks', 'testing_alerts'] as const).map(async (t) =>
          Number(
            (
              await ctx.db.k
                .selectFrom(t)
                .select((e) => e.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );

    before(async () => {
      personOf = await testingRound(ctx, { persons: 30, endOn: '2022-11-08', poolSize: 10, id });
      // P1: 0–9, P2: 10–19, P3: 20–24, and person 0 again, later, in P4 with 25–28.
      const at9 = '2022-11-08T09:00:00+08:00';
      const at12 = '2022-11-08T12:00:00+08:00';
      await recordSamples(
        ctx,
        'system',
        [
          ...Array.from({ length: 10 }, (_, i) => sample(i + 2, 'P1', i, 10, at9)),
          ...Array.from({ length: 10 }, (_, i) => sample(i + 12, 'P2', i + 10, 10, at9)),
          ...Array.from({ length: 5 }, (_, i) => sample(i + 22, 'P3', i + 20, 5, at9)),
          ...[0, 25, 26, 27, 28].map((n, i) => sample(i + 27, 'P4', n, 5, at12)),
        ],
        'samples',
      );
    });

    test('negatives, a positive pool and an invalid tube in one file: every fact in the database and the index alike', async () => {
      const r = await recordResults(ctx, LAB, file, 'results');
      assert.deepEqual([r.recorded, r.unchanged, r.positive], [4, 0, 1]);
      const facts = await ctx.db.k.selectFrom('person_tests').selectAll().execute();
      const of = (n: number) => facts.find((f) => Number(f.person_id) === personOf(n));
      assert.equal(of(0)?.last_negative_sampled_at, '2022-11-08T04:00:00.000Z', 'the later of two negative tubes');
      assert.equal(of(5)?.last_negative_sampled_at, '2022-11-08T01:00:00.000Z');
      assert.equal(of(15)?.positive_pool_at, '2022-11-08T10:00:00.000Z');
      assert.equal(of(15)?.last_negative_sampled_at, null);
      assert.equal(of(22)?.last_negative_sampled_at, null, 'an invalid tube certifies nobody');
      const tasks = await ctx.db.k
        .selectFrom('retest_tasks')
        .selectAll()
        .orderBy('pool_tube')
        .orderBy('person_id')
        .execute();
      assert.deepEqual(
        tasks.map((t) => [t.kind, t.pool_tube, Number(t.person_id), t.community_code]),
        [
          ...Array.from({ length: 10 }, (_, i) => ['retest', 'P2', personOf(i + 10), '350102001001']),
          ...Array.from({ length: 5 }, (_, i) => ['resample', 'P3', personOf(i + 20), '350102001001']),
        ],
      );
      const tubes = await ctx.db.k.selectFrom('tubes').select(['code', 'status', 'result']).orderBy('code').execute();
      assert.deepEqual(
        tubes.map((t) => [t.code, t.status, t.result]),
        [
          ['P1', 'resulted', 'negative'],
          ['P2', 'retesting', 'positive'],
          ['P3', 'resulted', 'invalid'],
          ['P4', 'resulted', 'negative'],
        ],
      );
      const all = await both();
      assert.equal(all.length, 29);
      for (const p of all) assert.deepEqual(p.index, p.db);
    });

    test('the same file again changes nothing; a correction recomputes the certificates in both places', async () => {
      const before = await counts();
      const again = await recordResults(ctx, LAB, file, 'results');
      assert.deepEqual([again.recorded, again.unchanged], [0, 4]);
      assert.deepEqual(await counts(), [before[0], before[1], before[2]]);
      const refused = await recordResults(ctx, LAB, [result(2, 'P1', 'positive')], 'x').catch((e) => e);
      assert.equal(refused.details[0].code, 'TUBE_RESULT_CONFLICT');
      await recordResults(ctx, LAB, [result(2, 'P1', 'positive', 're-run')], 'correction');
      const facts = await ctx.db.k.selectFrom('person_tests').selectAll().execute();
      const of = (n: number) => facts.find((f) => Number(f.person_id) === personOf(n));
      assert.equal(of(0)?.last_negative_sampled_at, '2022-11-08T04:00:00.000Z', 'P4 still certifies person 0');
      assert.equal(of(3)?.last_negative_sampled_at, null);
      for (const p of await both()) assert.deepEqual(p.index, p.db);
    });
    test('a single-tube retest settles its task as of the result, not the machine clock', async () => {
      await recordSamples(
        ctx,
        'system',
        [sample(2, 'S10', 10, 1, '2022-11-08T20:00:00+08:00'), sample(3, 'S11', 11, 1, '2022-11-08T20:05:00+08:00')],
        'retests',
      );
      await recordResults(
        ctx,
        LAB,
        [
          { ...result(2, 'S10', 'negative'), resultedAt: '2022-11-09T13:00:00+08:00' },
          { ...result(3, 'S11', 'positive'), resultedAt: '2022-11-09T13:30:00+08:00' },
        ],
        'retest-results',
      );
      const done = await ctx.db.k
        .selectFrom('retest_tasks')
        .select(['person_id', 'done_at', 'outcome'])
        .where('person_id', 'in', [personOf(10), personOf(11)])
        .orderBy('person_id')
        .execute();
      assert.deepEqual(
        done.map((t) => [t.done_at, t.outcome]),
        [
          ['2022-11-09T05:00:00.000Z', 'negative'],
          ['2022-11-09T05:30:00.000Z', 'positive'],
        ],
      );
    });
  });
}
