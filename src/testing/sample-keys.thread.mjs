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
  // The IDs arrive as one string and their lengths: one copy instead of a clone per ID.
  const ids = new Array(m.lengths.length);
  for (let i = 0, at = 0; i < ids.length; i++) {
    ids[i] = m.text.slice(at, at + m.lengths[i]);
    at += m.lengths[i];
  }
  const chunks = Math.ceil(ids.length / m.size);
  try {
    for (let c = Atomics.add(next, 0, 1); c < chunks; c = Atomics.add(next, 0, 1)) {
      const chunk = keyIds(crypto, ids.slice(c * m.size, (c + 1) * m.size), m.today);
      parentPort.postMessage({ seq: m.seq, c, chunk }, [chunk.digests.buffer, chunk.valid.buffer]);
    }
    parentPort.postMessage({ seq: m.seq, done: true });
  } catch (e) {
    parentPort.postMessage({ seq: m.seq, done: true, message: e instanceof Error ? e.message : String(e) });
  }
});
// The import's thread compares this with its own HMAC before it uses the thread.
const probe = new Uint8Array(32);
crypto.blindDigest('id', 'probe', probe, 0);
parentPort.postMessage({ seq: 0, probe: Buffer.from(probe).toString('hex') });
