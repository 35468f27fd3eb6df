import type { Command } from 'commander';
import { action, print } from './platform/cli/output.ts';
import { clockShifted, nowIso, setClock } from './platform/clock.ts';
import { DEFAULT_SCALE, demoSignInHint, parseScale, seedWithProgress } from './sim/seed.cli.ts';
import { isSeeded, SCENARIO_NOW } from './sim/seed.ts';

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
    .action(
      action(async (opts: { seedIfEmpty?: boolean; scale: string; scenarioClock?: boolean }) => {
        const { openContext } = await import('./runtime.ts');
        const { buildApp } = await import('./app.ts');
        const ctx = await openContext();
        let demo = false;
        if (opts.seedIfEmpty && !(await isSeeded(ctx))) {
          const s = await seedWithProgress(ctx, parseScale(opts.scale));
          process.stderr.write(`seeded ${s.residents} residents in ${s.seconds.toFixed(1)} s\n`);
          demo = true;
        }
        if (opts.scenarioClock && !ctx.config.clockStart) setClock(SCENARIO_NOW);
        const app = await buildApp(ctx);
        const close = async () => {
          // The shutdown checkpoint anchors the tail written since the last daily one.
          const { anchorFile, writeCheckpoint } = await import('./platform/audit/audit.anchor.ts');
          await writeCheckpoint(ctx.db, ctx.crypto, anchorFile(ctx.config), app.log).catch((e: unknown) =>
            app.log.error({ err: e }, 'audit checkpoint failed'),
          );
          await app.close();
          await ctx.db.close();
          process.exit(0);
        };
        process.once('SIGINT', close);
        process.once('SIGTERM', close);
        const { LISTEN_BACKLOG } = await import('./platform/http/admission.ts');
        await app.listen({ host: ctx.config.host, port: ctx.config.port, backlog: LISTEN_BACKLOG });
        const { startScheduler } = await import('./platform/jobs/jobs.ts');
        const { MODULES } = await import('./modules.ts');
        const { contributions } = await import('./platform/module.ts');
        startScheduler(ctx, contributions(MODULES, 'jobs'), app.log);
        const addr = app.server.address();
        const port = typeof addr === 'object' && addr ? addr.port : ctx.config.port;
        process.stdout.write(`Banyan listening on http://${ctx.config.host}:${port} (database: ${ctx.db.dialect})\n`);
        if (clockShifted()) process.stdout.write(`Business clock: ${nowIso()} (scenario time, running forward)\n`);
        if (demo || opts.seedIfEmpty) process.stdout.write(`${demoSignInHint()}\n`);
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
