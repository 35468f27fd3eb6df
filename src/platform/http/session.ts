import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthErrors } from '../auth/auth.errors.ts';
import type { Actor } from '../auth/auth.rules.ts';
import { authenticate, toActor } from '../auth/auth.service.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';

export const SESSION_COOKIE = 'banyan_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the session cookie to an actor on every request (null when signed out). */
export function installSessions(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('actor', null);
  // Callback style: a request without a session (every resident's scan) returns at once, without
  // the promise and microtask an async hook costs on each request.
  app.addHook('onRequest', (request, _reply, done) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return done();
    authenticate(ctx, token).then((user) => {
      request.actor = user ? toActor(user) : null;
      done();
    }, done);
  });
}

/** The signed-in actor, or AUTH_REQUIRED. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(AuthErrors.AUTH_REQUIRED);
  return request.actor;
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure in production. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 12 * 3600 });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
