// The reader's own thread: a second connection to the embedded database that answers the long
// reads (a day's statistics over millions of scans) so that they never hold the thread answering
// checks; better-sqlite3 runs every query synchronously on the thread that calls it. Plain
// JavaScript, like the scan writer's thread: the statements come compiled from the server thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThreadPriority } from '../thread-priority.mjs';

const { file, nice } = workerData;
if (nice) lowerThreadPriority(nice);
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// Reads only: a statement that would write is refused by SQLite itself.
db.pragma('query_only = 1');
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare(sql);
      if (statements.size >= 500) statements.clear();
      statements.set(sql, st);
    }
    if (!st.reader) throw new Error('the reader connection answers queries that return rows only');
    parentPort.postMessage({ id, rows: st.all(parameters) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
