import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { testCtx } from '../../../test/helpers/db.ts';
import { AppError, E } from '../errors.ts';
import type { BanyanModule } from '../module.ts';
import { createApp } from './app.ts';

// A hot route and an ordinary one, without importing a module.
const probe: BanyanModule = {
  name: 'probe',
  routes: [
    (app) => {
      app.get('/api/v1/probe-hot', { config: { scope: 'public', hot: true } }, async (r) => {
        if ((r.query as { bad?: string }).bad) throw new AppError(E.NOT_FOUND, { what: 'probe' });
        return { ok: true };
      });
      app.get('/api/v1/probe-cold', { config: { scope: 'public' } }, async () => ({ ok: true }));
    },
  ],
};

test('a hot route logs one answer in BANYAN_LOG_SAMPLE and every error; another route one line per answer', async () => {
  const ctx = await testCtx('sqlite');
  after(() => ctx.close());
  const lines: Array<Record<string, unknown>> = [];
  const logStream = new Writable({
    write(chunk, _e, cb) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      cb();
    },
  });
  const app = await createApp({ ...ctx, config: { ...ctx.config, logLevel: 'info', logSample: 10 } }, [probe], {
    logStream,
  });
  after(() => app.close());
  await app.ready();
  lines.length = 0;
  for (let i = 0; i < 100; i++) await app.inject({ method: 'GET', url: '/api/v1/probe-hot' });
  const hot = lines.filter((l) => (l.req as { url?: string } | undefined)?.url === '/api/v1/probe-hot');
  assert.equal(hot.length, 10, 'one in ten, in one line each');
  assert.ok(hot.every((l) => l.sampled === 10 && (l.res as { statusCode: number }).statusCode === 200));
  lines.length = 0;
  await app.inject({ method: 'GET', url: '/api/v1/probe-hot?bad=1' });
  await app.inject({ method: 'GET', url: '/api/v1/probe-cold' });
  assert.deepEqual(
    lines
      .filter((l) => l.msg === 'answered')
      .map((l) => [(l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode, l.sampled]),
    [
      ['/api/v1/probe-hot?bad=[redacted]', 404, undefined],
      ['/api/v1/probe-cold', 200, undefined],
    ],
  );
});
