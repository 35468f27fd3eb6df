import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const CONFIG: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    directives: {
      'default-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'style-src': ["'self'", "'unsafe-inline'"],
      // 'wasm-unsafe-eval' lets the page compile WebAssembly (the lab's barcode reader) and
      // nothing else: JavaScript eval stays refused.
      'script-src': ["'self'", "'wasm-unsafe-eval'"],
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
 * The headers of a JSON API response (OWASP REST Security Cheat Sheet): no caching of answers that
 * carry personal data, no framing, no sniffing, HTTPS only. Helmet's page headers (script and style
 * sources, cross-origin isolation) govern the web app's pages; the API answers JSON, sheets and
 * posters, and on every scan those headers were 660 bytes for the server to write and the client to read.
 */
export const API_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy': "frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Sets security headers on every response: the API's under /api/v1/, helmet's on pages, files and
 * the API explorer. @fastify/helmet rebuilds helmet's middleware on every request (about a tenth of
 * an entrance check's CPU); the headers never vary here, so they are computed once.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const page = securityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/v1/') ? API_HEADERS : page);
    done();
  });
}
