import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { niceOf } from './thread-stat.ts';

test('lowerThreadPriority lowers the calling thread only', { skip: process.platform !== 'linux' }, async () => {
  const before = niceOf();
  const worker = new Worker(
    `import { parentPort } from 'node:worker_threads';
     const { lowerThreadPriority } = await import(${JSON.stringify(new URL('./thread-priority.mjs', import.meta.url).href)});
     parentPort.postMessage(lowerThreadPriority(7));
     setTimeout(() => {}, 2000);`,
    { eval: true, execArgv: [] },
  );
  const tid = await new Promise<number | null>((res, rej) => {
    worker.once('message', res);
    worker.once('error', rej);
  });
  try {
    assert.ok(typeof tid === 'number' && tid > 0, `a thread id, got ${tid}`);
    assert.equal(niceOf(tid), Math.max(before, 7));
    assert.equal(niceOf(), before, 'the calling thread only');
  } finally {
    await worker.terminate();
  }
});
