import type { Command } from 'commander';
import { withCtx } from './cli/context.cli.ts';
import { action, print } from './cli/output.ts';
import { keepClock } from './clock.shared.ts';
import { clockShifted, nowIso } from './clock.ts';
import { announce } from './events.ts';

/** `banyan clock [--set INSTANT | --machine]`: the business clock every process on the database shares. */
export function clockCommands(program: Command): void {
  program
    .command('clock')
    .description('show the business clock every process shares; --set or --machine changes it for all of them')
    .option('--set <instant>', 'start it at this ISO-8601 instant (with offset) now')
    .option('--machine', "return every process to the machine's time")
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { set?: string; machine?: boolean; json?: boolean }) => {
        const out = await withCtx(async (ctx) => {
          if (opts.set !== undefined || opts.machine) {
            await keepClock(ctx.db, opts.machine ? null : (opts.set as string));
            // The running servers follow at once (the channel sends it before the command exits).
            announce('clock-changed');
          }
          return { now: nowIso(), shifted: clockShifted() };
        });
        print(out, !!opts.json, [out]);
      }),
    );
}
