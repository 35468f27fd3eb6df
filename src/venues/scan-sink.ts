import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type Db, SQLITE_PRAGMAS } from '../platform/db/db.ts';
import { COUNT_UPSERTS_SQLITE, COUNTS_BY_SQL, SCAN_EXISTS_SQLITE, VENUE_DISTRICT_SQLITE } from './counters.repo.ts';
import { appendScans, type Counting, insertScanParams, SCAN_INSERT_SQLITE, scanParams } from './venues.repo.ts';
import type { ScanRow } from './venues.tables.ts';

/** Where the scan writer commits its groups. */
export interface ScanSink {
  /**
   * Resolves once the rows are committed, with the ids whose stored row may not be the one given
   * (a key already stored, or twice in the group), or null when every row was stored as given.
   */
  append(rows: ScanRow[]): Promise<string[] | null>;
  /** Whether the rows are committed on a thread of their own. */
  readonly threaded: boolean;
  /** Groups and rows committed so far, and the time spent committing them. */
  readonly stats: SinkStats;
  /** Resolves once every acknowledged scan is in `scans` (and counted); absent: always so. */
  settle?(): Promise<void>;
  /** Whether the venue counters are kept (off, or 'sql', only for the benchmark's comparison). */
  count?(on: Counting): void;
}

/** What a sink has committed: for the benchmark's account of where a scan's time goes. */
export interface SinkStats {
  groups: number;
  rows: number;
  commitMs: number;
  /** How the scan log was indexed, where there is one. */
  index?: IndexStats;
}

/** Rows moved from the scan log into `scans` in sorted batches. */
export interface IndexStats {
  /** Rows moved from the log into `scans` in sorted batches, the batches and their time. */
  indexed: number;
  indexBatches: number;
  indexMs: number;
  /** The longest an acknowledged scan waited in the log before it was indexed, in ms. */
  indexLagMaxMs: number;
}

/** The scan log beside a database file: acknowledged scans not yet in `scans`. */
export function scanLogOf(file: string): string {
  return `${file}-scanlog`;
}

const replayed = new WeakSet<Db>();

/**
 * Moves what a scan log holds into `scans` (with the venue counts) and empties it: scans that a
 * process acknowledged and did not index before it stopped. Once per database object, on the
 * server connection, before a writer thread appends to the log again; the routes call it at start
 * so that tracing sees them before the first scan. A line cut short by a crash was never
 * acknowledged and is left out.
 */
export function replayScanLog(db: Db): number {
  if (!db.sqlite || !db.file || replayed.has(db)) return 0;
  replayed.add(db);
  const log = scanLogOf(db.file);
  if (!existsSync(log)) return 0;
  const rows: unknown[][] = [];
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      for (const r of JSON.parse(line) as unknown[][]) rows.push(r);
    } catch {
      // The torn last line of a crash mid-write: its group was not acknowledged.
    }
  }
  if (rows.length) insertScanParams(db.sqlite, rows);
  truncateSync(log, 0);
  return rows.length;
}

const THREAD = new URL('./scan-writer.thread.mjs', import.meta.url);
const CHECKPOINT_THREAD = new URL('./scan-checkpoint.thread.mjs', import.meta.url);

/**
 * A file-backed SQLite database gets a writer thread with its own connection, which takes the page
 * writes of the scan indexes off the thread that answers checks. PostgreSQL and in-memory SQLite
 * commit on the server's connection. If the thread dies, groups in flight are refused (never
 * acknowledged) and later groups go through the server's connection. `nice` lowers the threads'
 * priority: woken by each group, at equal priority they took the core from the server thread
 * mid-request (half the scan throughput on 2 busy cores); lowered, groups just grow larger.
 */
