import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import { MIGRATIONS } from '../migrations.ts';
import { setClock } from '../platform/clock.ts';
import { migrate } from '../platform/db/migrations.repo.ts';
import { deleteSamplesBefore, dropSamplesBefore, samplePartitionDays } from './sample-retention.repo.ts';
import { recordSamples } from './samples.service.ts';
import { sampleRetentionJob } from './testing.job.ts';

for (const dialect of dialects()) {
  describe(`sample partitions and retention on ${dialect}`, async () => {
    setClock('2022-11-10T20:00:00+08:00');
    const ctx = await testCtx(dialect);
    after(async () => {
      setClock(null);
      await ctx.close();
    });
    await testingRound(ctx, { persons: 5, endOn: '2022-11-10', poolSize: 1, id: residentId });
    await recordSamples(
      ctx,
      'system',
      [
        sampleRow(2, 'T1', residentId(0), 1, '2022-11-08T09:00:00+08:00'),
        sampleRow(3, 'T2', residentId(1), 1, '2022-11-08T10:00:00+08:00'),
        // 23:30 on the 8th in Beijing: the 8th's, though UTC calls it the 8th's afternoon.
        sampleRow(4, 'T3', residentId(2), 1, '2022-11-08T23:30:00+08:00'),
        // 00:30 on the 9th in Beijing (the 8th in UTC): the 9th's.
        sampleRow(5, 'T4', residentId(3), 1, '2022-11-09T00:30:00+08:00'),
        sampleRow(6, 'T5', residentId(4), 1, '2022-11-10T09:00:00+08:00'),
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
    const parts = async () =>
      (
        await sql<{ part: string; n: number }>`
          select tableoid::regclass::text as part, count(*) as n from samples group by 1 order by 1`.execute(ctx.db.k)
      ).rows.map((x) => `${x.part}:${Number(x.n)}`);

    test('the nightly job makes the partitions of yesterday to three days ahead; retention off keeps all', async () => {
      const r = await sampleRetentionJob.run(ctx, '2022-11-09');
      assert.equal(r.retention, 'off');
      if (dialect === 'postgres') {
        assert.deepEqual(r.partitionsMade, ['2022-11-08', '2022-11-09', '2022-11-10', '2022-11-11', '2022-11-12']);
        assert.deepEqual(await samplePartitionDays(ctx.db), r.partitionsMade);
        // The samples of those days moved out of the default partition, each to its Beijing day's.
        assert.deepEqual(await parts(), ['samples_d20221108:3', 'samples_d20221109:1', 'samples_d20221110:1']);
        assert.deepEqual((await sampleRetentionJob.run(ctx, '2022-11-09')).partitionsMade, [], 'made once');
        // A window's query (tracing: a person's samples within days) reads only its days' partitions.
        const { rows: plan } = await sql<{ 'QUERY PLAN': string }>`explain select person_id from samples
          where person_id = 1 and sampled_at >= '2022-11-09T01:00:00.000Z' and sampled_at <= '2022-11-09T20:00:00.000Z'`.execute(
          ctx.db.k,
        );
        const read = plan.map((x) => x['QUERY PLAN'].match(/samples_(d\d{8}|default)/)?.[0]).filter(Boolean);
        assert.deepEqual([...new Set(read)].sort(), ['samples_d20221109', 'samples_d20221110']);
      } else assert.deepEqual(r.partitionsMade, []);
      assert.equal((await stored()).length, 5);
    });

    test('with two days kept, the days before go (partitions dropped whole) and the test facts stay', async () => {
      const r = await sampleRetentionJob.run(
        { ...ctx, config: { ...ctx.config, sampleRetentionDays: 2 } },
        '2022-11-10',
      );
      assert.equal(r.keptFrom, '2022-11-09');
      if (dialect === 'postgres') {
        assert.deepEqual(r.partitionsDropped, ['2022-11-08']);
        assert.equal(r.samplesDeleted, 0);
        assert.deepEqual((await samplePartitionDays(ctx.db))[0], '2022-11-09');
      } else {
        assert.deepEqual(r.partitionsDropped, []);
        assert.equal(r.samplesDeleted, 3);
      }
      assert.deepEqual(await stored(), ['T4', 'T5']);
      assert.equal(await facts(), 5, 'each person keeps the facts the samples gave');
    });

    test('what no partition holds is deleted in batches', async () => {
      if (dialect === 'postgres') {
        // A sample of a day with no partition yet lands in the default partition.
        await recordSamples(ctx, 'system', [sampleRow(2, 'T9', residentId(0), 1, '2022-10-01T09:00:00+08:00')], 's2');
        assert.ok((await parts()).includes('samples_default:1'));
        assert.deepEqual(await dropSamplesBefore(ctx.db, '2022-11-09', 1), { dropped: [], deleted: 1 });
      }
      assert.equal(await deleteSamplesBefore(ctx.db, '2022-11-11T00:00:00.000Z', 1), dialect === 'postgres' ? 0 : 2);
      assert.deepEqual(await dropSamplesBefore(ctx.db, '2022-11-11', 1), {
        dropped: dialect === 'postgres' ? ['2022-11-09', '2022-11-10'] : [],
        deleted: 0,
      });
      assert.deepEqual(await stored(), []);
    });
  });
}

// A database whose samples predate the partitions: the migration moves them, each to its Beijing day's.
for (const dialect of dialects().filter((d) => d === 'postgres'))
  test(`the partitioning migration keeps the samples already stored on ${dialect}`, async () => {
    const ctx = await testCtx(dialect, { migrate: false });
    after(() => ctx.close());
    await migrate(
      ctx.db,
      MIGRATIONS.filter((m) => m.id < '0195'),
    );
    const row = (tube: string, at: string) => ({ tube_code: tube, person_id: 1, sampled_at: at, repeat_in_round: 0 });
    await ctx.db.k
      .insertInto('samples')
      .values([
        row('a', '2022-11-08T15:59:59.000Z'),
        row('b', '2022-11-08T16:00:00.000Z'),
        row('c', '2022-11-09T01:00:00.000Z'),
      ])
      .execute();
    await migrate(ctx.db, MIGRATIONS);
    assert.deepEqual(await samplePartitionDays(ctx.db), ['2022-11-08', '2022-11-09']);
    const { rows } = await sql<{ t: string; part: string }>`
      select tube_code as t, tableoid::regclass::text as part from samples order by 1`.execute(ctx.db.k);
    assert.deepEqual(
      rows.map((r) => `${r.t}:${r.part}`),
      ['a:samples_d20221108', 'b:samples_d20221109', 'c:samples_d20221109'],
    );
    const { rows: idx } = await sql<{ name: string }>`
      select indexname as name from pg_indexes where tablename = 'samples' order by 1`.execute(ctx.db.k);
    assert.deepEqual(
      idx.map((r) => r.name),
      ['samples_person', 'samples_pk'],
    );
  });
