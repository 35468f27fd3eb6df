// The scan writer's own thread: it holds a second connection to the embedded database and commits
// each group the server thread sends, so the server thread spends its time answering checks while
// SQLite writes pages here.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../platform/db/db.ts';
import { insertScansSqlite } from './venues.repo.ts';
import type { ScanRow } from './venues.tables.ts';

const port = parentPort;
if (!port) throw new Error('scan-writer.thread runs only as a worker thread');
// A long import on the server connection holds the write lock; scans wait for it rather than fail,
// and the queue in front of this thread answers 429 if the wait grows.
const handle = openSqlite((workerData as { file: string }).file, 60_000);
port.on('message', (m: { seq: number; rows: string }) => {
  try {
    insertScansSqlite(handle, JSON.parse(m.rows) as ScanRow[]);
    port.postMessage({ seq: m.seq, ok: true });
  } catch (e) {
    port.postMessage({ seq: m.seq, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
port.postMessage('ready');
