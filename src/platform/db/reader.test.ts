import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dialects, testCtx } from '../../../test/helpers/db.ts';
import { MIGRATIONS } from '../../migrations.ts';
import { openDb } from './db.ts';
import { migrate } from './migrations.repo.ts';

// A division no migration seeds, so that reading it back proves the commit was seen.
const geo = { code: '359901', name: '测试区', level: 'district', parent_code: '3501' };

for (const dialect of dialects()) {
  test(`the reads connection sees what is committed (${dialect})`, async () => {
    const ctx = await testCtx(dialect);
    try {
      await ctx.db.k.insertInto('divisions').values(geo).execute();
      const r = await ctx.db.reads.selectFrom('divisions').select('name').where('code', '=', geo.code).execute();
      assert.deepEqual(r, [{ name: '测试区' }]);
    } finally {
      await ctx.close();
    }
  });
}

describe('the reads connection of a database file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-reader-'));
  const db = openDb({ file: join(dir, 'banyan.db') });
  await migrate(db, MIGRATIONS);
  after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is a connection of its own that sees the server connection’s commits', async () => {
    assert.notEqual(db.reads, db.k);
    await db.k.insertInto('divisions').values(geo).execute();
    const r = await db.reads.selectFrom('divisions').select('name').where('code', '=', geo.code).execute();
    assert.deepEqual(r, [{ name: '测试区' }]);
  });

  test('refuses writes and transactions', async () => {
    await assert.rejects(
      db.reads
        .insertInto('divisions')
        .values({ ...geo, code: '359902' })
        .execute(),
      /reader thread/,
    );
    await assert.rejects(
      db.reads.transaction().execute(async () => {}),
      /no transactions/,
    );
    const left = await db.k.selectFrom('divisions').select('code').where('code', '=', '359902').execute();
    assert.deepEqual(left, []);
  });

  test('answers a long query without holding the calling thread', async () => {
    let ticked = false;
    const timer = setTimeout(() => {
      ticked = true;
    }, 1);
    // Three million steps of a recursive count: on the calling thread's connection the timer could
    // only fire after the query had returned.
    const r = await sql<{
      n: number;
    }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select count(*) as n from c`.execute(
      db.reads,
    );
    clearTimeout(timer);
    assert.equal(r.rows[0]?.n, 3_000_000);
    assert.ok(ticked, 'a timer ran while the query was answered elsewhere');
  });
});
