import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { AppError, E, langOf } from '../errors.ts';
import { ValidationError } from './zod.ts';

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
  // PostgreSQL refuses a value SQLite would store or miss (a non-number for an integer, NUL in text,
  // out of range): SQLSTATE class 22, data exception. That is bad input reaching the database
  // unchecked, so a 400 (logged, so that the route gets its schema), never a 500.
  if (err instanceof pg.DatabaseError && err.code?.startsWith('22')) return new AppError(E.INVALID_VALUE);
  return new AppError(E.INTERNAL, { requestId });
}

/** Every failure leaves as a catalogued code with both languages; a 500 never shows its stack. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const appErr = toAppError(err, request.id);
    if (appErr.statusCode >= 500) request.log.error({ err }, 'unhandled error');
    // The code and the route only: the database's message may quote the value, personal data included.
    else if (appErr.code === 'INVALID_VALUE')
      request.log.warn({ sqlstate: err.code, route: request.routeOptions.url }, 'database refused a value');
    if (appErr.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after')) {
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
  reply.status(appErr.statusCode).send(appErr.toBody(langOf(request.headers['accept-language'])));
}
