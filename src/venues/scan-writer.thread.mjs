// The scan writer's own thread: a second connection to the embedded database that commits each
// group the server thread sends, so SQLite's page writes do not take the thread that answers
// checks. Plain JavaScript on purpose: a worker that loads the TypeScript loader starts slowly and
// keeps the process alive; the statement and settings come from the server thread (venues.repo.ts,
// db.ts), so no SQL lives here.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThreadPriority } from '../platform/thread-priority.mjs';

const { file, pragmas, sql, nice } = workerData;
if (nice) lowerThreadPriority(nice);
const db = new Database(file);
for (const p of pragmas) db.pragma(p);
// A long import on the server connection holds the write lock; scans wait for it rather than fail,
// and the queue in front of this thread answers 429 if the wait grows.
db.pragma('busy_timeout = 60000');
const insert = db.prepare(sql);
const commit = db.transaction((rows) => {
  for (const r of rows) insert.run(r);
});
parentPort.on('message', (m) => {
  try {
    const started = performance.now();
    commit(JSON.parse(m.rows));
    parentPort.postMessage({ seq: m.seq, ok: true, ms: performance.now() - started });
  } catch (e) {
    parentPort.postMessage({ seq: m.seq, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
