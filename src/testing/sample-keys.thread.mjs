// The keying thread of large sample imports: checks resident IDs and computes their blind indexes
// (about a fifth of an import's time) on the second core while the import's thread reads and
// writes the database. It loads the TypeScript rules through tsx, so no rule is written twice.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createCrypto } = await import('../platform/crypto.ts');
const { keyIds } = await import('./sample-keys.ts');
const crypto = createCrypto(workerData.secret);
parentPort.on('message', (m) => {
  try {
    parentPort.postMessage({ seq: m.seq, ok: true, chunk: keyIds(crypto, m.ids, m.today) });
  } catch (e) {
    parentPort.postMessage({ seq: m.seq, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ seq: 0, ok: true, probe: crypto.blindIndex('id', 'probe') });
