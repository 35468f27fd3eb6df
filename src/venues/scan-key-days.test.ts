import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { dropScansBefore, ensureScanPartitions } from './scan-retention.repo.ts';
import { appendScans, storedScan } from './venues.repo.ts';
import type { ScanRow } from './venues.tables.ts';

const scan = (id: string, at: string, keyed = true): ScanRow => ({
  id,
  venue_id: 1,
  person_id: 7,
  at,
  day: new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10),
  verdict: 'allow',
  colour: 'green',
  reasons: '[]',
  proxy: 0,
  source: 'code',
  request_hash: keyed ? 'h' : null,
  reply: null,
  policy_id: null,
  policy_rule: null,
});

for (const dialect of dialects()) {
  describe(`a scan key is once within the retention window on ${dialect}`, async () => {
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
    const days = async (id: string) =>
      (await sql<{ day: string }>`select day from scans where id = ${id} order by day`.execute(ctx.db.k)).rows.map(
        (r) => r.day,
      );

    test('a key retried days later, in a partition of its own or not, is skipped and answered from the first', async () => {
      await ensureScanPartitions(ctx.db, ['2022-11-03', '2022-11-09']);
      assert.equal(await appendScans(ctx.db, [scan('key-a', '2022-11-03T04:00:00.000Z')]), null);
      // Six days later (its own partition), then into the default partition (no partition for the 12th).
      assert.deepEqual(await appendScans(ctx.db, [scan('key-a', '2022-11-09T04:00:00.000Z')]), ['key-a']);
      assert.deepEqual(await appendScans(ctx.db, [scan('key-a', '2022-11-12T04:00:00.000Z')]), ['key-a']);
      assert.deepEqual(await days('key-a'), ['2022-11-03']);
      assert.equal((await storedScan(ctx.db, 'key-a'))?.id, 'key-a');
      // In one writer group with a new key: the new one is stored, the retry skipped.
      assert.deepEqual(
        await appendScans(ctx.db, [
          scan('key-b', '2022-11-09T05:00:00.000Z'),
          scan('key-a', '2022-11-09T05:00:00.000Z'),
        ]),
        ['key-a'],
      );
      assert.deepEqual(await days('key-b'), ['2022-11-09']);
    });

    test('the retention forgets the keys of the days it removes, with their scans', async () => {
      await dropScansBefore(ctx.db, '2022-11-05');
      assert.deepEqual(await days('key-a'), []);
      if (dialect === 'postgres') {
        const keys = await sql<{ id: string }>`select id from scan_keys order by id`.execute(ctx.db.k);
        assert.deepEqual(
          keys.rows.map((r) => r.id),
          ['key-b'],
        );
      }
      // The key's scan is gone: sent again, it is a scan of its own.
      assert.equal(await appendScans(ctx.db, [scan('key-a', '2022-11-10T04:00:00.000Z')]), null);
      assert.deepEqual(await days('key-a'), ['2022-11-10']);
      assert.deepEqual(await appendScans(ctx.db, [scan('key-b', '2022-11-11T04:00:00.000Z')]), ['key-b']);
    });

    test('unkeyed scans are not held to a key', async () => {
      assert.equal(
        await appendScans(ctx.db, [
          scan('srv-1', '2022-11-09T06:00:00.000Z', false),
          scan('srv-2', '2022-11-09T06:00:01.000Z', false),
        ]),
        null,
      );
      if (dialect === 'postgres') {
        const n = await sql<{ n: number }>`select count(*)::int as n from scan_keys where id like 'srv-%'`.execute(
          ctx.db.k,
        );
        assert.equal(n.rows[0]?.n, 0);
      }
    });
  });
}
