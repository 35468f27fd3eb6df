import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { receiptCommands } from './receipts.cli.ts';
import { importResults } from './results.service.ts';
import { importSamples } from './samples.service.ts';
import { coverage } from './testing.service.ts';

/** `banyan import samples|results FILE` and `banyan testing coverage|receive|turnaround`. */
export function testingCommands(program: Command): void {
  const imp =
    program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import files');
  imp
    .command('samples <file>')
    .description('import samples (tube_code, pool_size, sampled_at, site_code, id_number): all or nothing, idempotent')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, opts: { json?: boolean }) => {
        const r = await withCtx((ctx) => importSamples(ctx, 'cli', readFileSync(file), basename(file)));
        print(r, !!opts.json, [r]);
      }),
    );
  imp
    .command('results <file>')
    .description('import lab results (tube_code, result, resulted_at, lab_code, ct_value): all or nothing, idempotent')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, opts: { json?: boolean }) => {
        const r = await withCtx((ctx) => importResults(ctx, 'cli', readFileSync(file), basename(file)));
        print(r, !!opts.json, [r]);
      }),
    );
  const testing = program.command('testing').description('mass testing');
  receiptCommands(testing);
  testing
    .command('coverage <campaign>')
    .requiredOption('--round <n>', 'round number')
    .option('--level <level>', 'district | street | community | zone', 'district')
    .option('--json', 'print JSON')
    .action(
      action(
        async (
          campaign: string,
          opts: { round: string; level: 'district' | 'street' | 'community' | 'zone'; json?: boolean },
        ) => {
          const r = await withCtx((ctx) => coverage(ctx, CLI_READER, campaign, Number(opts.round), opts.level));
          print(
            r,
            !!opts.json,
            r.items.map((i) => ({
              code: i.code,
              name: i.name,
              population: i.population,
              sampled: i.sampled,
              resulted: i.resulted,
              positive: i.positive,
              missing: i.missing,
            })),
          );
        },
      ),
    );
}
