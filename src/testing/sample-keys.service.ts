import { Worker } from 'node:worker_threads';
import type { Ctx } from '../platform/context.ts';
import { type KeyedChunk, keyIds } from './sample-keys.ts';

/** Imports of at least this many rows key their IDs on the keying thread. */
export const THREAD_AT = 50_000;
const CHUNK = 25_000;
const THREAD = new URL('./sample-keys.thread.mjs', import.meta.url);

interface Keyer {
  key(ids: string[], todayMs: number): Promise<KeyedChunk>;
}
const keyers = new Map<string, Promise<Keyer | null>>();

/**
 * Starts the keying thread of a secret. It answers first with the blind index of a probe value;
 * if that differs from this thread's (a context whose crypto is not its config's secret), the
 * thread is not used. A thread that fails is dropped and the next import starts another.
 */
function keyerOf(ctx: Ctx): Promise<Keyer | null> {
  const secret = ctx.config.secret;
  let k = keyers.get(secret);
  if (k) return k;
  k = new Promise<Keyer | null>((ready) => {
    // execArgv [] keeps the test runner's or server's flags out; the thread registers tsx itself.
    const worker = new Worker(THREAD, { execArgv: [], workerData: { secret } });
    const waiting = new Map<number, { resolve: (c: KeyedChunk) => void; reject: (e: Error) => void }>();
    let seq = 0;
    const stop = (e: Error) => {
      keyers.delete(secret);
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
      ready(null);
    };
    worker.on('message', (m: { seq: number; ok: boolean; chunk?: KeyedChunk; probe?: string; message?: string }) => {
      if (m.seq === 0) {
        if (m.probe === ctx.crypto.blindIndex('id', 'probe')) ready(keyer);
        else {
          stop(new Error('keying thread: another secret'));
          void worker.terminate();
        }
      } else {
        const w = waiting.get(m.seq);
        waiting.delete(m.seq);
        if (m.ok) w?.resolve(m.chunk as KeyedChunk);
        else w?.reject(new Error(`keying thread: ${m.message}`));
      }
      // An idle thread must not keep a CLI or a test process alive.
      if (waiting.size === 0) worker.unref();
    });
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`keying thread exited (${code})`)));
    const keyer: Keyer = {
      key(ids, todayMs) {
        return new Promise((resolve, reject) => {
          const n = ++seq;
          if (waiting.size === 0) worker.ref();
          waiting.set(n, { resolve, reject });
          worker.postMessage({ seq: n, ids, today: todayMs });
        });
      },
    };
  });
  keyers.set(secret, k);
  return k;
}

/**
 * Checks and keys the rows' resident IDs in chunks, in order. A large import sends every chunk to
 * the keying thread at once (before the caller reads anything else) and gets each back while it
 * works on the ones before; a chunk the thread could not answer is keyed here, so a failing
 * thread costs time, never rows.
 */
export function keyedChunks(
  ctx: Ctx,
  ids: string[],
  todayMs: number,
  opts: { threaded?: boolean } = {},
): AsyncIterable<{ start: number; chunk: KeyedChunk }> {
  const here = (start: number) => keyIds(ctx.crypto, ids.slice(start, start + CHUNK), todayMs);
  const threaded = opts.threaded ?? ids.length >= THREAD_AT;
  const sent = (threaded ? keyerOf(ctx) : Promise.resolve(null)).then((keyer) => {
    if (!keyer) return null;
    const pending: Array<Promise<KeyedChunk>> = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const p = keyer.key(ids.slice(start, start + CHUNK), todayMs);
      // Awaited below in order; a caller that stops early must not leave a rejection unhandled.
      p.catch(() => {});
      pending.push(p);
    }
    return pending;
  });
  return (async function* () {
    const pending = await sent;
    for (let j = 0, start = 0; start < ids.length; j++, start += CHUNK) {
      const p = pending?.[j];
      yield { start, chunk: p ? await p.catch(() => here(start)) : here(start) };
    }
  })();
}
