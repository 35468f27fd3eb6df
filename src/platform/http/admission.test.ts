import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { loadConfig } from '../config.ts';
import { defineErrors } from '../errors.ts';
import { admission, LoopTurns } from './admission.ts';
import { installErrorHandling } from './errors.http.ts';

const Errors = defineErrors({
  TEST_BUSY: { status: 429, 'zh-CN': '繁忙，请 {retryAfter} 秒后重试', en: 'Busy; retry in {retryAfter} s' },
});
const nextTurn = () => new Promise((r) => setImmediate(r));

test('a request’s sojourn is the time since the first request of its turn of the event loop', async () => {
  let clock = 1000;
  const turns = new LoopTurns(() => clock);
  assert.equal(turns.sojournMs(), 0, 'the first request starts the turn');
  clock += 150;
  assert.equal(turns.sojournMs(), 150);
  clock += 100;
  assert.equal(turns.sojournMs(), 250, 'queued behind 250 ms of requests read before it');
  await nextTurn();
  clock += 5000;
  assert.equal(turns.sojournMs(), 0, 'a stall between turns is not held against the next requests');
  clock += 20;
  assert.equal(turns.sojournMs(), 20);
});

test('a route refuses with 429 and Retry-After when the wait exceeds the bound, and admits again after', async () => {
  let clock = 0;
  let queued = 0;
  const opts = { boundMs: 200, code: Errors.TEST_BUSY, waitMs: () => queued, turns: new LoopTurns(() => clock) };
  const gate = admission(opts);
  const app = Fastify();
  installErrorHandling(app);
  let handled = 0;
  app.post(
    '/hot',
    {
      // x-slow: this request keeps the thread 300 ms once admitted (a long synchronous handler).
      onRequest: (req, reply, done) =>
        gate.call(app, req, reply, () => {
          if (req.headers['x-slow']) clock += 300;
          done();
        }),
    },
    async () => ({ ok: ++handled }),
  );
  const post = (lang = 'zh-CN') =>
    app.inject({ method: 'POST', url: '/hot', payload: { x: 1 }, headers: { 'accept-language': lang } });

  assert.equal((await post()).statusCode, 200);
  queued = 250;
  const busy = await post();
  assert.equal(busy.statusCode, 429);
  assert.equal(busy.headers['retry-after'], '1');
  assert.equal(busy.json().error.code, 'TEST_BUSY');
  assert.equal(busy.json().error.message, '繁忙，请 1 秒后重试');
  assert.equal((await post('en')).json().error.message, 'Busy; retry in 1 s');
  queued = 2100;
  assert.equal((await post()).headers['retry-after'], '3', 'a longer wait asks for a later retry');
  assert.equal(handled, 1, 'no refused request reached its handler');
  queued = 0;
  assert.equal((await post()).statusCode, 200, 'admitted again once the queue drains');

  // A turn of the loop that has run long: requests late in it are refused, the next turn admits.
  await nextTurn();
  const [slow, late] = await Promise.all([
    app.inject({ method: 'POST', url: '/hot', payload: { x: 1 }, headers: { 'x-slow': '1' } }),
    app.inject({ method: 'POST', url: '/hot', payload: { x: 2 } }),
  ]);
  assert.deepEqual([slow.statusCode, late.statusCode], [200, 429]);
  await nextTurn();
  assert.equal((await post()).statusCode, 200);

  opts.boundMs = 0;
  queued = 1e9;
  assert.equal((await post()).statusCode, 200, 'a bound of 0 admits every request');
  await app.close();
});

test('BANYAN_ADMIT_MS sets the bound: 200 ms by default, 0 turns admission off, nonsense is refused', () => {
  const base = { BANYAN_SECRET: 'x'.repeat(32), BANYAN_DATA_DIR: '/nonexistent' };
  assert.equal(loadConfig(base).admitMs, 200);
  assert.equal(loadConfig({ ...base, BANYAN_ADMIT_MS: '0' }).admitMs, 0);
  assert.equal(loadConfig({ ...base, BANYAN_ADMIT_MS: '50' }).admitMs, 50);
  assert.throws(() => loadConfig({ ...base, BANYAN_ADMIT_MS: 'fast' }), /BANYAN_ADMIT_MS/);
});
