import type { Command } from 'commander';
import { withCtx } from '../cli/context.cli.ts';
import { action, print } from '../cli/output.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

/** `banyan audit verify|list`. */
export function auditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check every entry of the hash chain; exits 1 at the first edited, unlinked or missing entry')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const r = await withCtx((ctx) => verifyAudit(ctx.db, ctx.crypto));
        if (opts.json) print(r, true);
        else if (r.ok) process.stdout.write(`audit chain intact: ${r.checked} entries verified\n`);
        else
          process.stdout.write(
            `audit chain BROKEN at entry ${r.firstBad?.id} (${r.firstBad?.reason}); ${r.checked} entries before it are intact\n`,
          );
        if (!r.ok) process.exitCode = 1;
      }),
    );
  audit
    .command('list')
    .description('newest entries first')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { limit: string; json?: boolean }) => {
        const r = await withCtx((ctx) => listAudit(ctx.db, { page: 1, pageSize: Number(opts.limit) }));
        print(
          r,
          !!opts.json,
          r.items.map((i) => ({
            id: i.id,
            at: i.at,
            actor: i.actor,
            action: i.action,
            entity: i.entity,
            entityId: i.entityId,
          })),
        );
      }),
    );
}
