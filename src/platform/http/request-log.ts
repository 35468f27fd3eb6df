import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A hot route (the entrance check, the resident's pass, health probes): its answers are logged
     * one in BANYAN_LOG_SAMPLE, its errors each, instead of one line for every answer.
     */
    hot?: boolean;
  }
}

/**
 * One log line per answer, after it was sent, in place of Fastify's two ("incoming request" and
 * "request completed": 363 bytes a scan, 124 MB after 320,000 scans). A hot route logs its client
 * and server errors each (but a 429, which comes in floods under overload, sampled like a success)
 * and one in `sampleEvery` of the rest, marked `sampled` with that weight; 0 logs none of them. The
 * hook is not installed at all when the level is above info.
 */
export function installRequestLog(app: FastifyInstance, sampleEvery: number): void {
  // pino's levels: 30 is info; a logger turned off (tests) has no levels and logs nothing.
  const level = (app.log as { levelVal?: number }).levelVal;
  if (level === undefined || level > 30) return;
  let n = 0;
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    if (request.routeOptions.config.hot === true && (status < 400 || status === 429)) {
      n++;
      if (sampleEvery > 0 && n % sampleEvery === 0)
        request.log.info(
          { req: request, res: reply, responseTime: reply.elapsedTime, sampled: sampleEvery },
          'answered',
        );
      return done();
    }
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'answered');
    done();
  });
}
