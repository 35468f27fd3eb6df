import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { readOutletSheet, readVolumeSheet, readWorkerSheet } from './courier.import.ts';
import { releaseBatch } from './operations.service.ts';
import { outletRows, RowIssues, saveOutlets, workerCheck } from './registry.service.ts';
import { importVolumes, inspections } from './supervision.service.ts';
import { importWorkers } from './workers.service.ts';

// The console acts as the city's postal regulator: registry writes need courier:write.
const REGULATOR = { ...CLI_READER, role: 'postal-regulator' as const };

/** `banyan courier …`: imports, the daily worker-test check, tallies and batch release. */
export function courierCommands(program: Command): void {
  const c = program.command('courier').description('the courier sector: outlets, workers, tests, inspections');
  c.command('import-outlets <file>')
    .description('import a CSV/XLSX outlet sheet (all or nothing, errors by row)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, opts: { json?: boolean }) => {
        const r = await withCtx(async (ctx) => {
          const rows = await readOutletSheet(readFileSync(file));
          const issues = new RowIssues();
          const inputs = outletRows(rows, issues);
          issues.throwIfAny();
          return saveOutlets(
            ctx,
            REGULATOR,
            inputs.map((o, i) => ({ ...o, row: rows[i]?.row })),
          );
        });
        print(r, !!opts.json, [{ ...r }]);
      }),
    );
  c.command('import-workers <file>')
    .description('import a CSV/XLSX worker sheet, matching or registering persons (all or nothing)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, opts: { json?: boolean }) => {
        const r = await withCtx(async (ctx) =>
          importWorkers(ctx, REGULATOR, await readWorkerSheet(readFileSync(file))),
        );
        print(r, !!opts.json, [{ ...r }]);
      }),
    );
  c.command('import-volumes <file>')
    .description('import daily parcels collected/delivered per firm and district (all or nothing)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, opts: { json?: boolean }) => {
        const r = await withCtx(async (ctx) =>
          importVolumes(ctx, REGULATOR, await readVolumeSheet(readFileSync(file))),
        );
        print(r, !!opts.json, [{ ...r }]);
      }),
    );
  c.command('check')
    .description('the daily worker-test check: open outlets with workers on duty lacking a negative')
    .option('--at <time>', 'check at this time (ISO), default now')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { at?: string; json?: boolean }) => {
        const r = await withCtx((ctx) => workerCheck(ctx, REGULATOR, { at: opts.at, flaggedOnly: true }));
        print(r, !!opts.json, r.firms);
      }),
    );
  c.command('tallies')
    .description('inspections since a day: person-times, outlets, rectified, firms summoned')
    .option('--since <YYYY-MM-DD>', 'first day (default: the first local case)')
    .option('--to <YYYY-MM-DD>', 'last day (default today)')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { since?: string; to?: string; json?: boolean }) => {
        const r = await withCtx((ctx) => inspections(ctx, REGULATOR, opts));
        print(r.tallies, !!opts.json, [{ ...r.tallies }]);
      }),
    );
  c.command('release <batchNo>')
    .description('release an international batch (refused before the hold has passed)')
    .option('--json', 'print JSON')
    .action(
      action(async (batchNo: string, opts: { json?: boolean }) => {
        const r = await withCtx((ctx) => releaseBatch(ctx, REGULATOR, batchNo));
        print(r, !!opts.json, [{ ...r }]);
      }),
    );
}
