import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createUser } from '../../src/platform/auth/auth.service.ts';
import { LOGIN_LIMIT, LoginLimiter } from '../../src/platform/auth/login-limit.ts';
import { loadConfig, trustProxyOf } from '../../src/platform/config.ts';
import { dialects, testCtx } from '../helpers/db.ts';

const PASSWORD = 'right-password-1';

test('TRUST_PROXY: nobody by default, a hop count, or a list of addresses and CIDRs', () => {
  assert.equal(trustProxyOf(undefined), false);
  assert.equal(trustProxyOf(' '), false);
  assert.equal(trustProxyOf('0'), false);
  assert.equal(trustProxyOf('2'), 2);
  assert.deepEqual(trustProxyOf('10.0.0.1, 10.1.0.0/16,::1,fd00::/8,loopback'), [
    '10.0.0.1',
    '10.1.0.0/16',
    '::1',
    'fd00::/8',
    'loopback',
  ]);
  for (const bad of ['true', '*', '10.0.0.300', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/8/1', 'proxy.example', '40'])
    assert.throws(() => trustProxyOf(bad), /TRUST_PROXY/, bad);
  assert.equal(loadConfig({ NODE_ENV: 'production', BANYAN_SECRET: 'x'.repeat(32) }).trustProxy, false);
});

test('a locked account stays locked for LOCK_MS whatever the password, then opens; failures age out', () => {
  let now = 1_000_000;
  const l = new LoginLimiter(() => now);
  for (let i = 1; i < LOGIN_LIMIT.MAX_FAILURES; i++) assert.equal(l.failed('Chen'), 0);
  assert.equal(l.lockedFor('chen'), 0, 'nine failures do not lock');
  assert.equal(l.failed('chen '), LOGIN_LIMIT.LOCK_MS / 1000, 'the tenth locks, whatever the case or spaces');
  now += LOGIN_LIMIT.LOCK_MS - 1000;
  assert.equal(l.lockedFor('chen'), 1);
  l.succeeded('other');
  now += 1000;
  assert.equal(l.lockedFor('chen'), 0);
  // Failures spread wider than the window never lock.
  for (let i = 0; i < 3 * LOGIN_LIMIT.MAX_FAILURES; i++) {
    assert.equal(l.failed('wang'), 0);
    now += LOGIN_LIMIT.WINDOW_MS / (LOGIN_LIMIT.MAX_FAILURES - 1);
  }
  // A success clears the count.
  for (let i = 1; i < LOGIN_LIMIT.MAX_FAILURES; i++) l.failed('li');
  l.succeeded('li');
  assert.equal(l.failed('li'), 0);
});

for (const dialect of dialects()) {
  describe(`rate limits in production on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    const prod = (env: Record<string, string>) => ({
      ...ctx,
      config: {
        ...loadConfig({
          NODE_ENV: 'production',
          BANYAN_SECRET: 'x'.repeat(32),
          BANYAN_DATA_DIR: '/nonexistent',
          ...env,
        }),
        logLevel: 'silent',
        databaseUrl: null,
      },
    });
    const apps: FastifyInstance[] = [];
    const appWith = async (env: Record<string, string> = {}) => {
      const app = await buildApp(prod(env), { logger: false });
      apps.push(app);
      return app;
    };
    before(async () => {
      for (const username of ['chen', 'wang'])
        await createUser(ctx, 'system', {
          username,
          displayName: username,
          password: PASSWORD,
          role: 'commander',
          scope: { kind: 'city', code: '3501' },
        });
    });
    after(async () => {
      for (const a of apps) await a.close();
      await ctx.close();
    });
    const signIn = (app: FastifyInstance, username: string, password: string, from: string, xff?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        remoteAddress: from,
        headers: xff ? { 'x-forwarded-for': xff } : {},
        payload: { username, password },
      });

    test('spoofed X-Forwarded-For is ignored by default: one real address is limited, right password too', async () => {
      const app = await appWith();
      const codes: number[] = [];
      for (let i = 0; i < 40; i++)
        codes.push((await signIn(app, `nobody${i}`, 'wrong-password', '203.0.113.7', `198.51.100.${i}`)).statusCode);
      assert.deepEqual(codes.slice(0, 10), Array(10).fill(401));
      assert.deepEqual(codes.slice(10), Array(30).fill(429), 'attempts past ten a minute are refused');
      const right = await signIn(app, 'wang', PASSWORD, '203.0.113.7', '198.51.100.250');
      assert.equal(right.statusCode, 429, 'the locked-out address cannot sign in by claiming another');
      assert.equal(right.json().error.code, 'RATE_LIMITED');
      assert.equal((await signIn(app, 'wang', PASSWORD, '203.0.113.8')).statusCode, 201, 'another address can');
    });

    test('the public tracking lookup is limited per real address, not per claimed one', async () => {
      const app = await appWith();
      const codes: number[] = [];
      for (let i = 0; i < 40; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/public/appeals/track',
          remoteAddress: '203.0.113.9',
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
          payload: { trackingNo: `FZ2022${String(i).padStart(6, '0')}`, last4: '1234' },
        });
        codes.push(r.statusCode);
      }
      assert.equal(codes.filter((c) => c === 429).length, 10, 'thirty a minute, then 429');
      assert.ok(codes.slice(0, 30).every((c) => c !== 429));
    });

    test('TRUST_PROXY trusts only the configured proxy; a hop count trusts that many hops', async () => {
      const app = await appWith({ TRUST_PROXY: '10.0.0.1' });
      // Behind the trusted proxy, each client counts on its own: eleven clients, one try each.
      for (let i = 0; i < 11; i++)
        assert.equal(
          (await signIn(app, `nobody${i}`, 'wrong-password', '10.0.0.1', `198.51.100.${i}`)).statusCode,
          401,
        );
      // From an untrusted peer the header is ignored: the peer itself is limited.
      const codes: number[] = [];
      for (let i = 0; i < 11; i++)
        codes.push((await signIn(app, `x${i}`, 'wrong-password', '10.0.0.2', `198.51.100.${i}`)).statusCode);
      assert.equal(codes.at(-1), 429);
      const hops = await appWith({ TRUST_PROXY: '1' });
      for (let i = 0; i < 11; i++)
        assert.equal((await signIn(hops, `y${i}`, 'wrong-password', '10.0.0.3', `198.51.100.${i}`)).statusCode, 401);
    });

    test('an account is locked after ten wrong passwords from any addresses, the right one refused too', async () => {
      const app = await appWith();
      for (let i = 0; i < LOGIN_LIMIT.MAX_FAILURES; i++)
        assert.equal((await signIn(app, 'chen', 'wrong-password', `192.0.2.${i + 1}`)).statusCode, 401);
      const right = await signIn(app, 'chen', PASSWORD, '192.0.2.200');
      assert.equal(right.statusCode, 429);
      assert.equal(right.json().error.code, 'RATE_LIMITED');
      const after = Number(right.headers['retry-after']);
      assert.ok(after > LOGIN_LIMIT.LOCK_MS / 1000 - 60 && after <= LOGIN_LIMIT.LOCK_MS / 1000, String(after));
      assert.equal((await signIn(app, 'wang', PASSWORD, '192.0.2.201')).statusCode, 201, 'other accounts sign in');
    });
  });
}
