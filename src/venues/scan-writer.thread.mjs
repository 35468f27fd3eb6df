// The scan writer's own thread: a second connection to the embedded database. Plain JavaScript on
// purpose: a worker that loads the TypeScript loader starts slowly and keeps the process alive; the
// statements and settings come from the server thread (venues.repo.ts, counters.repo.ts, db.ts),
// so no SQL lives here.
//
// With a log (`indexEveryMs` > 0) a group is acknowledged once it is appended to the log file and
// synced: one sequential write, no index page touched. Every `indexEveryMs` the rows appended
// since are inserted into `scans` sorted by (venue, time) in one transaction, with the venue
// counters, and the log is emptied: the (venue, time) index takes its pages in order once a batch
// instead of one random page a scan. Without a log each group is inserted as it comes.
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThreadPriority } from '../platform/thread-priority.mjs';
import { sumScans } from './scan-counts.mjs';

const { file, pragmas, statements, nice, log, indexEveryMs } = workerData;
if (nice) lowerThreadPriority(nice);
const db = new Database(file);
for (const p of pragmas) db.pragma(p);
// A long import on the server connection holds the write lock; scans wait for it rather than fail,
// and the queue in front of this thread answers 429 if the wait grows.
db.pragma('busy_timeout = 60000');
const insert = db.prepare(statements.insert);
const exists = db.prepare(statements.exists).pluck();
const district = db.prepare(statements.district).pluck();
const counts = Object.entries(statements.counts).map(([k, q]) => [k, db.prepare(q)]);
let counting = true;
// A venue's district never changes: read once per venue (an id not registered yet, again).
const districts = new Map();
const districtOf = (id) => {
  let d = districts.get(id);
  if (d === undefined) {
    d = district.get(id) ?? undefined;
    if (d !== undefined) districts.set(id, d);
  }
  return d;
};

// The way before (the benchmark's comparison, `counting` 'sql'): statements over the rowid range.
const lastRowid = db.prepare(statements.bySql.lastRowid).pluck();
const countsBySql = statements.bySql.counts.map((q) => db.prepare(q));

// Inserts rows (each a scan's parameters, the id first) and adds the inserted ones to the venue
// counters, summed here (one upsert per venue-hour, venue-day, district-hour and reason); returns
// the ids not inserted as given (a key already stored, or twice in the rows).
const index = db.transaction((rows) => {
  const skipped = [];
  const stored = [];
  const from = counting === 'sql' ? lastRowid.get() : 0;
  for (const r of rows) {
    if (insert.run(r).changes === 0) skipped.push(r[0]);
    else stored.push(r);
  }
  if (counting === 'sql') for (const c of countsBySql) c.run(from);
  else if (counting && stored.length) {
    const sums = sumScans(stored, districtOf);
    for (const [k, st] of counts) for (const r of sums[k]) st.run(r);
  }
  return skipped;
});

const fd = log && indexEveryMs > 0 ? openSync(log, 'a') : null;
/** Rows in the log and not yet in `scans`, their ids, and when the oldest was appended. */
let pending = [];
const pendingIds = new Set();
let oldest = 0;
let logBytes = fd === null ? 0 : fstatSync(fd).size;

const byVenueTime = (a, b) => a[1] - b[1] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0);

// The columns a scan cannot be stored without (checked before a group is acknowledged, so that
// the batch that indexes it later cannot fail on it).
const REQUIRED = [0, 1, 3, 4, 5, 6, 7, 8, 9];
const complete = (r) => Array.isArray(r) && REQUIRED.every((i) => r[i] !== null && r[i] !== undefined);

