import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { traceCase } from './copresence.service.ts';
import { listMarks } from './marks-list.service.ts';
import { readMarkSheet } from './tracing.import.ts';
import { addMarks, closeRiskMark } from './tracing.service.ts';

const CLI_TRACER = { ...CLI_READER, role: 'commander' as const };

/** `banyan tracing trace|mark|import|withdraw|list`. */
export function tracingCommands(program: Command): void {
  const t = program.command('tracing').description('contact tracing: risk marks and co-presence');
  t.command('trace <case>')
    .description('put everyone scanned near the case’s scans on the trace list (case number or id)')
    .option('--minutes <n>', "co-presence window either side of a scan (default: the policy version's)")
    .option('--onset <YYYY-MM-DD>', 'symptom onset of a confirmed case')
    .option('--json', 'print JSON')
    .action(
      action(async (c: string, opts: { minutes?: string; onset?: string; json?: boolean }) => {
        const by = /^\d+$/.test(c) ? { id: Number(c) } : { caseNo: c };
        const out = await withCtx((ctx) =>
          traceCase(ctx, CLI_TRACER, by, {
            minutes: opts.minutes === undefined ? undefined : Number(opts.minutes),
            onsetOn: opts.onset ?? null,
          }),
        );
        print(out, !!opts.json, [
          {
            case: out.caseNo,
            from: out.window.from,
            until: out.window.until,
            scans: out.caseScans,
            found: out.found,
            added: out.added,
          },
        ]);
      }),
    );
  t.command('mark <idNumber> <kind> <since>')
    .description(
      'record one mark (kind: close-contact, secondary-contact, trace-list, left-zone, fever-clinic, arrival)',
    )
    .option('--case <caseNo>', 'index case')
    .option('--zone <code>', 'the zone left')
    .option('--origin <place>', 'where an arrival came from')
    .option('--note <text>', 'note')
    .action(
      action(
        async (
          idNumber: string,
          kind: string,
          since: string,
          o: { case?: string; zone?: string; origin?: string; note?: string },
        ) => {
          const out = await withCtx((ctx) =>
            addMarks(ctx, CLI_TRACER, [
              { idNumber, kind, since, caseNo: o.case, zone: o.zone, origin: o.origin, note: o.note },
            ]),
          );
          print(out, true);
        },
      ),
    );
  t.command('import <file>')
    .description('import a CSV/XLSX sheet of marks (all or nothing)')
    .action(
      action(async (file: string) => {
        const out = await withCtx(async (ctx) =>
          addMarks(ctx, CLI_TRACER, await readMarkSheet(readFileSync(file)), 'import'),
        );
        print(out, true);
      }),
    );
  t.command('withdraw <id>')
    .description('withdraw a mark recorded by mistake, or end it (--ended), with a reason (audited)')
    .requiredOption('--reason <text>', 'why')
    .option('--ended', 'the episode is over (rather than recorded by mistake)')
    .action(
      action(async (id: string, o: { reason: string; ended?: boolean }) => {
        const out = await withCtx((ctx) =>
          closeRiskMark(ctx, CLI_TRACER, Number(id), { reason: o.reason, status: o.ended ? 'ended' : 'withdrawn' }),
        );
        print(out, true);
      }),
    );
  t.command('list')
    .description('the marks, masked, with the colour each gives now')
    .option('--kind <kind>')
    .option('--case <caseNo>')
    .option('--active', 'active marks only')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { kind?: string; case?: string; active?: boolean; json?: boolean }) => {
        const out = await withCtx((ctx) =>
          listMarks(ctx, CLI_TRACER, {
            kind: o.kind,
            caseNo: o.case,
            active: o.active ? true : undefined,
            pageSize: 500,
          }),
        );
        print(
          out,
          !!o.json,
          out.items.map((m) => ({
            id: m.id,
            kind: m.kind,
            since: m.since,
            case: m.caseNo ?? '',
            name: m.person.name,
            effect: m.effect ?? m.status,
          })),
        );
      }),
    );
}
