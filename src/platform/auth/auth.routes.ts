import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { actorOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../http/session.ts';
import { type Api, created, jsonSchema, noContent, ok } from '../http/zod.ts';
import type { Lookups } from '../module.ts';
import { AuthErrors } from './auth.errors.ts';
import { findUserById } from './auth.repo.ts';
import { scopeContains } from './auth.rules.ts';
import { LoginInput, UserAnswer, UserInput, UserList } from './auth.schema.ts';
import { createUser, listUsers, login, logout, requirePermission, toView, type UserView } from './auth.service.ts';
import { LoginLimiter } from './login-limit.ts';

/** Sign-in, sign-out, the current user, and account management; division names come from `lookups`. */
export async function authRoutes(app: Api, ctx: Ctx, lookups: Lookups): Promise<void> {
  const nameOf = lookups.divisionName;
  const withScopeName = (u: UserView) => ({ ...u, scope: { ...u.scope, name: nameOf(u.scope.code) ?? u.scope.code } });

  const limiter = new LoginLimiter();
  app.post(
    '/api/v1/sessions',
    {
      schema: { tags: ['auth'], summary: 'Sign in', body: jsonSchema(LoginInput), response: created(UserAnswer) },
      // Per address: ten tries a minute is plenty for a person and useless for guessing. Per
      // account (LOGIN_LIMIT): ten wrong passwords in 15 minutes lock it for 15, from any address.
      config: { scope: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const { token, user } = await login(ctx, username, password, limiter);
      setSessionCookie(reply, token, ctx.config.production);
      reply.status(201);
      return { user: withScopeName(toView(user)) };
    },
  );

  app.get(
    '/api/v1/sessions/current',
    {
      config: { scope: 'self' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: ok(UserAnswer) },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await findUserById(ctx.db, actor.userId);
      if (!user) throw new AppError(AuthErrors.AUTH_REQUIRED);
      return { user: withScopeName(toView(user)) };
    },
  );

  app.delete(
    '/api/v1/sessions/current',
    {
      config: { scope: 'self' },
      schema: { tags: ['auth'], summary: 'Sign out', response: noContent('Signed out') },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctx, token);
      clearSessionCookie(reply);
      reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/users',
    {
      config: { scope: 'city' },
      schema: { tags: ['auth'], summary: 'List accounts', response: ok(UserList) },
    },
    async (request) => {
      requirePermission(actorOf(request), 'users:manage');
      return { items: (await listUsers(ctx)).map(withScopeName) };
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        body: jsonSchema(UserInput),
        response: created(UserAnswer),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requirePermission(actor, 'users:manage');
      const input = request.body as UserInput;
      if (input.scope.kind !== 'zone' && !nameOf(input.scope.code))
        throw new AppError(AuthErrors.SCOPE_UNKNOWN, { code: input.scope.code });
      if (!scopeContains(actor.scope, input.scope)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
      reply.status(201);
      return { user: withScopeName(await createUser(ctx, actor, input)) };
    },
  );
}