export function scanSink(db: Db, nice = 0, indexEveryMs = 0): ScanSink {
  const stats: SinkStats = { groups: 0, rows: 0, commitMs: 0 };
  let counting: Counting = true;
  const inline: ScanSink = {
    async append(rows) {
      const started = performance.now();
      const skipped = await appendScans(db, rows, counting);
      count(stats, rows.length, performance.now() - started);
      return skipped;
    },
    threaded: false,
    stats,
    settle: async () => {},
    count(on) {
      counting = on;
    },
  };
  if (!db.sqlite || !db.file) return inline;
  replayScanLog(db);
  const sqlite = db.sqlite;
  // execArgv [] keeps the test runner's or server's loader flags (tsx) out of the thread.
  const worker = new Worker(THREAD, {
    execArgv: [],
    workerData: {
      file: db.file,
      pragmas: [...SQLITE_PRAGMAS, 'wal_autocheckpoint = 0'],
      statements: {
        insert: SCAN_INSERT_SQLITE,
        exists: SCAN_EXISTS_SQLITE,
        district: VENUE_DISTRICT_SQLITE,
        counts: COUNT_UPSERTS_SQLITE,
        bySql: { lastRowid: COUNTS_BY_SQL.lastRowidSqlite, counts: COUNTS_BY_SQL.sqlite },
      },
      nice,
      log: scanLogOf(db.file),
      indexEveryMs,
    },
  });
  // Checkpoints move to a thread of their own: neither the writer nor the server thread stops to
  // copy pages. If that thread stops, the server connection checkpoints again as SQLite does by default.
  const checkpointer = new Worker(CHECKPOINT_THREAD, {
    execArgv: [],
    workerData: { file: db.file, pragmas: SQLITE_PRAGMAS, everyMs: 200, nice },
  });
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointsBack = (why: string) => {
    // A thread that stops after the database was closed (tests reopen files) has nothing to hand back.
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    process.stderr.write(`scan checkpoint thread: ${why}; the server connection checkpoints again\n`);
  };
  checkpointer.on('message', (m: { message: string }) => process.stderr.write(`scan checkpoint: ${m.message}\n`));
  checkpointer.on('error', (e: Error) => checkpointsBack(e.message));
  checkpointer.on('exit', (code) => checkpointsBack(`exit ${code}`));
  // Like the writer, never what keeps a process alive (after the listeners, which ref it again).
  checkpointer.unref();
  const waiting = new Map<
    number,
    { rows: number; resolve: (skipped: string[] | null) => void; reject: (e: Error) => void }
  >();
  let seq = 0;
  let dead = false;
  type FromThread =
    | { seq: number; ok: boolean; ms?: number; skipped?: string[]; message?: string }
    | { indexed: number; ms: number; lagMs: number }
    | { failed: string };
  worker.on('message', (m: FromThread) => {
    if ('indexed' in m) {
      stats.index ??= { indexed: 0, indexBatches: 0, indexMs: 0, indexLagMaxMs: 0 };
      const x = stats.index;
      x.indexed += m.indexed;
      x.indexBatches++;
      x.indexMs += m.ms;
      x.indexLagMaxMs = Math.max(x.indexLagMaxMs, m.lagMs);
      return;
    }
    if ('failed' in m) {
      // The rows stay in the log and in the thread; the next batch tries again.
      process.stderr.write(`scan index batch failed: ${m.failed}\n`);
      return;
    }
    const w = waiting.get(m.seq);
    waiting.delete(m.seq);
    if (m.ok && w?.rows) count(stats, w.rows, m.ms ?? 0);
    if (m.ok) w?.resolve(m.skipped ?? null);
    else w?.reject(new Error(`scan writer thread: ${m.message}`));
    if (waiting.size === 0) worker.unref();
  });
  // The thread holds the process open only while a group is in flight (a CLI seeding the demo must
  // wait for its last commit; an idle server or test must be free to exit). unref() has to come
  // after the 'message' listener, which refs the port again.
  worker.unref();
  const fail = (e: unknown) => {
    dead = true;
    process.stderr.write(
      `scan writer thread stopped (${e instanceof Error ? e.message : e}); writing on the server connection\n`,
    );
    for (const w of waiting.values()) w.reject(new Error('scan writer thread stopped'));
    waiting.clear();
    // What the thread acknowledged and had not indexed is in the log: indexed now, as at a start.
    replayed.delete(db);
    if (db.sqlite?.open) replayScanLog(db);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!dead) fail(new Error(`exit ${code}`));
  });
  const send = (rows: number, message: Record<string, unknown>) =>
    new Promise<string[] | null>((resolve, reject) => {
      const n = ++seq;
      if (waiting.size === 0) worker.ref();
      waiting.set(n, { rows, resolve, reject });
      worker.postMessage({ seq: n, ...message });
    });
  return {
    get threaded() {
      return !dead;
    },
    stats,
    append(rows) {
      if (dead) return inline.append(rows);
      // One string crosses threads as a copy; an array of row objects is cloned field by field
      // (that cost the server thread about 20 µs a scan).
      return send(rows.length, { rows: JSON.stringify(rows.map(scanParams)) });
    },
    async settle() {
      if (!dead) await send(0, { settle: true });
    },
    count(on) {
      counting = on;
      if (!dead) worker.postMessage({ counting: on });
    },
  };
}

function count(s: SinkStats, rows: number, ms: number): void {
  s.groups++;
  s.rows += rows;
  s.commitMs += ms;
}
