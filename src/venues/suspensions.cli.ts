import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { beijingToday } from '../platform/clock.ts';
import { AppError, E } from '../platform/errors.ts';
import type { NoticeKind } from './suspensions.rules.ts';
import { NoticeBody } from './suspensions.schema.ts';
import { listNotices, reopenByNotice, suspendByNotice } from './suspensions.service.ts';

const list = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
];

/** `banyan venues suspend|reopen|notices`: the venues command of venues.cli.ts, or a new one. */
export function suspensionCommands(program: Command): void {
  const venues =
    program.commands.find((c) => c.name() === 'venues') ??
    program.command('venues').description('venues and their codes');
  venues
    .command('suspend')
    .description('suspend every venue of the categories (and kinds) in the districts, or the whole city, by a notice')
    .requiredOption('--notice <no>', 'the notice number, e.g. 榕防指〔2022〕45号')
    .option('--title <text>', 'the notice’s title', '关于暂停人员密集场所营业的通告')
    .requiredOption('--category <c>', 'venue categories, comma-separated or repeated (public-place…)', list)
    .option('--kind <k>', 'only these kinds: ktv, internet-cafe, cinema, gym, bath-house', list)
    .option('--district <code>', 'districts, comma-separated or repeated; none for the whole city', list)
    .option('--from <YYYY-MM-DD>', 'the day it takes effect (default: today)')
    .option('--json', 'print JSON')
    .action(
      action(
        async (o: {
          notice: string;
          title: string;
          category: string[];
          kind?: string[];
          district?: string[];
          from?: string;
          json?: boolean;
        }) => {
          const parsed = NoticeBody.safeParse({
            noticeNo: o.notice,
            title: o.title,
            categories: o.category,
            kinds: o.kind ?? [],
            districts: o.district ?? [],
            effectiveOn: o.from ?? beijingToday(),
          });
          if (!parsed.success)
            throw new AppError(E.VALIDATION_FAILED, {
              summary: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
            });
          const body = parsed.data;
          const r = await withCtx((ctx) => suspendByNotice(ctx, 'cli', { ...body, kinds: body.kinds as NoticeKind[] }));
          print(r, !!o.json, [r]);
        },
      ),
    );
  venues
    .command('reopen')
    .description('reopen the venues a notice suspended, each to its status before the notice')
    .requiredOption('--notice <no>', 'the notice number')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { notice: string; json?: boolean }) => {
        const r = await withCtx((ctx) => reopenByNotice(ctx, 'cli', o.notice));
        print(r, !!o.json, [{ noticeNo: r.noticeNo, restored: r.restored, left: r.left.join(' ') }]);
      }),
    );
  venues
    .command('notices')
    .description('the suspension notices, with the venues each suspended and still holds')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        const items = await withCtx((ctx) => listNotices(ctx, CLI_READER));
        print(
          items,
          !!o.json,
          items.map((n) => ({
            notice: n.noticeNo,
            area: n.cityWide ? 'city' : n.districts.join(' '),
            kinds: [...n.categories, ...n.kinds].join(' '),
            from: n.effectiveOn,
            suspended: n.suspended,
            held: n.held,
            reopened: n.reopenedAt ?? '',
          })),
        );
      }),
    );
}
