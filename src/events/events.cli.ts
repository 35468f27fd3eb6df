import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { classification, planEvent } from './classify.service.ts';
import { EventInput } from './events.schema.ts';
import { createEvent } from './events.service.ts';
import { importCandidates, importRooms } from './imports.service.ts';
import { importVehicles, planShuttles } from './shuttles.service.ts';

/** `banyan events create|import-rooms|import-candidates|classify|plan`. */
export function eventsCommands(program: Command): void {
  const events = program.command('events').description('exams: sites, rooms, candidates, classification, room plan');
  events
    .command('create <code>')
    .description('create an exam; sessions as DAY/HH:MM-HH:MM (Beijing time), e.g. 2022-11-05/09:00-11:30')
    .requiredOption('--name <name>', 'the exam’s name')
    .requiredOption('--session <s...>', 'one or more sessions')
    .option('--json', 'print JSON')
    .action(
      action(async (code: string, opts: { name: string; session: string[]; json?: boolean }) => {
        const sessions = opts.session.map((s) => {
          const [day, span] = s.split('/');
          const [from, to] = (span ?? '').split('-');
          return { day: day ?? '', startsAt: `${day}T${from}:00+08:00`, endsAt: `${day}T${to}:00+08:00` };
        });
        const r = await withCtx((ctx) =>
          createEvent(ctx, 'cli', EventInput.parse({ code, name: opts.name, sessions })),
        );
        print(r, !!opts.json, [{ code: r.code, name: r.name, sessions: r.sessions.length }]);
      }),
    );
  for (const [what, fn, columns] of [
    ['rooms', importRooms, 'site_code, room_no, capacity, isolation [, new_site, lng, lat]'],
    [
      'candidates',
      importCandidates,
      'candidate_no, id_number, name, phone, site_code, room_no, shuttle_requested, pickup_address (Chinese headers too)',
    ],
    ['vehicles', importVehicles, 'plate, seats, driver, phone (车牌号, 座位数, 司机, 司机电话)'],
  ] as const)
    events
      .command(`import-${what} <event> <file>`)
      .description(`record the ${what} of an exam from a CSV/XLSX sheet (${columns}); all or nothing`)
      .option('--dry-run', 'check only')
      .option('--json', 'print JSON')
      .action(
        action(async (event: string, file: string, opts: { dryRun?: boolean; json?: boolean }) => {
          const buf = readFileSync(file);
          const r = await withCtx((ctx) =>
            fn(ctx, 'cli', event, buf, { dryRun: opts.dryRun, filename: basename(file) }),
          );
          print(r, !!opts.json, [r]);
        }),
      );
  events
    .command('classify <event>')
    .description('each candidate regular, special or barred at an instant, with the rule and policy version')
    .option('--at <instant>', 'ISO-8601 with offset (default: now on the server clock)')
    .option('--class <c>', 'list only regular, special or barred')
    .option('--json', 'print JSON (every candidate)')
    .action(
      action(async (event: string, opts: { at?: string; class?: 'regular' | 'special' | 'barred'; json?: boolean }) => {
        const r = await withCtx((ctx) =>
          classification(ctx, 'cli', event, { at: opts.at, class: opts.class, pageSize: 10_000_000 }),
        );
        if (opts.json) return print(r, true);
        process.stdout.write(
          `${r.event} at ${r.at}, policy ${r.policy.id}: regular ${r.counts.regular}, special ${r.counts.special}, barred ${r.counts.barred}\n`,
        );
        print(
          r.items,
          false,
          r.items
            .filter((i) => opts.class || i.class !== 'regular')
            .map((i) => ({
              candidate: i.candidateNo,
              name: i.nameMasked,
              site: i.siteCode,
              room: i.roomNo,
              class: i.class,
              rule: i.rule,
              reason: i.text['zh-CN'],
            })),
        );
      }),
    );
  events
    .command('plan <event>')
    .description('seat special candidates in isolation rooms; refuses with the unplaced list and changes nothing')
    .option('--at <instant>', 'ISO-8601 with offset (default: now on the server clock)')
    .option('--dry-run', 'show the plan without recording it')
    .option('--json', 'print JSON')
    .action(
      action(async (event: string, opts: { at?: string; dryRun?: boolean; json?: boolean }) => {
        const r = await withCtx((ctx) => planEvent(ctx, 'cli', event, { at: opts.at, dryRun: opts.dryRun }));
        if (opts.json) return print(r, true);
        process.stdout.write(
          `${r.event} at ${r.at}, policy ${r.policy.id}: ${r.moved} moved to isolation rooms (${r.movedNearby} to a nearby site), ${r.counts.barred} barred${r.dryRun ? ' (dry run)' : ''}\n`,
        );
        print(
          r.moves,
          false,
          r.moves.map((m) => ({
            candidate: m.candidateNo,
            from: `${m.from.siteCode}/${m.from.roomNo}`,
            to: m.to ? `${m.to.siteCode}/${m.to.roomNo}` : '—',
            why: m.why,
            reason: m.reason['zh-CN'],
          })),
        );
      }),
    );
  events
    .command('shuttles <event>')
    .description('assign the point-to-point trips before a session and print the drivers’ manifest')
    .requiredOption('--session <n>', 'the session, 1 for the first')
    .option('--json', 'print JSON')
    .action(
      action(async (event: string, opts: { session: string; json?: boolean }) => {
        const r = await withCtx((ctx) => planShuttles(ctx, 'cli', event, Number(opts.session)));
        if (opts.json) return print(r, true);
        process.stdout.write(
          `${r.event} session ${r.session} (${r.startsAt}): ${r.trips.length} trips, ${r.riders} riders\n`,
        );
        print(
          r.trips,
          false,
          r.trips.map((t) => ({
            plate: t.plate,
            departs: t.departsAt,
            site: t.siteCode,
            lane: t.lane,
            riders: t.riders.length,
          })),
        );
      }),
    );
}
