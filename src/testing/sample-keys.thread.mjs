// The keying thread of large sample imports: checks resident IDs and computes their blind indexes
// on the second core. It and the import's thread take chunks from one shared counter, so neither
// waits for the other; results go back chunk by chunk. It loads the TypeScript rules through tsx,
// so no rule is written twice.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createCrypto } = await import('../platform/crypto.ts');
const { keyIds } = await import('./sample-keys.ts');
const crypto = createCrypto(workerData.secret);
parentPort.on('message', (m) => {
  const next = new Int32Array(m.next);
  const chunks = Math.ceil(m.ids.length / m.size);
  try {
    for (let c = Atomics.add(next, 0, 1); c < chunks; c = Atomics.add(next, 0, 1))
      parentPort.postMessage({
        seq: m.seq,
        c,
        chunk: keyIds(crypto, m.ids.slice(c * m.size, (c + 1) * m.size), m.today),
      });
    parentPort.postMessage({ seq: m.seq, done: true });
  } catch (e) {
    parentPort.postMessage({ seq: m.seq, done: true, message: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ seq: 0, probe: crypto.blindIndex('id', 'probe') });
