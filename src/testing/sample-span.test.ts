import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { ensureSamplePartitions } from './sample-retention.repo.ts';
import {
  existingSamples,
  insertSamples,
  membersOf,
  type NewTube,
  type SampleColumns,
  upsertTubes,
  withinSpanOf,
} from './testing.repo.ts';

const tube = (code: string, at: string): NewTube => ({
  code,
  pool_size: 10,
  site_code: 'S1',
  campaign_id: null,
  round: null,
  district_code: '350102',
  first_sampled_at: at,
  samples_from: at,
  samples_until: at,
  samples: 1,
  status: 'sampled',
});
const sample = (code: string, person: number, at: string): SampleColumns => ({
  n: 1,
  tube: Int32Array.of(0),
  tubeCodes: [code],
  person: Float64Array.of(person),
  at: Int32Array.of(0),
  times: [at],
  repeat: Uint8Array.of(0),
});

for (const dialect of dialects()) {
  describe(`a tube's members are read from the days of its samples on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const db = ctx.db;
    const add = (code: string, person: number, at: string) =>
      db.k.transaction().execute(async (trx) => {
        await upsertTubes(db, trx, [tube(code, at)]);
        await insertSamples(db, trx, sample(code, person, at));
      });
    const span = async (code: string) =>
      db.k.selectFrom('tubes').select(['samples_from', 'samples_until']).where('code', '=', code).executeTakeFirst();

    test('the span widens with each sample, and a lookup finds every member across days', async () => {
      await ensureSamplePartitions(db, ['2022-11-07', '2022-11-08', '2022-11-09', '2022-11-10']);
      await add('T1', 1, '2022-11-08T02:00:00.000Z');
      await add('T1', 2, '2022-11-09T03:00:00.000Z');
      await add('T1', 3, '2022-11-07T23:00:00.000Z');
      assert.deepEqual(await span('T1'), {
        samples_from: '2022-11-07T23:00:00.000Z',
        samples_until: '2022-11-09T03:00:00.000Z',
      });
      await add('T2', 4, '2022-11-10T02:00:00.000Z');
      // A tube written without its span (by hand, or before 0202): read from every day, and kept unknown.
      await db.k
        .insertInto('tubes')
        .values({ ...tube('T3', '2022-11-08T02:00:00.000Z'), samples_from: null, samples_until: null })
        .execute();
      await db.k.transaction().execute((trx) => insertSamples(db, trx, sample('T3', 5, '2022-11-08T02:00:00.000Z')));
      await add('T3', 6, '2022-11-10T05:00:00.000Z');
      assert.deepEqual(await span('T3'), { samples_from: null, samples_until: null });

      const stored = await existingSamples(db, ['T1', 'T2', 'T3']);
      assert.deepEqual([...stored].map(([t, ps]) => [t, ps.sort()]).sort(), [
        ['T1', [1, 2, 3]],
        ['T2', [4]],
        ['T3', [5, 6]],
      ]);
      const m = await db.k.transaction().execute((trx) => membersOf(db, trx, ['T1', 'T2', 'T3'], new Set()));
      assert.deepEqual(m.person.map((p, i) => `${m.tube[i]}:${p}`).sort(), ['0:1', '0:2', '0:3', '1:4', '2:5', '2:6']);
    });

    test('the other days are not read (PostgreSQL prunes their partitions)', async (t) => {
      if (dialect !== 'postgres') return t.skip('one table on the embedded database');
      const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off, timing off, summary off)
        select s.person_id from samples as s where s.tube_code = 'T2' and ${withinSpanOf(['T2'])}`.execute(db.k);
      const lines = plan.rows.map((r) => r['QUERY PLAN']);
      const read = lines.filter((l) => /on samples_\w+/.test(l) && !l.includes('never executed'));
      assert.deepEqual(
        read.map((l) => /on (samples_\w+)/.exec(l)?.[1]),
        ['samples_d20221110'],
        lines.join('\n'),
      );
    });
  });
}
