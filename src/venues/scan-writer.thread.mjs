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
// The ids not inserted as given (a key already stored, or twice in the group; the id is a row's
// first parameter): their requests are answered from the stored row.
const commit = db.transaction((rows) => {
  const skipped = [];
  for (const r of rows) if (insert.run(r).changes === 0) skipped.push(r[0]);
  return skipped.length ? skipped : undefined;
});
parentPort.on('message', (m) => {
  try {
    const started = performance.now();
    const skipped = commit(JSON.parse(m.rows));
    parentPort.postMessage({ seq: m.seq, ok: true, ms: performance.now() - started, skipped });
  } catch (e) {
    parentPort.postMessage({ seq: m.seq, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
