import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Role, Scope } from '../../src/platform/auth/auth.rules.ts';
import { createUser } from '../../src/platform/auth/auth.service.ts';
import { type TestDialect, testCtx } from './db.ts';

export const PASSWORD = 'test-password-1';

/** An app on a fresh database of one dialect, with helpers to create users and sign in. */
export async function testApp(dialect: TestDialect) {
  const ctx = await testCtx(dialect);
  const app: FastifyInstance = await buildApp(ctx, { logger: false });
  return {
    app,
    ctx,
    async user(username: string, role: Role, scope: Scope, displayName = username) {
      return createUser(ctx, 'system', { username, displayName, password: PASSWORD, role, scope });
    },
    /** Signs in and returns the Cookie header value. */
    async login(username: string, password = PASSWORD): Promise<string> {
      const r = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { username, password } });
      if (r.statusCode !== 201) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
      const c = r.cookies.find((x) => x.name === 'banyan_session');
      if (!c) throw new Error('no session cookie');
      return `banyan_session=${c.value}`;
    },
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
