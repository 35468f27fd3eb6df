import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { AppError } from '../platform/errors.ts';
import { deliverOutbox } from './appeals.outbox.ts';
import { checkCreditCode } from './appeals.rules.ts';
import { AppealsQuery } from './appeals.schema.ts';
import { upsertAccount } from './enterprises.repo.ts';
import { importEnterprises } from './enterprises.service.ts';
import { listAppeals } from './queries.service.ts';
import { escalateOverdue } from './workflow.service.ts';

/** `banyan import enterprises FILE`, `banyan appeals list|escalate|deliver|link`, `banyan enterprises check-code`. */
export function appealsCommands(program: Command): void {
  const imp =
    program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import files');
  imp
    .command('enterprises <file>')
    .description('import a CSV or XLSX enterprise registry: all or nothing, updates by credit code')
    .option('--dry-run', 'check only')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
        const r = await withCtx((ctx) =>
          importEnterprises(
            ctx,
            'cli',
            { buf: readFileSync(file), filename: basename(file) },
            { dryRun: !!opts.dryRun },
          ),
        );
        print(r, !!opts.json, [{ ...r }]);
      }),
    );

  const appeals = program.command('appeals').description('enterprise and resident appeals');
  appeals
    .command('list')
    .description('appeals in the dispatcher queue, filtered')
    .option('--status <status>', 'received|dispatched|signed|replied|closed|merged')
    .option('--district <code>', 'district code')
    .option('--category <category>', 'category')
    .option('--channel <channel>', 'web|mobile|hotline')
    .option('--unit <unit>', 'handling unit, e.g. industry or district:350102')
    .option('--overdue', 'only overdue')
    .option('--escalated', 'only escalated')
    .option('--q <text>', 'text search')
    .option('--limit <n>', 'rows', '50')
    .option('--json', 'print JSON')
    .action(
      action(async (o: Record<string, string | boolean | undefined>) => {
        const q = AppealsQuery.parse({
          status: o.status,
          district: o.district,
          category: o.category,
          channel: o.channel,
          unit: o.unit,
          overdue: o.overdue ? 'true' : undefined,
          escalated: o.escalated ? 'true' : undefined,
          q: o.q,
          pageSize: o.limit,
        });
        const r = await withCtx((ctx) => listAppeals(ctx, CLI_READER, q));
        print(
          r,
          !!o.json,
          r.items.map((a) => ({
            trackingNo: a.trackingNo,
            channel: a.channel,
            status: a.status,
            district: a.districtName,
            category: a.category,
            unit: a.unit ?? '',
            due: a.dueAt.slice(0, 16),
            overdue: a.overdue ?? '',
            escalated: a.escalationReason ?? '',
            title: a.title.slice(0, 24),
          })),
        );
      }),
    );
  appeals
    .command('escalate')
    .description('the deadline job: escalate (督办) every open appeal past its deadline at a time')
    .option('--at <ISO time>', 'the time to judge deadlines at (default now)')
    .option('--date <YYYY-MM-DD>', 'judge at the end of this local day (23:59:59 +08:00)')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { at?: string; date?: string; json?: boolean }) => {
        const at = o.at
          ? new Date(o.at).toISOString()
          : o.date
            ? new Date(`${o.date}T23:59:59+08:00`).toISOString()
            : undefined;
        const r = await withCtx((ctx) => escalateOverdue(ctx, 'cli', at));
        print(r, !!o.json, r.items);
      }),
    );
  appeals
    .command('deliver')
    .description('deliver pending messages from the outbox')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        const r = await withCtx((ctx) => deliverOutbox(ctx, 100_000));
        print(r, !!o.json, [r]);
      }),
    );
  appeals
    .command('link <username>')
    .description('link an account to a handling unit, an enterprise (id) or a liaison cadre (id)')
    .option('--unit <unit>')
    .option('--enterprise <id>')
    .option('--cadre <id>')
    .action(
      action(async (username: string, o: { unit?: string; enterprise?: string; cadre?: string }) => {
        await withCtx((ctx) =>
          upsertAccount(ctx.db.k, {
            username,
            unit: o.unit ?? null,
            enterprise_id: o.enterprise ? Number(o.enterprise) : null,
            cadre_id: o.cadre ? Number(o.cadre) : null,
          }),
        );
        process.stdout.write(`linked ${username}\n`);
      }),
    );
  const ent =
    program.commands.find((c) => c.name() === 'enterprises') ??
    program.command('enterprises').description('enterprises');
  ent
    .command('check-code <code>')
    .description('validate a unified social credit code and say which part is wrong')
    .action(
      action(async (code: string) => {
        const r = checkCreditCode(code);
        if (r.ok) {
          process.stdout.write(`ok ${r.code}\n`);
          return;
        }
        const { code: c, ...params } = r.problem;
        throw new AppError(c, params);
      }),
    );
}
