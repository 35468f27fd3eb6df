import type { Command } from 'commander';
import { withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import type { Division } from './geo.data.ts';
import { getDivision, listDivisions } from './geo.service.ts';

const row = (d: Division) => ({ code: d.code, name: d.name, level: d.level, parent: d.parentCode });

/** `banyan divisions list|show`. */
export function geoCommands(program: Command): void {
  const div = program.command('divisions').description('GB/T 2260 divisions of the city');
  div
    .command('list')
    .option('--level <level>', 'district | street | community')
    .option('--parent <code>', 'children of this division')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { level?: Division['level']; parent?: string; json?: boolean }) => {
        const items = await withCtx((ctx) =>
          listDivisions(ctx, { level: opts.level ?? (opts.parent ? undefined : 'district'), parent: opts.parent }),
        );
        print(items, !!opts.json, items.map(row));
      }),
    );
  div
    .command('show <code>')
    .option('--json', 'print JSON')
    .action(
      action(async (code: string, opts: { json?: boolean }) => {
        const r = await withCtx((ctx) => getDivision(ctx, code));
        if (opts.json) return print(r, true);
        process.stdout.write(`${r.path.map((d) => `${d.name} (${d.code})`).join(' › ')}\n`);
        print(r.children, false, r.children.map(row));
      }),
    );
}
