import { Worker } from 'node:worker_threads';
import { type Db, SQLITE_PRAGMAS } from '../platform/db/db.ts';
import { appendScans, SCAN_INSERT_SQLITE, scanParams } from './venues.repo.ts';
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
}

/** What a sink has committed: for the benchmark's account of where a scan's time goes. */
export interface SinkStats {
  groups: number;
  rows: number;
  commitMs: number;
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
export function scanSink(db: Db, nice = 0): ScanSink {
  const stats: SinkStats = { groups: 0, rows: 0, commitMs: 0 };
  const inline: ScanSink = {
    async append(rows) {
      const started = performance.now();
      const skipped = await appendScans(db, rows);
      count(stats, rows.length, performance.now() - started);
      return skipped;
    },
    threaded: false,
    stats,
  };
  if (!db.sqlite || !db.file) return inline;
  const sqlite = db.sqlite;
  // execArgv [] keeps the test runner's or server's loader flags (tsx) out of the thread.
  const worker = new Worker(THREAD, {
    execArgv: [],
    workerData: {
      file: db.file,
      pragmas: [...SQLITE_PRAGMAS, 'wal_autocheckpoint = 0'],
      sql: SCAN_INSERT_SQLITE,
      nice,
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
  worker.on('message', (m: { seq: number; ok: boolean; ms?: number; skipped?: string[]; message?: string }) => {
    const w = waiting.get(m.seq);
    waiting.delete(m.seq);
    if (m.ok && w) count(stats, w.rows, m.ms ?? 0);
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
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!dead) fail(new Error(`exit ${code}`));
  });
  return {
    get threaded() {
      return !dead;
    },
    stats,
    append(rows) {
      if (dead) return inline.append(rows);
      return new Promise((resolve, reject) => {
        const n = ++seq;
        if (waiting.size === 0) worker.ref();
        waiting.set(n, { rows: rows.length, resolve, reject });
        // One string crosses threads as a copy; an array of row objects is cloned field by field
        // (that cost the server thread about 20 µs a scan).
        worker.postMessage({ seq: n, rows: JSON.stringify(rows.map(scanParams)) });
      });
    },
  };
}

function count(s: SinkStats, rows: number, ms: number): void {
  s.groups++;
  s.rows += rows;
  s.commitMs += ms;
}
