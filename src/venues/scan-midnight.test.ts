import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { insertPaperScans } from './paper.repo.ts';
import { deleteOrphanPaperScans, ensureScanPartitions } from './scan-retention.repo.ts';
import { scanRetentionJob } from './venues.job.ts';
import { appendScans, storedScan } from './venues.repo.ts';
import type { ScanRow } from './venues.tables.ts';

const scan = (id: string, at: string, source = 'code'): ScanRow => ({
  id,
  venue_id: 1,
  person_id: source === 'paper' ? null : 7,
  at,
  // The Beijing day of the instant, as the check path writes it.
  day: new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10),
  verdict: 'allow',
  colour: 'green',
  reasons: '[]',
  proxy: 0,
  source,
  request_hash: 'h',
  reply: null,
  policy_id: null,
  policy_rule: null,
});

for (const dialect of dialects()) {
  describe(`scan keys across midnight and the paper side's retention on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    await ctx.db.k
      .insertInto('venues')
      .values({
        code: 'V1',
        name: 'Shop',
        category: 'shop',
        district_code: '350102',
        community_code: '350102001',
        status: 'open',
        code_version: 1,
        created_at: '2022-11-01T00:00:00.000Z',
      })
      .execute();
    const stored = async (id: string) =>
      (await sql<{ day: string }>`select day from scans where id = ${id} order by day`.execute(ctx.db.k)).rows.map(
        (r) => r.day,
      );

    test('a retry that crosses midnight is skipped and answered from the scan stored the day before', async () => {
      // 23:59:59 Beijing on the 8th, retried at 00:00:01 on the 9th.
      assert.equal(await appendScans(ctx.db, [scan('k1', '2022-11-08T15:59:59.000Z')]), null);
      assert.deepEqual(await appendScans(ctx.db, [scan('k1', '2022-11-08T16:00:01.000Z')]), ['k1']);
      assert.deepEqual(await stored('k1'), ['2022-11-08']);
      assert.equal((await storedScan(ctx.db, 'k1'))?.id, 'k1');
      // The same with each day in a partition of its own (PostgreSQL), and the later one stored
      // first (two workers' writers): the earlier is skipped.
      await ensureScanPartitions(ctx.db, ['2022-11-09', '2022-11-10']);
      assert.equal(await appendScans(ctx.db, [scan('k2', '2022-11-09T16:00:01.000Z')]), null);
      assert.deepEqual(await appendScans(ctx.db, [scan('k2', '2022-11-09T15:59:59.000Z')]), ['k2']);
      assert.deepEqual(await stored('k2'), ['2022-11-10']);
      // Both in one writer group: the first is stored, the second skipped.
      assert.deepEqual(
        await appendScans(ctx.db, [scan('k3', '2022-11-09T15:59:59.000Z'), scan('k3', '2022-11-09T16:00:01.000Z')]),
        ['k3'],
      );
      assert.deepEqual(await stored('k3'), ['2022-11-09']);
      // Two days apart is a retry all the same (a phone that kept its queue): see scan-key-days.test.ts.
      assert.equal(await appendScans(ctx.db, [scan('k4', '2022-11-07T12:00:00.000Z')]), null);
      assert.deepEqual(await appendScans(ctx.db, [scan('k4', '2022-11-09T12:00:00.000Z')]), ['k4']);
    });

    test('retention takes the paper side (encrypted identities) with its scans', async () => {
      await ctx.db.k.transaction().execute((trx) =>
        insertPaperScans(
          trx,
          [scan('p-old', '2022-11-05T02:00:00.000Z', 'paper'), scan('p-new', '2022-11-09T02:00:00.000Z', 'paper')],
          ['p-old', 'p-new'].map((id) => ({
            scan_id: id,
            entered_by: 'op',
            entered_at: '2022-11-09T03:00:00.000Z',
            id_cipher: 'c',
            name_cipher: 'c',
            phone_cipher: null,
            identity_masked: '张*',
          })),
        ),
      );
      const paper = async () =>
        (await sql<{ id: string }>`select scan_id as id from paper_scans order by 1`.execute(ctx.db.k)).rows.map(
          (r) => r.id,
        );
      assert.deepEqual(await paper(), ['p-new', 'p-old']);
      const r = await scanRetentionJob.run({ ...ctx, config: { ...ctx.config, scanRetentionDays: 3 } }, '2022-11-09');
      assert.equal(r.keptFrom, '2022-11-07');
      assert.equal(r.paperDeleted, 1);
      assert.deepEqual(await paper(), ['p-new']);
      // A paper side left by an earlier retention (before this sweep existed) goes in batches.
      await sql`delete from scans where id = 'p-new'`.execute(ctx.db.k);
      assert.equal(await deleteOrphanPaperScans(ctx.db, 1), 1);
      assert.deepEqual(await paper(), []);
    });
  });
}
