import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

// Field 19 of /proc/<pid>/task/<tid>/stat (counting after the command name) is the niceness.
function niceOf(tid: number | 'self'): number {
  const path = tid === 'self' ? '/proc/thread-self/stat' : `/proc/self/task/${tid}/stat`;
  return Number(readFileSync(path, 'utf8').split(') ')[1]?.split(' ')[16]);
}

test('lowerThreadPriority lowers the calling thread only', { skip: process.platform !== 'linux' }, async () => {
  const before = niceOf('self');
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
    assert.equal(niceOf('self'), before, 'the calling thread only');
  } finally {
    await worker.terminate();
  }
});
