import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { importReadings } from './economy.service.ts';
import { evaluateFlags } from './flags.service.ts';
import { settingsView, updateSettings } from './settings.service.ts';

const NUMERIC = ['accountShare', 'accountDays', 'areaShare', 'absurdFactor', 'flatBand', 'markedShare'];

/** `banyan economy import-electricity FILE`, `banyan economy flags --date D`, `banyan economy settings`. */
export function economyCommands(program: Command): void {
  const eco = program.command('economy').description('industrial electricity against its baseline');
  eco
    .command('import-electricity <file>')
    .description('import daily readings per account (CSV/XLSX, GBK too): all or nothing, idempotent by account and day')
    .option('--dry-run', 'check only; report what would change')
    .option('--confirm', 'accept readings above the absurd factor × the account’s baseline')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, opts: { dryRun?: boolean; confirm?: boolean; json?: boolean }) => {
        const buf = readFileSync(file);
        const r = await withCtx((ctx) =>
          importReadings(
            ctx,
            'cli',
            { buf, filename: basename(file) },
            { dryRun: !!opts.dryRun, confirmAbsurd: !!opts.confirm },
          ),
        );
        print(r, !!opts.json, [{ ...r }]);
      }),
    );
  eco
    .command('flags')
    .description('recompute and list the flags of a day (opens liaison tasks for flagged whitelisted firms)')
    .requiredOption('--date <YYYY-MM-DD>', 'the day')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { date: string; json?: boolean }) => {
        const flags = await withCtx((ctx) => evaluateFlags(ctx, opts.date));
        print(
          flags,
          !!opts.json,
          flags.map((f) => ({ ...f, share: Math.round(f.share * 1000) / 10 })),
        );
      }),
    );
  eco
    .command('settings')
    .description(
      'show or change thresholds and the baseline window, e.g. --set accountShare=0.6 --set baselineFrom=2022-09-26',
    )
    .option('--set <key=value...>', 'a setting to change (baselineFrom/baselineTo "null" restores the default window)')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { set?: string[]; json?: boolean }) => {
        const patch: Record<string, unknown> = {};
        for (const kv of opts.set ?? []) {
          const [k, v = ''] = kv.split('=');
          if (!k) continue;
          patch[k] = NUMERIC.includes(k) ? Number(v) : v === 'null' ? null : v;
        }
        const r = await withCtx((ctx) =>
          Object.keys(patch).length ? updateSettings(ctx, 'cli', patch) : settingsView(ctx),
        );
        print(r, !!opts.json, [{ ...r.settings, window: r.window ? `${r.window.from}..${r.window.to}` : '' }]);
      }),
    );
}
