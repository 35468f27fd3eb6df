import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { AppError, E, langOf } from '../errors.ts';
import { ValidationError } from './zod.ts';

/**
 * Bad input that a schema let through and the database refused is still bad input: a key that
 * exists already (SQLite's UNIQUE/PRIMARY KEY, PostgreSQL's 23505) is DUPLICATE, another broken
 * constraint or a value PostgreSQL cannot take (SQLSTATE classes 22 and 23: a non-number for an
 * integer, NUL in text, out of range, a missing reference) is INVALID_VALUE. Both are logged, so that
 * the route gets its own check and code; neither is a 500.
 */
function databaseRefusal(err: Error): AppError | null {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (err instanceof pg.DatabaseError) {
    if (code === '23505') return new AppError(E.DUPLICATE);
    if (code.startsWith('22') || code.startsWith('23')) return new AppError(E.INVALID_VALUE);
  } else if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return new AppError(E.DUPLICATE);
  else if (code.startsWith('SQLITE_CONSTRAINT')) return new AppError(E.INVALID_VALUE);
  return null;
}

function toAppError(err: FastifyError & { validation?: unknown }, requestId: string): AppError {
  if (err instanceof AppError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (err instanceof ValidationError || cause instanceof ValidationError) {
    const v = (err instanceof ValidationError ? err : cause) as ValidationError;
    return new AppError(E.VALIDATION_FAILED, { summary: v.message }, v.issues);
  }
  if (err.validation) return new AppError(E.VALIDATION_FAILED, { summary: err.message }, err.validation);
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(E.BAD_JSON);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(E.PAYLOAD_TOO_LARGE, { limit: '1 MiB' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(E.UNSUPPORTED_MEDIA_TYPE);
  }
  if (err instanceof SyntaxError || err.statusCode === 400) return new AppError(E.BAD_JSON);
  if (err.statusCode === 429) return new AppError(E.RATE_LIMITED, { retryAfter: 60 });
  const refused = databaseRefusal(err);
  if (refused) return refused;
  return new AppError(E.INTERNAL, { requestId });
}

/** Every failure leaves as a catalogued code with both languages; a 500 never shows its stack. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const appErr = toAppError(err, request.id);
    if (appErr.statusCode >= 500) request.log.error({ err }, 'unhandled error');
    // The code and the route only: the database's message may quote the value, personal data included.
    else if (appErr.code === 'INVALID_VALUE' || appErr.code === 'DUPLICATE')
      request.log.warn({ dbcode: err.code, route: request.routeOptions.url }, 'database refused a value');
    // Every 429 says when to come back (a full scan queue's SCAN_OVERLOADED carries its own).
    if (appErr.statusCode === 429 && !reply.hasHeader('retry-after')) {
      const after = Number(appErr.params.retryAfter);
      reply.header('retry-after', String(Number.isFinite(after) && after > 0 ? Math.ceil(after) : 60));
    }
    reply.status(appErr.statusCode).send(appErr.toBody(langOf(request.headers['accept-language'])));
  });
}

/**
 * Fastify's `frameworkErrors`: the router's own refusals (a path that does not percent-decode, a
 * parameter over its length) leave as catalogued codes too, instead of Fastify's default body.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appErr =
    err.code === 'FST_ERR_BAD_URL'
      ? new AppError(E.BAD_URL)
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError(E.URL_TOO_LONG)
        : new AppError(E.INTERNAL, { requestId: request.id });
  if (appErr.statusCode >= 500) request.log.error({ err }, 'unhandled framework error');
  // Refused before routing, so the answer's hooks (the request log) never see it: logged here.
  else request.log.info({ req: request, res: { statusCode: appErr.statusCode } }, 'answered');
  reply.status(appErr.statusCode).send(appErr.toBody(langOf(request.headers['accept-language'])));
}
