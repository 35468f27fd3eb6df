import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import { setClock } from '../platform/clock.ts';
import { deleteSamplesBefore } from './sample-retention.repo.ts';
import { recordSamples } from './samples.service.ts';
import { sampleRetentionJob } from './testing.job.ts';

for (const dialect of dialects()) {
  describe(`sample retention on ${dialect}`, async () => {
    setClock('2022-11-10T20:00:00+08:00');
    const ctx = await testCtx(dialect);
    after(async () => {
      setClock(null);
      await ctx.close();
    });
    await testingRound(ctx, { persons: 4, endOn: '2022-11-10', poolSize: 1, id: residentId });
    await recordSamples(
      ctx,
      'system',
      [
        sampleRow(2, 'T1', residentId(0), 1, '2022-11-08T09:00:00+08:00'),
        sampleRow(3, 'T2', residentId(1), 1, '2022-11-08T10:00:00+08:00'),
        sampleRow(4, 'T3', residentId(2), 1, '2022-11-09T09:00:00+08:00'),
        sampleRow(5, 'T4', residentId(3), 1, '2022-11-10T09:00:00+08:00'),
      ],
      'samples',
    );
    const stored = async () =>
      (await sql<{ t: string }>`select tube_code as t from samples order by tube_code`.execute(ctx.db.k)).rows.map(
        (r) => r.t,
      );
    const facts = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from person_tests where last_sampled_at is not null`.execute(
            ctx.db.k,
          )
        ).rows[0]?.n,
      );

    test('off by default; with two days kept, the samples before the day before go and the test facts stay', async () => {
      assert.deepEqual(await sampleRetentionJob.run(ctx, '2022-11-10'), { retention: 'off' });
      assert.equal((await stored()).length, 4);
      const r = await sampleRetentionJob.run(
        { ...ctx, config: { ...ctx.config, sampleRetentionDays: 2 } },
        '2022-11-10',
      );
      assert.deepEqual(r, { keptFrom: '2022-11-08T16:00:00.000Z', samplesDeleted: 2 });
      assert.deepEqual(await stored(), ['T3', 'T4']);
      assert.equal(await facts(), 4, 'each person keeps the facts the samples gave');
    });
    test('in batches', async () => {
      assert.equal(await deleteSamplesBefore(ctx.db, '2022-11-11T00:00:00.000Z', 1), 2);
      assert.deepEqual(await stored(), []);
    });
  });
}
