import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { parseInstant } from '../platform/clock.ts';
import { explainColour, personOfIdNumber } from './explain.service.ts';

/** `banyan health-code explain ID [--at T] [--policy V]`. */
export function healthCodeCommands(program: Command): void {
  const hc = program.command('health-code').description('health-code colours');
  hc.command('explain <idNumber>')
    .description('which rule of which version gives a resident their colour, now or at a moment (nothing stored)')
    .option('--at <instant>', 'the moment, ISO-8601 with its offset (2022-11-09T10:00+08:00)')
    .option('--policy <id>', 'replay under this policy version instead of the one in force')
    .option('--json', 'print JSON')
    .action(
      action(async (idNumber: string, opts: { at?: string; policy?: string; json?: boolean }) => {
        const r = await withCtx(async (ctx) =>
          explainColour(ctx, CLI_READER, await personOfIdNumber(ctx, idNumber), {
            at: opts.at === undefined ? undefined : parseInstant(opts.at),
            policyId: opts.policy,
          }),
        );
        if (!opts.json)
          process.stdout.write(
            `${r.replay ? 'replay' : 'now'} at ${r.at} under ${r.policy.id}${r.replay ? ` (in force then: ${r.inForce})` : ''}\n`,
          );
        print(r, !!opts.json, [
          { colour: r.colour, version: r.decidedBy.id, rule: r.decidedBy.rule, reason: r.reason['zh-CN'] },
        ]);
      }),
    );
}
