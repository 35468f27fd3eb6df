// Copies committed pages from the write-ahead log into the database file, off the threads that
// commit. A checkpoint run by a committing connection (SQLite's default, every 1,000 pages) made
// the scan writer wait on the copy and its fsync about every 250 scans, and every request queued
// behind that group waited with it. Plain JavaScript for the same reasons as the writer thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThreadPriority } from '../platform/thread-priority.mjs';

const { file, pragmas, everyMs, nice } = workerData;
if (nice) lowerThreadPriority(nice);
const db = new Database(file);
for (const p of pragmas) db.pragma(p);
setInterval(() => {
  try {
    // PASSIVE never blocks a writer or a reader; what it cannot copy now it copies next time.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage({ message: e instanceof Error ? e.message : String(e) });
  }
}, everyMs);
