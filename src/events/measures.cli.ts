import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { AppError, E } from '../platform/errors.ts';
import { MeasureBody } from './measures.schema.ts';
import { measuresOn, recordMeasure } from './measures.service.ts';

const list = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
];

/** `banyan measures list|add`: the measures in force (防控措施) as records. */
export function measuresCommands(program: Command): void {
  const measures = program.command('measures').description('measures in force (防控措施), each with what enforces it');
  measures
    .command('list')
    .description('the measures in force on a day')
    .requiredOption('--date <YYYY-MM-DD>', 'the day')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { date: string; json?: boolean }) => {
        const r = await withCtx((ctx) => measuresOn(ctx, CLI_READER, o.date));
        print(
          r,
          !!o.json,
          r.items.map((m) => ({
            notice: m.noticeNo,
            kind: m.kind,
            area: m.cityWide ? 'city' : m.districts.join(' '),
            from: m.from,
            to: m.to ?? '',
            enforcedBy: m.enforcedBy ? `${m.enforcedBy.kind}:${m.enforcedBy.ref}` : '',
            state: m.enforcedBy?.state ?? '',
            text: m.text['zh-CN'],
          })),
        );
      }),
    );
  measures
    .command('add')
    .description(
      'record a measure of a notice; its kind names the enforcer it needs (policy, suspension, checkpoint, campaign)',
    )
    .requiredOption('--notice <no>', 'the notice number')
    .requiredOption(
      '--kind <kind>',
      'entry-checks, compound-checks, city-exit, venue-suspension, closed-loop, open-venues, regional-testing, advice',
    )
    .requiredOption('--zh <text>', 'the measure in Chinese (simplified)')
    .option('--tw <text>', 'in traditional Chinese (default: converted)')
    .requiredOption('--en <text>', 'in English')
    .option('--district <code>', 'districts, comma-separated or repeated; none for the whole city', list)
    .requiredOption('--from <YYYY-MM-DD>', 'first day in force')
    .option('--to <YYYY-MM-DD>', 'last day in force')
    .option(
      '--enforced-by <kind:ref>',
      'e.g. policy:entrance.city-exit.certificateHours, suspension:榕防指〔2022〕45号',
    )
    .option('--json', 'print JSON')
    .action(
      action(
        async (o: {
          notice: string;
          kind: string;
          zh: string;
          tw?: string;
          en: string;
          district?: string[];
          from: string;
          to?: string;
          enforcedBy?: string;
          json?: boolean;
        }) => {
          const [kind, ...ref] = (o.enforcedBy ?? '').split(':');
          const parsed = MeasureBody.safeParse({
            noticeNo: o.notice,
            kind: o.kind,
            text: { 'zh-CN': o.zh, ...(o.tw ? { 'zh-TW': o.tw } : {}), en: o.en },
            districts: o.district ?? [],
            from: o.from,
            to: o.to ?? null,
            enforcedBy: o.enforcedBy ? { kind, ref: ref.join(':') } : null,
          });
          if (!parsed.success)
            throw new AppError(E.VALIDATION_FAILED, {
              summary: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
            });
          const r = await withCtx((ctx) => recordMeasure(ctx, 'cli', parsed.data));
          print(r, !!o.json, [r]);
        },
      ),
    );
}
