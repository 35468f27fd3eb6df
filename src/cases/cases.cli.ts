import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { figuresOf } from './cases.figures.ts';
import { importCases } from './cases.service.ts';

/** `banyan import cases FILE` and `banyan figures --date D`. */
export function casesCommands(program: Command): void {
  const imp =
    program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import line lists');
  imp
    .command('cases <file>')
    .description('import a CSV or XLSX case line list: all or nothing, idempotent by case_no')
    .option('--dry-run', 'check only; report what would change')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
        const buf = readFileSync(file);
        const r = await withCtx((ctx) =>
          importCases(ctx, 'cli', { buf, filename: basename(file) }, { dryRun: !!opts.dryRun }),
        );
        print(r, !!opts.json, [{ ...r }]);
      }),
    );
  program
    .command('figures')
    .description('the epidemic figures of one day, for the city or one district')
    .requiredOption('--date <YYYY-MM-DD>', 'the day')
    .option('--district <code>', 'a district code, e.g. 350102')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { date: string; district?: string; json?: boolean }) => {
        const r = await withCtx((ctx) => figuresOf(ctx, CLI_READER, opts.date, opts.district));
        const { cumulative, ...daily } = r.figures;
        print(r, !!opts.json, [
          ...Object.entries(daily).map(([k, v]) => ({
            figure: k,
            value: v,
            previousDay: r.previous[k as keyof typeof daily],
          })),
          ...Object.entries(cumulative).map(([k, v]) => ({
            figure: `cumulative.${k}`,
            value: v,
            previousDay: r.previous.cumulative[k as keyof typeof cumulative],
          })),
        ]);
      }),
    );
}
