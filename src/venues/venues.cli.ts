import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { personOfIdNumber } from '../health-code/explain.service.ts';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { parseInstant } from '../platform/clock.ts';
import { AppError, E } from '../platform/errors.ts';
import { checkAt } from './check-at.service.ts';
import { POSTER_FORMATS, venuePoster } from './poster.service.ts';
import { listVenues, venueCode } from './venues.service.ts';

/** `banyan venues list|code|poster|check`. */
export function venuesCommands(program: Command): void {
  const venues = program.command('venues').description('venues and their codes');
  venues
    .command('list')
    .requiredOption('--date <YYYY-MM-DD>', 'the day whose scans to count')
    .option('--district <code>', 'one district')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { date: string; district?: string; json?: boolean }) => {
        const items = await withCtx((ctx) => listVenues(ctx, CLI_READER, opts.date, opts.district));
        print(
          items,
          !!opts.json,
          items.map((v) => ({
            code: v.code,
            name: v.name,
            category: v.category,
            status: v.status,
            scans: v.scans,
            denied: v.denied,
          })),
        );
      }),
    );
  venues
    .command('check <venue> <idNumber>')
    .description('the entrance verdict a resident would have met at a venue, now or at a moment (nothing stored)')
    .option('--at <instant>', 'the moment, ISO-8601 with its offset (2022-11-09T12:00+08:00)')
    .option('--policy <id>', 'replay under this policy version instead of the one in force')
    .option('--json', 'print JSON')
    .action(
      action(async (venue: string, idNumber: string, opts: { at?: string; policy?: string; json?: boolean }) => {
        const r = await withCtx(async (ctx) =>
          checkAt(ctx, CLI_READER, {
            venueCode: venue,
            personId: await personOfIdNumber(ctx, idNumber),
            at: opts.at === undefined ? undefined : parseInstant(opts.at),
            policyId: opts.policy,
          }),
        );
        if (!opts.json)
          process.stdout.write(
            `${r.replay ? 'replay' : 'now'} at ${r.at} under ${r.version.id}${r.replay ? ` (in force then: ${r.inForce})` : ''}\n`,
          );
        print(r, !!opts.json, [
          {
            verdict: r.verdict,
            colour: r.colour,
            lastNegative: r.lastNegativeSampledAt ?? '—',
            venueStatus: r.venueStatus.notice
              ? `${r.venueStatus.status} (${r.venueStatus.notice})`
              : r.venueStatus.status,
            version: r.policy.id,
            rule: r.policy.rule,
            reasons: r.reasons.map((x) => x['zh-CN']).join('；') || '—',
          },
        ]);
      }),
    );
  venues
    .command('code <venue>')
    .description('print the signed venue code for the poster (current version)')
    .action(
      action(async (venue: string) => {
        process.stdout.write(
          `${await withCtx((ctx) => venueCode(ctx, { ...CLI_READER, role: 'commander' }, venue))}\n`,
        );
      }),
    );
  venues
    .command('poster <venue>')
    .description('write the venue’s QR poster (current code version) to a file')
    .option('--format <svg|png|pdf>', 'poster format', 'pdf')
    .requiredOption('--out <file>', 'where to write it')
    .action(
      action(async (venue: string, opts: { format: string; out: string }) => {
        const format = POSTER_FORMATS.find((f) => f === opts.format);
        if (!format) throw new AppError(E.VALIDATION_FAILED, { summary: `--format ${opts.format}: svg, png or pdf` });
        const p = await withCtx((ctx) => venuePoster(ctx, { ...CLI_READER, role: 'commander' }, venue, format));
        writeFileSync(opts.out, p.body);
        process.stdout.write(`${opts.out} (${p.body.length} bytes)\n`);
      }),
    );
}
