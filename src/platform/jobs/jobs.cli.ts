import type { Command } from 'commander';
import { withCtx } from '../cli/context.cli.ts';
import { action, print } from '../cli/output.ts';
import { type DailyJob, recentRuns, runJob } from './jobs.ts';

/** `banyan jobs run NAME --date D` and `banyan jobs list`. */
export function jobsCommands(program: Command, DAILY_JOBS: readonly DailyJob[]): void {
  const jobs = program.command('jobs').description('daily jobs (run by the server every day; here on demand)');
  jobs
    .command('run <name>')
    .requiredOption('--date <YYYY-MM-DD>', 'the day to run it for')
    .option('--json', 'print JSON')
    .action(
      action(async (name: string, opts: { date: string; json?: boolean }) => {
        const job = DAILY_JOBS.find((j) => j.name === name);
        if (!job) throw new Error(`unknown job ${name}; have ${DAILY_JOBS.map((j) => j.name).join(', ')}`);
        const r = await withCtx((ctx) => runJob(ctx, job, opts.date));
        print(r, true);
        if (!r.ok) process.exitCode = 1;
      }),
    );
  jobs
    .command('list')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const runs = await withCtx((ctx) => recentRuns(ctx));
        print(
          runs,
          !!opts.json,
          runs.map((r) => ({
            name: r.name,
            day: r.day,
            ok: r.ok,
            finished: r.finishedAt,
            summary: JSON.stringify(r.summary).slice(0, 80),
          })),
        );
      }),
    );
}
