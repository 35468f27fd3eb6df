import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the query builder, which dialect it speaks, and how to close it. */
export interface Db {
  k: Kysely<Database>;
  dialect: DialectName;
  /** The embedded database's own handle, for bulk paths in repositories (same connection as `k`). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// COUNT(*) and BIGSERIAL come back from pg as strings; every count we keep fits a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens PostgreSQL when a URL is given, otherwise the embedded SQLite file (or ':memory:'). */
export function openDb(opts: { url?: string | null; file?: string }): Db {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    // An idle client that the server drops (restart, failover, DROP DATABASE … WITH (FORCE)) must
    // not crash the process: the pool replaces it on the next checkout.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') process.stderr.write(`postgres pool: idle client error: ${err.message}\n`);
    });
    const k = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { k, dialect: 'postgres', close: () => k.destroy() };
  }
  const file = opts.file ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { k, dialect: 'sqlite', sqlite, close: () => k.destroy() };
}
