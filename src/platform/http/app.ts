import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { followKeptClock } from '../clock.shared.ts';
import { clockShifted, nowIso } from '../clock.ts';
import { fastifyTrustProxy } from '../config.ts';
import type { Ctx } from '../context.ts';
import { ping } from '../db/migrations.repo.ts';
import { AppError, E, langOf, listErrors } from '../errors.ts';
import { startEventChannel } from '../events.channel.ts';
import { onAnnouncement } from '../events.ts';
import { type BanyanModule, contributions } from '../module.ts';
import { frameworkErrors, installErrorHandling } from './errors.http.ts';
import { Clock, ErrorCatalogue, Health } from './http.schema.ts';
import { installInputGuards } from './input.ts';
import { reqLogSerializer } from './log-redact.ts';
import { installOpenApi } from './openapi.ts';
import { installRequestLog } from './request-log.ts';
import { requireRouteScopes } from './route-scope.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { installSessions } from './session.ts';
import { ok, zodValidatorCompiler } from './zod.ts';

const WEB_DIST = new URL('../../../web/dist/', import.meta.url).pathname;
const VERSION = '0.1.0';

/** Options for building the HTTP app; tests turn logging off. */
export interface AppOptions {
  logger?: boolean;
  logStream?: NodeJS.WritableStream;
}

// Personal data must never reach the logs, whatever a handler or plugin chooses to log.
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.idNumber',
  '*.phone',
  '*.name',
  '*.address',
];

/** Builds the Fastify app with the routes and listeners of the given modules; does not listen. */
export async function createApp(
  ctx: Ctx,
  modules: readonly BanyanModule[],
  opts: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            redact: { paths: REDACT, censor: '[redacted]' },
            serializers: { req: reqLogSerializer },
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    // One line per answer, and a sample of the hot routes' (request-log.ts), instead of two per request.
    // (through a LogController: Fastify 5.12 deprecates the top-level option.)
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  requireRouteScopes(app);
  installErrorHandling(app);
  installRequestLog(app, ctx.config.logSample);
  installInputGuards(app);

  installSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new AppError(E.RATE_LIMITED, { retryAfter: Math.ceil(context.ttl / 1000) }),
  });
  await installOpenApi(app, { version: VERSION, checkResponses: ctx.config.checkResponses });
  installSessions(app, ctx);

  app.get('/healthz', { config: { hot: true }, schema: { hide: true, response: ok(Health) } }, async () => {
    await ping(ctx.db);
    return { status: 'ok', version: VERSION, database: ctx.db.dialect };
  });
  app.get(
    '/api/v1/clock',
    {
      config: { scope: 'public', hot: true },
      schema: { tags: ['platform'], summary: 'The business clock', response: ok(Clock) },
    },
    async () => ({
      now: nowIso(),
      shifted: clockShifted(),
    }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/v1/errors',
    {
      config: { scope: 'public' },
      schema: { tags: ['platform'], summary: 'The error catalogue', response: ok(ErrorCatalogue) },
    },
    async () => ({
      items: listErrors(),
    }),
  );

  for (const routes of contributions(modules, 'routes')) {
    await app.register(async (scoped) => routes(scoped, ctx));
  }
  for (const listen of contributions(modules, 'listeners')) {
    const stop = listen(ctx);
    if (stop) app.addHook('onClose', async () => stop());
  }

  // The scenario clock another process set (or cleared) in the database is this one's too.
  const stopClock = onAnnouncement('clock-changed', (c) => followKeptClock(c.db));
  app.addHook('onClose', async () => stopClock());

  // After the listeners: a change another process announces is handed to the modules' handlers.
  const bridge = startEventChannel(ctx, { listen: true, log: (m) => app.log.warn(m) });
  await bridge.ready;
  app.addHook('onClose', () => bridge.close());

  const hasWeb = existsSync(`${WEB_DIST}index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/healthz';
    if (!isApi && request.method === 'GET' && hasWeb) return reply.sendFile('index.html');
    const err = new AppError(E.NOT_FOUND, { what: `${request.method} ${request.url.split('?')[0]}` });
    return reply.status(404).send(err.toBody(langOf(request.headers['accept-language'])));
  });
  return app;
}
