import { Worker } from 'node:worker_threads';
import type { Ctx } from '../platform/context.ts';
import { type KeyedChunk, keyIds } from './sample-keys.ts';

/** Imports of at least this many rows key their IDs on the keying thread. */
export const THREAD_AT = 50_000;
const CHUNK = 25_000;
const THREAD = new URL('./sample-keys.thread.mjs', import.meta.url);

/** One import's chunks being keyed on the thread: the shared claim counter and each chunk's answer. */
interface Job {
  next: Int32Array;
  answers: Map<number, { resolve: (c: KeyedChunk) => void; reject: (e: Error) => void }>;
  promises: Array<Promise<KeyedChunk>>;
}
interface Keyer {
  start(job: Job, ids: string[], todayMs: number): void;
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
    const jobs = new Map<number, Job>();
    let seq = 0;
    const stop = (e: Error) => {
      keyers.delete(secret);
      for (const job of jobs.values()) for (const a of job.answers.values()) a.reject(e);
      jobs.clear();
      ready(null);
    };
    worker.on('message', (m: { seq: number; c?: number; chunk?: KeyedChunk; done?: boolean; probe?: string }) => {
      if (m.seq === 0) {
        if (m.probe === ctx.crypto.blindIndex('id', 'probe')) ready(keyer);
        else {
          stop(new Error('keying thread: another secret'));
          void worker.terminate();
        }
        return;
      }
      const job = jobs.get(m.seq);
      if (!job) return;
      if (m.c !== undefined) {
        job.answers.get(m.c)?.resolve(m.chunk as KeyedChunk);
        job.answers.delete(m.c);
      }
      if (m.done) {
        // Chunks it claimed but did not answer (it failed) are keyed by the import's thread.
        for (const a of job.answers.values()) a.reject(new Error('keying thread: chunk not keyed'));
        jobs.delete(m.seq);
      }
      // An idle thread must not keep a CLI or a test process alive.
      if (jobs.size === 0) worker.unref();
    });
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`keying thread exited (${code})`)));
    const keyer: Keyer = {
      start(job, ids, todayMs) {
        const n = ++seq;
        if (jobs.size === 0) worker.ref();
        jobs.set(n, job);
        const lengths = new Int32Array(ids.length);
        for (let i = 0; i < ids.length; i++) lengths[i] = (ids[i] as string).length;
        worker.postMessage(
          { seq: n, text: ids.join(''), lengths, today: todayMs, size: CHUNK, next: job.next.buffer },
          [lengths.buffer],
        );
      },
    };
  });
  keyers.set(secret, k);
  return k;
}

/**
 * Checks and keys the rows' resident IDs in chunks, in order. For a large import the keying thread
 * and this one take chunks from a shared counter: when the caller needs a chunk nobody has taken,
 * it keys it here; one the thread took is awaited (and keyed here if the thread fails).
 */
export function keyedChunks(
  ctx: Ctx,
  ids: string[],
  todayMs: number,
  opts: { threaded?: boolean } = {},
): AsyncIterable<{ start: number; chunk: KeyedChunk }> {
  const here = (start: number) => keyIds(ctx.crypto, ids.slice(start, start + CHUNK), todayMs);
  const threaded = opts.threaded ?? ids.length >= THREAD_AT;
  const chunks = Math.ceil(ids.length / CHUNK);
  const job: Job = { next: new Int32Array(new SharedArrayBuffer(4)), answers: new Map(), promises: [] };
  if (threaded) {
    for (let c = 0; c < chunks; c++)
      job.promises.push(
        new Promise<KeyedChunk>((resolve, reject) => {
          job.answers.set(c, { resolve, reject });
        }),
      );
    // Awaited in order, or never (a chunk this thread claims); no rejection may go unhandled.
    for (const p of job.promises) p.catch(() => {});
    // This thread keys chunks while the thread starts; it joins in at the next unclaimed chunk.
    void keyerOf(ctx).then((k) => k?.start(job, ids, todayMs));
  }
  return (async function* () {
    for (let c = 0; c < chunks; c++) {
      const start = c * CHUNK;
      if (Atomics.compareExchange(job.next, 0, c, c + 1) === c) yield { start, chunk: here(start) };
      else yield { start, chunk: await (job.promises[c] as Promise<KeyedChunk>).catch(() => here(start)) };
    }
  })();
}
