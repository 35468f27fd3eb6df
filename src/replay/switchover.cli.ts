import type { Command } from 'commander';
import { withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { getSwitchover, listSwitchoverChanges, switchOver } from './switchover.service.ts';

/** `banyan policy switch-over ID [--show] [--changes KIND]`. */
export function switchoverCommands(program: Command): void {
  // zones declares `banyan policy`; the switch-over is a subcommand of the same group.
  const policy = program.commands.find((c) => c.name() === 'policy') ?? program.command('policy');
  policy
    .command('switch-over')
    .description('switch the city over to a version in effect, or show its record: zones, colours, venues by rule')
    .argument('<id>', 'the version')
    .option('--show', 'show the record only (nothing is computed)')
    .option('--changes <kind>', 'list the changes of one kind: zone, colour or venue')
    .option('--district <code>', 'with --changes: one district')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, opts: { show?: boolean; changes?: string; district?: string; json?: boolean }) => {
        if (opts.changes) {
          const kind = opts.changes as 'zone' | 'colour' | 'venue';
          const r = await withCtx((ctx) =>
            listSwitchoverChanges(ctx, 'cli', id, { kind, district: opts.district, limit: 2000 }),
          );
          print(r, !!opts.json, r.items);
          return;
        }
        const s = await withCtx((ctx) => (opts.show ? getSwitchover(ctx, 'cli', id) : switchOver(ctx, 'cli', id)));
        if (!opts.json)
          process.stdout.write(`${s.previous} → ${s.version} at ${s.at} (${s.tookMs} ms, by ${s.ranBy})\n`);
        print(s, !!opts.json, [{ ...s.counts }]);
      }),
    );
}
