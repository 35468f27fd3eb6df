import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { MIGRATIONS } from '../migrations.ts';
import { migrate } from '../platform/db/migrations.repo.ts';
import { dropScansBefore, ensureScanPartitions, scanPartitionDays } from './scan-retention.repo.ts';
import { scanRetentionJob } from './venues.job.ts';
import { appendScans } from './venues.repo.ts';
import type { ScanRow } from './venues.tables.ts';

const scan = (id: string, day: string): ScanRow => ({
  id,
  venue_id: 1,
  person_id: 7,
  at: `${day}T02:00:00.000Z`,
  day,
  verdict: 'allow',
  colour: 'green',
  reasons: '[]',
  proxy: 0,
  source: 'code',
  request_hash: null,
  reply: null,
  policy_id: null,
  policy_rule: null,
});
const DAYS = ['2022-11-05', '2022-11-06', '2022-11-07', '2022-11-08', '2022-11-09'];

for (const dialect of dialects()) {
  describe(`scan partitions and retention on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const count = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from scans`.execute(ctx.db.k)).rows[0]?.n);
    const daysStored = async () =>
      (await sql<{ day: string }>`select distinct day from scans order by day`.execute(ctx.db.k)).rows.map(
        (r) => r.day,
      );

    test('scans of every day are kept, a retried key is still skipped, and the nightly job makes partitions ahead', async () => {
      // Before any partition: the default partition takes them (PostgreSQL); nothing is refused.
      assert.equal(
        await appendScans(
          ctx.db,
          DAYS.map((d, i) => scan(`s${i}`, d)),
        ),
        null,
      );
      assert.deepEqual(await appendScans(ctx.db, [scan('s1', '2022-11-06')]), ['s1'], 'the same key and day: skipped');
      const r = await scanRetentionJob.run({ ...ctx, config: { ...ctx.config, scanRetentionDays: 0 } }, '2022-11-08');
      if (dialect === 'postgres') {
        assert.deepEqual(r.partitionsMade, ['2022-11-07', '2022-11-08', '2022-11-09', '2022-11-10', '2022-11-11']);
        assert.deepEqual(await scanPartitionDays(ctx.db), r.partitionsMade);
        // The rows of those days moved out of the default partition into their own.
        const { rows } = await sql<{ part: string; n: number }>`
          select tableoid::regclass::text as part, count(*)::int as n from scans group by 1 order by 1`.execute(
          ctx.db.k,
        );
        assert.deepEqual(
          rows.map((x) => `${x.part}:${x.n}`),
          ['scans_d20221107:1', 'scans_d20221108:1', 'scans_d20221109:1', 'scans_default:2'],
        );
        assert.deepEqual(await ensureScanPartitions(ctx.db, ['2022-11-08']), [], 'made once');
      } else assert.deepEqual(r.partitionsMade, []);
      assert.equal(r.retention, 'off');
      assert.equal(await count(), 5);
      // A scan written after the partitions exist lands in its day's.
      assert.equal(await appendScans(ctx.db, [scan('s9', '2022-11-10')]), null);
      assert.equal(await count(), 6);
    });

    test('retention removes the days before the kept ones: partitions dropped, the rest deleted in batches', async () => {
      const r = await scanRetentionJob.run({ ...ctx, config: { ...ctx.config, scanRetentionDays: 3 } }, '2022-11-09');
      assert.equal(r.keptFrom, '2022-11-07');
      assert.deepEqual(await daysStored(), ['2022-11-07', '2022-11-08', '2022-11-09', '2022-11-10']);
      if (dialect === 'postgres') {
        assert.deepEqual(r.partitionsDropped, []);
        assert.equal(r.rowsDeleted, 2, 'the default partition’s old rows');
        const gone = await dropScansBefore(ctx.db, '2022-11-09', 1);
        assert.deepEqual(gone, { dropped: ['2022-11-07', '2022-11-08'], deleted: 0 });
        assert.ok(!(await scanPartitionDays(ctx.db)).includes('2022-11-08'));
      } else {
        assert.equal(r.rowsDeleted, 2);
        assert.deepEqual(
          await dropScansBefore(ctx.db, '2022-11-09', 1),
          { dropped: [], deleted: 2 },
          'one row a batch',
        );
      }
      assert.deepEqual(await daysStored(), ['2022-11-09', '2022-11-10']);
    });
  });
}

// A database whose scans predate the partitions: the migration moves them, each day to its own.
for (const dialect of dialects().filter((d) => d === 'postgres'))
  test(`the partitioning migration keeps the scans already stored on ${dialect}`, async () => {
    const ctx = await testCtx(dialect, { migrate: false });
    after(() => ctx.close());
    await migrate(
      ctx.db,
      MIGRATIONS.filter((m) => m.id < '0191'),
    );
    await ctx.db.k
      .insertInto('scans')
      .values([scan('a', '2022-11-08'), scan('b', '2022-11-09'), scan('c', '2022-11-09')])
      .execute();
    await migrate(ctx.db, MIGRATIONS);
    assert.deepEqual(await scanPartitionDays(ctx.db), ['2022-11-08', '2022-11-09']);
    const { rows } = await sql<{ id: string; part: string }>`
      select id, tableoid::regclass::text as part from scans order by id`.execute(ctx.db.k);
    assert.deepEqual(
      rows.map((r) => `${r.id}:${r.part}`),
      ['a:scans_d20221108', 'b:scans_d20221109', 'c:scans_d20221109'],
    );
    const { rows: idx } = await sql<{
      name: string;
    }>`select indexname as name from pg_indexes where tablename = 'scans' order by 1`.execute(ctx.db.k);
    assert.deepEqual(
      idx.map((r) => r.name),
      ['scans_day', 'scans_pkey', 'scans_venue_at'],
    );
  });
