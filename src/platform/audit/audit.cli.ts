import type { Command } from 'commander';
import { withCtx } from '../cli/context.cli.ts';
import { action, print } from '../cli/output.ts';
import { anchorFile, writeCheckpoint } from './audit.anchor.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

/** `banyan audit verify|list`. */
export function auditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'check every entry of the hash chain and the signed checkpoints of <data dir>/audit-anchor.jsonl; lists every edited, unlinked, missing or truncated entry and exits 1 if there is one',
    )
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const r = await withCtx((ctx) => verifyAudit(ctx.db, ctx.crypto, { anchorFile: anchorFile(ctx.config) }));
        if (opts.json) print(r, true);
        else {
          const anchor = r.anchor
            ? `anchored by ${r.anchor.checkpoints} checkpoint(s) in ${r.anchor.file}, the latest at entry ${r.anchor.latest?.id ?? '-'}`
            : 'no checkpoint yet: a deleted tail would not show (`banyan audit checkpoint` writes one)';
          if (r.ok) process.stdout.write(`audit chain intact: ${r.checked} entries verified; ${anchor}\n`);
          else {
            for (const f of r.faults) process.stdout.write(`audit chain BROKEN at entry ${f.id} (${f.reason})\n`);
            const more = r.faultCount - r.faults.length;
            process.stdout.write(
              `${r.faultCount} fault(s)${more > 0 ? `, ${more} not listed` : ''} in ${r.checked} entries; ${anchor}\n`,
            );
          }
        }
        if (!r.ok) process.exitCode = 1;
      }),
    );
  audit
    .command('checkpoint')
    .description(
      'sign the newest entry into <data dir>/audit-anchor.jsonl (the server does this daily and at shutdown)',
    )
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const r = await withCtx(async (ctx) => ({
          file: anchorFile(ctx.config),
          checkpoint: await writeCheckpoint(ctx.db, ctx.crypto, anchorFile(ctx.config)),
        }));
        if (opts.json) print(r, true);
        else
          process.stdout.write(
            r.checkpoint ? `checkpoint at entry ${r.checkpoint.id} written to ${r.file}\n` : 'the audit log is empty\n',
          );
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
