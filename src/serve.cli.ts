import cluster from 'node:cluster';
import type { Command } from 'commander';
import { action, print } from './platform/cli/output.ts';
import { keepClock } from './platform/clock.shared.ts';
import { clockShifted, nowIso } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { AppError, E } from './platform/errors.ts';
import { DEFAULT_SCALE, demoSignInHint, parseScale, seedWithProgress } from './sim/seed.cli.ts';
import { isSeeded, SCENARIO_NOW } from './sim/seed.ts';

/** What `banyan serve` was asked for. */
export interface ServeOptions {
  seedIfEmpty?: boolean;
  scale: string;
  scenarioClock?: boolean;
  workers: string;
}

// More API processes than this on a machine only share its cores more thinly.
const MAX_WORKERS = 64;

/** `banyan serve` and `banyan migrate`. */
export function serveCommands(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (migrates first)')
    .option('--seed-if-empty', 'load the demo scenario when the database is empty')
    .option('--scale <fraction>', 'demo scale when seeding', String(DEFAULT_SCALE))
    .option(
      '--scenario-clock',
      `start the business clock at the demo scenario's ${SCENARIO_NOW} unless BANYAN_NOW is set`,
    )
    .option('--workers <n>', 'API processes on one port (PostgreSQL only; SQLite takes 1)', '1')
    .action(
      action(async (opts: ServeOptions) => {
        const workers = parseWorkers(opts.workers);
        if (cluster.isWorker) return serveOne(opts, Number(process.env.BANYAN_WORKER_INDEX));
        // The embedded database takes one writing process: refused before anything is opened.
        if (workers > 1 && !loadConfig().databaseUrl) throw new AppError(E.SERVE_WORKERS_SQLITE);
        if (workers === 1) return serveOne(opts, 0);
        const { servePrimary } = await import('./serve.workers.ts');
        await servePrimary(opts, workers);
      }),
    );
  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const { openContext } = await import('./runtime.ts');
        const ctx = await openContext();
        await ctx.db.close();
        print(
          { applied: ctx.applied },
          !!opts.json,
          ctx.applied.map((id) => ({ applied: id })),
        );
      }),
    );
}

/** The number of API processes asked for, 1 to MAX_WORKERS. */
export function parseWorkers(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new AppError(E.SERVE_WORKERS_BAD, { max: MAX_WORKERS, got: v });
  return n;
}

/**
 * Migrates, seeds the demo if asked and the database is empty, and keeps the clock asked for
 * (BANYAN_NOW, or --scenario-clock after seeding, as before) for every process on the database;
 * without either, the process joins the clock kept there.
 */
export async function prepareServe(opts: ServeOptions) {
  const { openContext } = await import('./runtime.ts');
  const { clockStart } = loadConfig();
  const ctx = await openContext(undefined, clockStart ? { keepClock: clockStart } : {});
  let demo = false;
  if (opts.seedIfEmpty && !(await isSeeded(ctx))) {
    const s = await seedWithProgress(ctx, parseScale(opts.scale));
    process.stderr.write(`seeded ${s.residents} residents in ${s.seconds.toFixed(1)} s\n`);
    demo = true;
  }
  if (!clockStart && opts.scenarioClock) await keepClock(ctx.db, SCENARIO_NOW);
  return { ctx, keptClock: !!(clockStart || opts.scenarioClock), demo };
}

/** What `serve` prints once it listens: the address, the business clock and the demo accounts. */
export function listeningLines(host: string, port: number, dialect: string, workers: number, demo: boolean): string {
  const lines = [
    `Banyan listening on http://${host}:${port} (database: ${dialect}${workers > 1 ? `, ${workers} workers` : ''})`,
  ];
  if (clockShifted()) lines.push(`Business clock: ${nowIso()} (scenario time, running forward)`);
  if (demo) lines.push(demoSignInHint());
  return `${lines.join('\n')}\n`;
}

/**
 * One API process: alone (`index` 0: it migrates, seeds and keeps the clock) or worker `index` of
 * `serve --workers N` (the primary did those; the worker joins the kept clock and reports its port).
 */
async function serveOne(opts: ServeOptions, index: number): Promise<void> {
  const { buildApp } = await import('./app.ts');
  const { announce } = await import('./platform/events.ts');
  const prepared = index
    ? { ctx: await (await import('./runtime.ts')).openContext(), keptClock: false, demo: false }
    : await prepareServe(opts);
  const { ctx } = prepared;
  // On a terminal (npm start) readable lines; piped to a collector, pino's JSON.
  const text = ctx.config.logFormat === 'text' || (ctx.config.logFormat === null && !!process.stdout.isTTY);
  const { textLogStream } = await import('./platform/http/log-text.ts');
  const app = await buildApp(ctx, text ? { logStream: textLogStream() } : {});
  // The other processes on the database (an earlier `serve`, another machine's) follow the clock.
  if (prepared.keptClock) announce('clock-changed');
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    // The shutdown checkpoint anchors the tail written since the last daily one (one worker writes it).
    if (index <= 1) {
      const { anchorFile, writeCheckpoint } = await import('./platform/audit/audit.anchor.ts');
      await writeCheckpoint(ctx.db, ctx.crypto, anchorFile(ctx.config), app.log).catch((e: unknown) =>
        app.log.error({ err: e }, 'audit checkpoint failed'),
      );
    }
    await app.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  // Which worker answered, for operators and the two-worker test: set on the raw server, no hook.
  if (index) app.server.prependListener('request', (_req, res) => res.setHeader('x-banyan-worker', String(index)));
  const { LISTEN_BACKLOG } = await import('./platform/http/admission.ts');
  await app.listen({ host: ctx.config.host, port: ctx.config.port, backlog: LISTEN_BACKLOG });
  const { startScheduler } = await import('./platform/jobs/jobs.ts');
  const { MODULES } = await import('./modules.ts');
  const { contributions } = await import('./platform/module.ts');
  // Every process runs the scheduler; each job's advisory lock lets one of them run it.
  startScheduler(ctx, contributions(MODULES, 'jobs'), app.log);
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : ctx.config.port;
  if (index) process.send?.({ banyanListening: port });
  else
    process.stdout.write(listeningLines(ctx.config.host, port, ctx.db.dialect, 1, prepared.demo || !!opts.seedIfEmpty));
}
