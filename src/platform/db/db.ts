import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type PostgresDialectConfig,
  PostgresDriver,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import { EmptyInListPlugin } from './empty-in.ts';
import { readerKysely } from './reader.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the query builder, which dialect it speaks, and how to close it. */
export interface Db {
  k: Kysely<Database>;
  dialect: DialectName;
  /** The embedded database's own handle, for bulk paths in repositories (same connection as `k`). */
  sqlite?: SQLite.Database;
  /** The embedded database's file, when it has one (a second connection, e.g. a writer thread, opens it). */
  file?: string;
  /**
   * Where long reads go (a day's statistics over every scan): on an embedded database file, a
   * connection on a thread of its own, opened at first use, so that the query never holds the thread
   * answering checks; otherwise `k` itself. It sees what is committed, not an open transaction.
   */
  readonly reads: Kysely<Database>;
  close(): Promise<void>;
}

// COUNT(*) and BIGSERIAL come back from pg as strings; every count we keep fits a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * The settings every connection of ours uses. FULL syncs the WAL on every commit, so a commit that
 * was answered survives a power cut or an OS crash, not only a killed process (NORMAL's promise).
 * Scans pay it once per group commit on the writer thread; a write on the server's connection
 * (an import, an officer's change) pays one fsync on the answering thread (1–4 ms on this machine).
 * The busy timeout is long because the scan writer's index batch holds the write lock for seconds
 * on a loaded machine (seen at load 25: a seed's write failed "database is locked" after 5 s); an
 * officer's write waits for it rather than fail.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 30000'];

/**
 * Runs `fn` with the server connection's commits synced at checkpoints only (NORMAL), for work that
 * is redone from the start if lost: seeding an empty database, whose thousands of small
 * transactions took twice as long with a sync each (8,797 residents: 79–86 s against 38–47 s).
 * The scan writer's and other connections keep FULL. The connection's page cache grows to 256 MiB
 * meanwhile: residents land at random places of the blind-index B-trees, and with the default 2 MiB
 * an insert's CPU grew with the table (23 µs a person at 50,000, 54 µs at 300,000; 41 µs with it).
 * On PostgreSQL the pool's connections meanwhile commit without waiting for the WAL flush.
 */
export async function withoutCommitSync<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (!db.sqlite) {
    relaxed.add(db.k);
    try {
      return await fn();
    } finally {
      relaxed.delete(db.k);
    }
  }
  const cache = db.sqlite.pragma('cache_size', { simple: true });
  db.sqlite.pragma('synchronous = NORMAL');
  db.sqlite.pragma('cache_size = -262144');
  try {
    return await fn();
  } finally {
    db.sqlite.pragma('synchronous = FULL');
    db.sqlite.pragma(`cache_size = ${Number(cache)}`);
  }
}

// The scan writer thread commits its index batches on a connection of its own, at any moment. A
// deferred transaction here that reads first (the audit chain reads its last hash, then appends)
// would then fail at its first write with SQLITE_BUSY_SNAPSHOT ("database is locked"), which the
// busy timeout does not retry: seen when a seed's last audit entry met a batch of the exit
// checkpoints' scans. Taking the write lock at BEGIN makes the busy timeout wait for the batch instead.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

// PostgreSQL inside withoutCommitSync: a connection taken from the pool meanwhile commits without
// waiting for the WAL flush (synchronous_commit off for its session, set once per connection); the
// WAL writer flushes within a fraction of a second, and a crash loses at most those commits, never
// consistency. A connection taken afterwards is reset to the server's setting first.
const relaxed = new WeakSet<object>();
class RelaxablePostgresDriver extends PostgresDriver {
  owner: object | null = null;
  readonly #relaxedConnections = new WeakSet<DatabaseConnection>();
  override async acquireConnection(): Promise<DatabaseConnection> {
    const c = await super.acquireConnection();
    const want = this.owner !== null && relaxed.has(this.owner);
    if (want !== this.#relaxedConnections.has(c)) {
      await c.executeQuery(CompiledQuery.raw(want ? 'set synchronous_commit = off' : 'reset synchronous_commit'));
      if (want) this.#relaxedConnections.add(c);
      else this.#relaxedConnections.delete(c);
    }
    return c;
  }
}

/** PostgreSQL's dialect whose transactions can skip the commit flush (see RelaxablePostgresDriver). */
class RelaxablePostgresDialect extends PostgresDialect {
  readonly driver: RelaxablePostgresDriver;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.driver = new RelaxablePostgresDriver(config);
  }
  override createDriver(): RelaxablePostgresDriver {
    return this.driver;
  }
}

/** SQLite's dialect with every transaction begun IMMEDIATE (see ImmediateSqliteDriver). */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** How many compiled statements a connection keeps (the app's distinct queries are a few hundred). */
const STATEMENTS_KEPT = 2000;

/**
 * The connection as Kysely sees it, answering `prepare` with the statement already compiled for
 * the same SQL: compiling anew on every query was ~9 % of a seed's CPU. A statement still being
 * iterated (a streamed read) is busy and cannot be run again, so such a call gets a fresh one.
 */
function keepingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const st = kept.get(text);
      if (st && !st.busy) return st;
      const fresh = sqlite.prepare(text);
      if (!st) {
        // Oldest first out: a map keeps insertion order.
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value as string);
        kept.set(text, fresh);
      }
      return fresh;
    },
  };
}

function openSqlite(file: string): SQLite.Database {
  const sqlite = new SQLite(file);
  for (const p of SQLITE_PRAGMAS) sqlite.pragma(p);
  return sqlite;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded SQLite file (or ':memory:'). */
export function openDb(opts: { url?: string | null; file?: string }): Db {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    // An idle client that the server drops (restart, failover, DROP DATABASE … WITH (FORCE)) must
    // not crash the process: the pool replaces it on the next checkout.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') process.stderr.write(`postgres pool: idle client error: ${err.message}\n`);
    });
    // SQLite reads `IN ()` as false already; PostgreSQL refuses it (see empty-in.ts).
    const dialect = new RelaxablePostgresDialect({ pool });
    const k = new Kysely<Database>({ dialect, plugins: [new EmptyInListPlugin()] });
    dialect.driver.owner = k;
    return { k, reads: k, dialect: 'postgres', close: () => k.destroy() };
  }
  const file = opts.file ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = openSqlite(file);
  const k = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: keepingStatements(sqlite) }) });
  if (file === ':memory:') return { k, reads: k, dialect: 'sqlite', sqlite, close: () => k.destroy() };
  let reads: Kysely<Database> | undefined;
  return {
    k,
    get reads() {
      reads ??= readerKysely(file);
      return reads;
    },
    dialect: 'sqlite',
    sqlite,
    file,
    close: async () => {
      await reads?.destroy();
      await k.destroy();
    },
  };
}
