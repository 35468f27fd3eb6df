import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from '../../src/migrations.ts';
import { MODULES } from '../../src/modules.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { createCrypto } from '../../src/platform/crypto.ts';
import { type DialectName, openDb } from '../../src/platform/db/db.ts';
import { migrate } from '../../src/platform/db/migrations.repo.ts';

/**
 * Where a repository test runs: SQLite in memory, SQLite on a file (as production runs it: WAL, the
 * scan writer's and the reader's threads, checkpoints), or PostgreSQL.
 */
export type TestDialect = 'sqlite' | 'sqlite-file' | 'postgres';
const TEST_DIALECTS: readonly TestDialect[] = ['sqlite', 'sqlite-file', 'postgres'];

/** Targets every repository test runs on: DIALECTS=sqlite,sqlite-file,postgres (default sqlite). */
export function dialects(): TestDialect[] {
  const list = (process.env.DIALECTS || 'sqlite')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const d of list)
    if (!TEST_DIALECTS.includes(d as TestDialect)) throw new Error(`unknown dialect in DIALECTS: ${d}`);
  return list as TestDialect[];
}

/** The database engine behind a test target. */
export function engineOf(target: TestDialect): DialectName {
  return target === 'postgres' ? 'postgres' : 'sqlite';
}

// `npm test` under CI checks that PostgreSQL really ran: each target leaves a mark when it opens.
function markRan(target: TestDialect): void {
  const dir = process.env.BANYAN_TEST_MARKS;
  if (dir) writeFileSync(join(dir, target), '');
}

const ADMIN_URL = process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(fn: (k: Kysely<unknown>) => Promise<T>): Promise<T> {
  const k = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ADMIN_URL, max: 1 }) }),
  });
  try {
    return await fn(k);
  } finally {
    await k.destroy();
  }
}

/** An empty PostgreSQL database of its own for one test file, and how to drop it. */
export async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  // A random database per test file: runs never see each other's data.
  const name = `banyan_test_${randomBytes(6).toString('hex')}`;
  await admin((k) => sql.raw(`create database ${name}`).execute(k));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((k) => sql.raw(`drop database if exists ${name} with (force)`).execute(k)).then(() => {}),
  };
}

/** A fresh, migrated database of one dialect with a context around it; `close` drops it. */
export async function testCtx(
  dialect: TestDialect,
  opts: { migrate?: boolean } = {},
): Promise<Ctx & { close(): Promise<void> }> {
  const secret = randomBytes(32).toString('base64url');
  const config = {
    ...loadConfig({
      BANYAN_SECRET: secret,
      BANYAN_DATA_DIR: '/nonexistent',
      BANYAN_CHECK_RESPONSES: '1',
      // Repository tests read what they scanned at once: each group indexed before it is
      // acknowledged (the scan log's batches have tests of their own in scan-writer.test.ts).
      BANYAN_SCAN_INDEX_MS: '0',
    }),
    logLevel: 'silent',
  };
  let db: ReturnType<typeof openDb>;
  let drop = async () => {};
  if (dialect === 'postgres') {
    const pgdb = await pgDatabase();
    db = openDb({ url: pgdb.url });
    drop = pgdb.drop;
  } else if (dialect === 'sqlite-file') {
    const dir = mkdtempSync(join(tmpdir(), 'banyan-test-'));
    db = openDb({ file: join(dir, 'banyan.db') });
    // The scan writer's threads may still write a file into the folder as it is removed (ENOTEMPTY
    // once in CI): retried, as rmSync does for that error.
    drop = async () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  } else {
    db = openDb({ file: ':memory:' });
  }
  markRan(dialect);
  if (opts.migrate !== false) await migrate(db, MIGRATIONS);
  return {
    config: { ...config, databaseUrl: null },
    db,
    crypto: createCrypto(secret),
    modules: MODULES,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/**
 * A migrated database that another process (`banyan serve`, a CLI command) can open too: a file
 * under `dir` on SQLite, a fresh database on PostgreSQL; with the environment that reaches it.
 */
export async function sharedDatabase(
  dialect: 'sqlite' | 'postgres',
  dir: string,
  secret: string,
): Promise<{ ctx: Ctx; env: Record<string, string>; close: () => Promise<void> }> {
  const env: Record<string, string> = { BANYAN_DATA_DIR: dir, DATABASE_URL: '' };
  if (dialect === 'postgres') {
    const t = await testCtx('postgres');
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(t.db.k)).rows[0]?.db;
    const url = new URL(process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    return { ctx: { ...t, crypto: createCrypto(secret) }, env, close: () => t.close() };
  }
  const db = openDb({ file: join(dir, 'banyan.db') });
  await migrate(db, MIGRATIONS);
  const ctx: Ctx = {
    config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }),
    db,
    crypto: createCrypto(secret),
    modules: MODULES,
  };
  return { ctx, env, close: () => db.close() };
}