// A batch that fails as a whole is indexed row by row, so that one row can never hold up the rows
// behind it. A row refused for a lock (the server connection held the write lock past the busy
// timeout, seen on a machine at load 25) is kept for the next round: it is acknowledged, and the
// log it is in is kept until it is indexed. What fails otherwise (the check above should make it
// impossible) is reported.
const transient = (e) => /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(`${e?.code ?? ''} ${e?.message ?? e}`);
function indexEach(rows) {
  let failed = 0;
  const again = [];
  for (const r of rows)
    try {
      index([r]);
    } catch (e) {
      if (transient(e)) again.push(r);
      else failed++;
    }
  if (failed) parentPort.postMessage({ failed: `${failed} scans of the log could not be indexed` });
  return again;
}

function indexPending() {
  if (!pending.length) return;
  const started = performance.now();
  const rows = pending.sort(byVenueTime);
  let again = [];
  try {
    index(rows);
  } catch {
    again = indexEach(rows);
  }
  if (again.length) {
    // Still in the log (not truncated): a crash now replays the whole log, and the rows stored
    // meanwhile are skipped by their ids.
    pending = again;
    pendingIds.clear();
    for (const r of again) pendingIds.add(r[0]);
    parentPort.postMessage({ failed: `${again.length} scans wait for the write lock; kept for the next batch` });
    return;
  }
  // The log is emptied only once its rows are committed: a crash in between replays them, and
  // their ids, stored already, are skipped.
  if (fd !== null) ftruncateSync(fd, 0);
  logBytes = 0;
  const done = performance.now();
  parentPort.postMessage({ indexed: rows.length, ms: done - started, lagMs: done - oldest });
  pending = [];
  pendingIds.clear();
  oldest = 0;
}

function append(text) {
  const rows = JSON.parse(text);
  if (fd === null) {
    const skipped = index(rows);
    return skipped.length ? skipped : undefined;
  }
  // A keyed scan may have been stored before (a retry): its id is looked up; a fresh id (uuidv7)
  // cannot be, and is only checked against the rows waiting here.
  const bad = rows.find((r) => !complete(r));
  if (bad) throw new Error(`NOT NULL: a scan without ${REQUIRED.find((i) => bad[i] === null || bad[i] === undefined)}`);
  const skipped = [];
  const kept = [];
  for (const r of rows) {
    if (pendingIds.has(r[0]) || (r[10] !== null && exists.get(r[0]))) skipped.push(r[0]);
    else {
      pendingIds.add(r[0]);
      kept.push(r);
    }
  }
  const line = `${text}\n`;
  try {
    writeSync(fd, line);
    fdatasyncSync(fd);
    logBytes += Buffer.byteLength(line);
  } catch (e) {
    // Not in the log, so never acknowledged, nor indexed; a torn line is cut off so that the next
    // group's line starts clean.
    for (const r of kept) pendingIds.delete(r[0]);
    ftruncateSync(fd, logBytes);
    throw e;
  }
  if (!oldest && kept.length) oldest = performance.now();
  for (const r of kept) pending.push(r);
  // A skipped row is answered from the stored one, which must then be readable.
  if (skipped.length || pending.length >= 50_000) indexPending();
  return skipped.length ? skipped : undefined;
}

if (fd !== null)
  setInterval(() => {
    try {
      indexPending();
    } catch (e) {
      parentPort.postMessage({ failed: e instanceof Error ? e.message : String(e) });
    }
  }, indexEveryMs);

parentPort.on('message', (m) => {
  if (m.counting !== undefined) {
    counting = m.counting;
    return;
  }
  try {
    const started = performance.now();
    if (m.settle) {
      // Settled means indexed: rows kept back by a lock are tried again (each try waits out the
      // busy timeout) before the caller is answered.
      for (let i = 0; i < 5 && pending.length; i++) indexPending();
      if (pending.length) throw new Error(`${pending.length} scans of the log are not indexed yet`);
      parentPort.postMessage({ seq: m.seq, ok: true, ms: performance.now() - started });
      return;
    }
    const skipped = append(m.rows);
    parentPort.postMessage({ seq: m.seq, ok: true, ms: performance.now() - started, skipped });
  } catch (e) {
    parentPort.postMessage({ seq: m.seq, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
process.on('exit', () => {
  if (fd !== null) closeSync(fd);
});
