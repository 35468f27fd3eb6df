import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { receiveTubes, turnaround } from './receipts.service.ts';

/** `banyan testing receive` (a lab scans tubes in) and `banyan testing turnaround`. */
export function receiptCommands(testing: Command): void {
  testing
    .command('receive [tubes...]')
    .description('mark tubes received by a lab (codes as arguments or one per line in --file); idempotent')
    .requiredOption('--lab <code>', 'receiving lab code')
    .option('--at <time>', 'receipt time, ISO 8601 (default: now)')
    .option('--file <file>', 'file of tube codes, one per line')
    .option('--json', 'print JSON')
    .action(
      action(async (tubes: string[], opts: { lab: string; at?: string; file?: string; json?: boolean }) => {
        const codes = [...tubes, ...(opts.file ? readFileSync(opts.file, 'utf8').split(/\r?\n/) : [])];
        const r = await withCtx((ctx) =>
          receiveTubes(ctx, 'cli', { labCode: opts.lab, tubeCodes: codes, receivedAt: opts.at }, opts.file ?? 'cli'),
        );
        print(
          r,
          !!opts.json,
          r.items.map((i) => ({
            tube: i.tubeCode,
            status: i.status,
            receivedAt: i.receivedAt ?? '',
            lab: i.labCode ?? '',
            problem: i.message?.en ?? '',
          })),
        );
        if (r.errors) process.exitCode = 1;
      }),
    );
  testing
    .command('turnaround <campaign>')
    .description('sampled → received → resulted per round and lab, against a target')
    .option('--round <n>', 'round number')
    .option('--target <hours>', 'target sampling → result, hours')
    .option('--json', 'print JSON')
    .action(
      action(async (campaign: string, opts: { round?: string; target?: string; json?: boolean }) => {
        const r = await withCtx((ctx) =>
          turnaround(ctx, CLI_READER, campaign, {
            round: opts.round ? Number(opts.round) : undefined,
            targetHours: opts.target ? Number(opts.target) : undefined,
          }),
        );
        print(
          r,
          !!opts.json,
          r.labs.map((l) => ({
            lab: l.lab ?? '-',
            tubes: l.tubes,
            resulted: l.resulted,
            p50h: l.p50Hours ?? '',
            p90h: l.p90Hours ?? '',
            withinTarget: l.pctWithinTarget === null ? '' : `${l.pctWithinTarget}%`,
            waitingPastTarget: l.waitingPastTarget,
            noReceipt: l.resultedWithoutReceipt,
          })),
        );
      }),
    );
}
