// Surges at the scan route (the `overload` part of the scans group): scanners from a child process
// (surge-worker.ts) against a scan server with admission and one without, on the bench's database.
import { monitorEventLoopDelay, performance as perf } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import type { Ctx } from '../src/platform/context.ts';
import { LISTEN_BACKLOG } from '../src/platform/http/admission.ts';
import type { ScanWriter } from '../src/venues/scan-writer.ts';
import { jsonFromChild } from './load.ts';

const SURGE_SECONDS = Number(process.env.BENCH_SURGE_SECONDS || 5);
// Each connection is a file descriptor in the server and in the client (20,000 each here): at full
// scale 10× would be ~34,000 connections. The run reports the multiple it reached.
const SURGE_MAX_CONNECTIONS = Number(process.env.BENCH_SURGE_MAX_CONNECTIONS || 8000);

/** A scan server for the surges, with the server's own view of each scan: time in the server, the loop's lag. */
async function surgeServer(ctx: Ctx) {
  const app = await buildApp(ctx, { logger: false });
  const started = new WeakMap<object, number>();
  let inServer: number[] = [];
  let refused = 0;
  app.addHook('onRequest', (req, _reply, done) => {
    started.set(req, perf.now());
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    if (reply.statusCode === 201) inServer.push(perf.now() - (started.get(req) ?? perf.now()));
    else if (reply.statusCode === 429) refused++;
    done();
  });
  await app.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  return {
    url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1/scans`,
    start() {
      inServer = [];
      refused = 0;
      lag.reset();
      lag.enable();
    },
    /** What the server saw: admitted scans from their request's first hook to their answer, refusals. */
    view() {
      lag.disable();
      inServer.sort((a, b) => a - b);
      const pct = (p: number) =>
        Math.round(inServer[Math.min(inServer.length - 1, Math.floor(inServer.length * p))] ?? 0);
      return {
        admitted: inServer.length,
        refused429: refused,
        admittedInServerP50ms: pct(0.5),
        admittedInServerP99ms: pct(0.99),
        loopLagMaxMs: Math.round(lag.max / 1e6),
      };
    },
    close: () => app.close(),
  };
}

/**
 * Surges of 3× and 10× the measured capacity, against the scan route with admission (the
 * configured bound) and without (BANYAN_ADMIT_MS=0), both on the bench's database. k× capacity is
 * k times the scans in flight that the capacity answers within the bound (capacity × bound):
 * without admission each would wait about k bounds, and with it a scanner refused comes back after
 * its Retry-After. The client (surge-worker.ts) shares the two cores: its own loop lag is reported,
 * and so is what the server saw. Between surges the server settles (writer queue empty, 2 s).
 */
export async function surges(
  ctx: Ctx,
  writer: ScanWriter,
  common: { secret: string; venues: string[]; people: number },
  capacityRps: number,
): Promise<Record<string, unknown>> {
  const boundMs = ctx.config.admitMs || 200;
  const servers = {
    admission: await surgeServer(ctx),
    noAdmission: await surgeServer({ ...ctx, config: { ...ctx.config, admitMs: 0 } }),
  };
  const inFlightWithinBound = Math.max(1, Math.round((capacityRps * boundMs) / 1000));
  const out: Record<string, unknown> = { capacityRps, boundMs, inFlightWithinBound, seconds: SURGE_SECONDS };
  for (const k of [3, 10])
    for (const name of ['admission', 'noAdmission'] as const) {
      while (writer.depth > 0) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 2000));
      const server = servers[name];
      const connections = Math.min(SURGE_MAX_CONNECTIONS, k * inFlightWithinBound);
      server.start();
      const client = await jsonFromChild<Record<string, unknown>>('surge-worker.ts', {
        ...common,
        url: server.url,
        connections,
        seconds: SURGE_SECONDS,
        tailSeconds: 5,
        probeRate: 20,
      });
      out[`${name}${k}x`] = {
        multiple: Number((connections / inFlightWithinBound).toFixed(1)),
        ...client,
        server: server.view(),
      };
    }
  for (const server of Object.values(servers)) await server.close();
  return out;
}
