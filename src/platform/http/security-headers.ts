import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const CONFIG: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    directives: {
      'default-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'style-src': ["'self'", "'unsafe-inline'"],
      'script-src': ["'self'"],
    },
  },
};

/** The headers helmet would set for CONFIG, worked out once by running it against a recording response. */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader() {},
  } as unknown as ServerResponse;
  let failed: unknown = null;
  helmet(CONFIG)({} as IncomingMessage, res, (e?: unknown) => {
    failed = e ?? null;
  });
  if (failed) throw failed;
  return headers;
}

/**
 * Sets helmet's headers on every response. @fastify/helmet rebuilds helmet's middleware on every
 * request (about a tenth of an entrance check's CPU); the headers never vary here, so they are
 * computed once.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
