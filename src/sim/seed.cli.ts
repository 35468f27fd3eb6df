import type { Command } from 'commander';
import { withCtx } from '../platform/cli/context.cli.ts';
import { action, print, progressBar } from '../platform/cli/output.ts';
import type { Ctx } from '../platform/context.ts';
import { withoutCommitSync } from '../platform/db/db.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';
import { SCENARIO } from './fuzhou.ts';
import { isSeeded, type SeedSummary, seedScenario } from './seed.ts';

/** The scale `npm start` seeds at: small enough to start in seconds on two cores. */
export const DEFAULT_SCALE = 0.01;

/** Parses and checks a --scale value. */
export function parseScale(v: string): number {
  const n = Number(v);
  if (!(n > 0 && n <= 1)) throw new Error(`--scale must be in (0, 1], got ${v}`);
  return n;
}

/** Seeds with a progress bar on stderr; refuses a database that already holds data. */
export async function seedWithProgress(ctx: Ctx, scale: number): Promise<SeedSummary> {
  if (await isSeeded(ctx))
    throw new Error(
      'the database already holds data; seed only an empty database (remove ./data or use a fresh DATABASE_URL)',
    );
  process.stderr.write(`seeding ${SCENARIO} at scale ${scale}…\n`);
  // Lost, a seed is started again on an empty database: it need not sync each of its commits.
  return withoutCommitSync(ctx.db, () => seedScenario(ctx, { scale, progress: progressBar() }));
}

/** How to sign in to a demo database. */
export function demoSignInHint(): string {
  return `demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`;
}

/** `banyan seed --scenario fuzhou-2022-11 [--scale]`. */
export function seedCommands(program: Command): void {
  program
    .command('seed')
    .description('load the synthetic demo scenario into an empty database')
    .requiredOption('--scenario <name>', `scenario to load (${SCENARIO})`)
    .option('--scale <fraction>', 'share of the real population to synthesise (0–1]', String(DEFAULT_SCALE))
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { scenario: string; scale: string; json?: boolean }) => {
        if (opts.scenario !== SCENARIO) throw new Error(`unknown scenario ${opts.scenario}; available: ${SCENARIO}`);
        const summary = await withCtx((ctx) => seedWithProgress(ctx, parseScale(opts.scale)));
        const { testing, appeals, ...flat } = summary;
        print(summary, !!opts.json, [{ ...flat, ...testing, ...appeals }]);
        if (!opts.json)
          process.stdout.write(
            `seeded in ${summary.seconds.toFixed(1)} s; the database takes ${(summary.bytes / 2 ** 20).toFixed(0)} MiB on disk\n${demoSignInHint()}\n`,
          );
      }),
    );
}
