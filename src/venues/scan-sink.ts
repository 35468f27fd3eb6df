import { Worker } from 'node:worker_threads';
import type { Db } from '../platform/db/db.ts';
import { appendScans } from './venues.repo.ts';
import type { ScanRow } from './venues.tables.ts';

/** Where the scan writer commits its groups. */
export interface ScanSink {
  /** Resolves once the rows are committed. */
  append(rows: ScanRow[]): Promise<void>;
  /** Whether the rows are committed on a thread of their own. */
  readonly threaded: boolean;
}

const TSX_API = import.meta.resolve('tsx/esm/api');
const THREAD = new URL('./scan-writer.thread.ts', import.meta.url).href;
// The thread runs TypeScript, so it registers tsx itself: the server may have been started with
// `--import tsx` or by bin/banyan.mjs registering it in code, and a worker inherits neither reliably.
const BOOT = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(THREAD)}); });`;

/**
 * A file-backed SQLite database gets a writer thread with its own connection, which takes the page
 * writes of the scan indexes off the thread that answers checks. PostgreSQL and in-memory SQLite
 * commit on the server's connection. If the thread dies, groups in flight are refused (never
 * acknowledged) and later groups go through the server's connection.
 */
export function scanSink(db: Db): ScanSink {
  const inline: ScanSink = { append: (rows) => appendScans(db, rows), threaded: false };
  if (!db.sqlite || !db.file) return inline;
  const worker = new Worker(BOOT, { eval: true, workerData: { file: db.file } });
  worker.unref();
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let seq = 0;
  let dead = false;
  worker.on('message', (m: 'ready' | { seq: number; ok: boolean; message?: string }) => {
    if (m === 'ready') return;
    const w = waiting.get(m.seq);
    waiting.delete(m.seq);
    if (m.ok) w?.resolve();
    else w?.reject(new Error(`scan writer thread: ${m.message}`));
  });
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
    append(rows) {
      if (dead) return inline.append(rows);
      return new Promise((resolve, reject) => {
        const n = ++seq;
        waiting.set(n, { resolve, reject });
        // One string crosses threads as a copy; an array of row objects is cloned field by field
        // (that cost the server thread about 20 µs a scan).
        worker.postMessage({ seq: n, rows: JSON.stringify(rows) });
      });
    },
  };
}
