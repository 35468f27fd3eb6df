import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { dialects, pgDatabase } from '../../../test/helpers/db.ts';
import { openDb, SQLITE_PRAGMAS, withoutCommitSync } from './db.ts';
import type { Database } from './schema.ts';

test('a database file commits with synchronous = FULL: what was answered survives a power cut', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-db-'));
  const db = openDb({ file: join(dir, 'banyan.db') });
  try {
    // 2 = FULL (1 = NORMAL syncs the WAL at checkpoints only: a killed process keeps its commits, a power cut not).
    assert.equal(db.sqlite?.pragma('synchronous', { simple: true }), 2);
    assert.equal(db.sqlite?.pragma('journal_mode', { simple: true }), 'wal');
    // The scan writer's and the checkpoint's threads open their connections with these.
    assert.ok(SQLITE_PRAGMAS.includes('synchronous = FULL'));
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a seed commits without a sync each, and the connection syncs again afterwards, also after a failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-db-'));
  const db = openDb({ file: join(dir, 'banyan.db') });
  const mode = () => db.sqlite?.pragma('synchronous', { simple: true });
  try {
    const cache = () => db.sqlite?.pragma('cache_size', { simple: true });
    const before = cache();
    assert.deepEqual(await withoutCommitSync(db, async () => [mode(), cache()]), [1, -262144]);
    assert.equal(mode(), 2);
    assert.equal(cache(), before, 'the page cache back to its size');
    await assert.rejects(
      withoutCommitSync(db, async () => {
        throw new Error('seed failed');
      }),
      /seed failed/,
    );
    assert.equal(mode(), 2);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a transaction that reads first is not failed by another connection committing before its write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-db-'));
  const file = join(dir, 'banyan.db');
  const db = openDb({ file });
  // The scan writer thread's connection, here with no patience so the test cannot hang.
  const writer = new SQLite(file);
  writer.pragma('busy_timeout = 0');
  try {
    await sql`create table t (n integer)`.execute(db.k);
    let writerRefused = false;
    await db.k.transaction().execute(async (trx) => {
      await sql`select count(*) from t`.execute(trx);
      try {
        writer.prepare('insert into t values (1)').run();
      } catch (e) {
        writerRefused = (e as { code?: string }).code === 'SQLITE_BUSY';
      }
      // Deferred, this write failed with SQLITE_BUSY_SNAPSHOT after the other connection's commit.
      await sql`insert into t values (2)`.execute(trx);
    });
    assert.ok(writerRefused, 'the transaction held the write lock from its start');
    writer.prepare('insert into t values (1)').run();
    const rows = await sql<{ n: number }>`select n from t order by n`.execute(db.k);
    assert.deepEqual(
      rows.rows.map((r) => r.n),
      [1, 2],
    );
  } finally {
    writer.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on PostgreSQL a seed commits without waiting for the WAL flush, and connections wait again afterwards', async (t) => {
  if (!dialects().includes('postgres')) return t.skip('DIALECTS has no postgres');
  const { url, drop } = await pgDatabase();
  const db = openDb({ url });
  const setting = async (q: Kysely<Database>) =>
    (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(q)).rows[0]?.synchronous_commit;
  try {
    assert.equal(await setting(db.k), 'on');
    const inside = await withoutCommitSync(db, async () => {
      // Several connections at once: each one the pool hands out is relaxed, in a transaction too.
      const many = await Promise.all([1, 2, 3].map(() => db.k.transaction().execute((trx) => setting(trx))));
      return [await setting(db.k), ...many];
    });
    assert.deepEqual(inside, ['off', 'off', 'off', 'off']);
    const after = await Promise.all([1, 2, 3].map(() => db.k.transaction().execute((trx) => setting(trx))));
    assert.deepEqual([await setting(db.k), ...after], ['on', 'on', 'on', 'on']);
    await assert.rejects(
      withoutCommitSync(db, async () => {
        throw new Error('seed failed');
      }),
      /seed failed/,
    );
    assert.equal(await setting(db.k), 'on');
  } finally {
    await db.close();
    await drop();
  }
});

test('a compiled statement is kept per SQL, and a stream left early does not break the same query', async () => {
  const db = openDb({});
  try {
    await sql`create table t (n integer)`.execute(db.k);
    await db.k
      .insertInto('t' as never)
      .values([1, 2, 3].map((n) => ({ n })) as never)
      .execute();
    const q = () =>
      db.k
        .selectFrom('t' as never)
        .select('n' as never)
        .orderBy('n' as never);
    const ns = async () => (await q().execute()).map((r) => (r as { n: number }).n);
    for await (const _ of q().stream()) break;
    // The stream's statement is the kept one: leaving it early must leave it runnable.
    assert.deepEqual(await ns(), [1, 2, 3]);
    // The kept statement sees rows written after it was compiled.
    await db.k
      .insertInto('t' as never)
      .values({ n: 4 } as never)
      .execute();
    assert.deepEqual(await ns(), [1, 2, 3, 4]);
  } finally {
    await db.close();
  }
});
