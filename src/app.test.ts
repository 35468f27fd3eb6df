import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../test/helpers/app.ts';
import { dialects, engineOf, testCtx } from '../test/helpers/db.ts';
import { buildApp } from './app.ts';

for (const dialect of dialects()) {
  describe(`HTTP platform on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    before(() => t.user('cmd', 'commander', { kind: 'city', code: '3501' }));
    t.app.get('/api/v1/test-boom', { config: { scope: 'public' } }, async () => {
      throw new Error('secret stack detail');
    });

    test('healthz and the OpenAPI document answer without a session', async () => {
      const h = await t.app.inject('/healthz');
      assert.equal(h.statusCode, 200);
      assert.equal(h.json().database, engineOf(dialect));
      const o = await t.app.inject('/api/openapi.json');
      assert.equal(o.statusCode, 200);
      assert.match(o.json().openapi, /^3\./);
      assert.ok(o.json().paths['/api/v1/persons'], 'persons documented');
      assert.ok(o.json().paths['/api/v1/sessions'].post.requestBody, 'login body documented from zod');
      assert.equal((await t.app.inject('/api/docs/')).statusCode, 200);
    });

    test('persons answer 401 with a stable code without a session', async () => {
      const r = await t.app.inject('/api/v1/persons');
      assert.equal(r.statusCode, 401);
      assert.deepEqual(r.json().error.code, 'AUTH_REQUIRED');
      assert.equal(r.json().error.messages['zh-CN'], '请先登录');
      assert.equal(r.json().error.messages.en, 'Please sign in');
    });

    test('sign-in sets an HttpOnly SameSite=Strict cookie; sign-out ends the session', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { username: 'cmd', password: 'test-password-1' },
      });
      assert.equal(r.statusCode, 201);
      const setCookie = String(r.headers['set-cookie']);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
      const cookie = `banyan_session=${r.cookies[0]?.value}`;
      const me = await t.app.inject({ url: '/api/v1/sessions/current', headers: { cookie } });
      assert.equal(me.json().user.role, 'commander');
      assert.equal(me.json().user.scope.name, '福州市');
      await t.app.inject({ method: 'DELETE', url: '/api/v1/sessions/current', headers: { cookie } });
      assert.equal((await t.app.inject({ url: '/api/v1/sessions/current', headers: { cookie } })).statusCode, 401);
    });

    test('bad input is a 4xx with a stable code, never a 500', async () => {
      const cookie = await t.login('cmd');
      const badJson = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: { cookie, 'content-type': 'application/json' },
        payload: '{"idNumber": ',
      });
      assert.equal(badJson.statusCode, 400);
      assert.equal(badJson.json().error.code, 'BAD_JSON');
      const big = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: { cookie, 'content-type': 'application/json' },
        payload: JSON.stringify({ x: 'a'.repeat(2_000_000) }),
      });
      assert.equal(big.statusCode, 413);
      assert.equal(big.json().error.code, 'PAYLOAD_TOO_LARGE');
      const invalid = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: { cookie },
        payload: { name: '' },
      });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json().error.code, 'VALIDATION_FAILED');
      assert.ok(invalid.json().error.details.some((d: { path: string }) => d.path === 'idNumber'));
      const badQuery = await t.app.inject({ url: '/api/v1/persons?page=0', headers: { cookie } });
      assert.equal(badQuery.json().error.code, 'VALIDATION_FAILED');
      const unknownDivision = await t.app.inject({ url: '/api/v1/divisions/350199', headers: { cookie } });
      assert.equal(unknownDivision.statusCode, 404);
      assert.equal(unknownDivision.json().error.code, 'DIVISION_UNKNOWN');
      const nf = await t.app.inject('/api/v1/nothing-here');
      assert.equal(nf.statusCode, 404);
      assert.equal(nf.json().error.code, 'NOT_FOUND');
    });

    test('an unexpected failure is a 500 without internals', async () => {
      const r = await t.app.inject('/api/v1/test-boom');
      assert.equal(r.statusCode, 500);
      assert.equal(r.json().error.code, 'INTERNAL');
      assert.ok(!r.body.includes('secret stack detail'));
    });

    test('security headers are set', async () => {
      const r = await t.app.inject('/healthz');
      assert.ok(r.headers['content-security-policy']);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.ok(r.headers['strict-transport-security']);
    });

    test('API answers carry the API headers: not cached, not framed, not sniffed', async () => {
      const r = await t.app.inject('/api/v1/clock');
      assert.equal(r.headers['cache-control'], 'no-store');
      assert.equal(r.headers['x-frame-options'], 'DENY');
      assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.ok(r.headers['strict-transport-security']);
      assert.equal(r.headers['cross-origin-opener-policy'], undefined, 'page headers stay on pages');
    });

    test('wrong passwords are refused, then rate-limited with Retry-After', async () => {
      const attempt = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          headers: { 'accept-language': 'en' },
          payload: { username: 'cmd', password: 'nope-nope' },
        });
      const first = await attempt();
      assert.equal(first.statusCode, 401);
      assert.equal(first.json().error.code, 'AUTH_INVALID_CREDENTIALS');
      assert.equal(first.json().error.message, 'Wrong username or password');
      let last = first;
      for (let i = 0; i < 12 && last.statusCode !== 429; i++) last = await attempt();
      assert.equal(last.statusCode, 429);
      assert.equal(last.json().error.code, 'RATE_LIMITED');
      assert.ok(Number(last.headers['retry-after']) > 0);
    });
  });
}

test('logs redact personal data', async () => {
  const ctx = await testCtx('sqlite');
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (d) => {
    out += d;
  });
  const app = await buildApp({ ...ctx, config: { ...ctx.config, logLevel: 'info' } }, { logStream: stream });
  app.log.info({ person: { idNumber: '350102198506121234', phone: '13812345678', name: '陈伟' } }, 'x');
  await app.inject({ url: '/healthz', headers: { cookie: 'banyan_session=abcdef' } });
  await app.close();
  await ctx.close();
  assert.ok(out.includes('[redacted]'));
  for (const s of ['350102198506121234', '13812345678', '陈伟', 'abcdef'])
    assert.ok(!out.includes(s), `${s} leaked into logs`);
});
