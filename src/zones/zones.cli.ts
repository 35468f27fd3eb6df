import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { listPolicies } from '../policy/policy.service.ts';
import { importResidents } from './residents.service.ts';
import { formTaskForce } from './taskforce.service.ts';
import { evaluateZones, zoneCounts } from './zones.query.ts';
import { WORKING_GROUPS } from './zones.rules.ts';

/** `banyan zones evaluate|counts` and `banyan policy list`. */
export function zonesCommands(program: Command): void {
  const zones = program.command('zones').description('risk zones');
  zones
    .command('evaluate')
    .description('which zones the policy in force on a day allows to downgrade or lift, and why; and which are blocked')
    .requiredOption('--date <YYYY-MM-DD>', 'the day')
    .option('--district <code>', 'one district')
    .option('--eligible', 'only the zones that may change')
    .option('--policy <id>', 'replay the day under this policy version (nothing is stored)')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { date: string; district?: string; eligible?: boolean; policy?: string; json?: boolean }) => {
        const r = await withCtx((ctx) => evaluateZones(ctx, CLI_READER, opts.date, opts.district, opts.policy));
        const items = opts.eligible ? r.items.filter((i) => i.eligible) : r.items;
        if (!opts.json)
          process.stdout.write(
            r.replay
              ? `replay of ${r.date} under ${r.policy.id} (${r.policy.name}); in force that day: ${r.inForce}\n`
              : `policy in force on ${r.date}: ${r.policy.id} (${r.policy.name})\n`,
          );
        print(
          { ...r, items },
          !!opts.json,
          items.map((i) => ({
            zone: i.zoneCode,
            level: i.level,
            action: i.eligible ? `${i.action}→${i.to}` : 'blocked',
            reason: i.reason['zh-CN'],
          })),
        );
      }),
    );
  zones
    .command('counts')
    .description('zones by level, lifts so far, task forces and deployed cadres on a day')
    .requiredOption('--date <YYYY-MM-DD>', 'the day')
    .option('--district <code>', 'one district')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { date: string; district?: string; json?: boolean }) => {
        const r = await withCtx((ctx) => zoneCounts(ctx, CLI_READER, opts.date, opts.district));
        if (opts.json) return print(r, true);
        process.stdout.write(
          `${r.sentence['zh-CN']}\n${r.sentence.en}\ntask forces: ${r.taskForces}; cadres deployed: ${JSON.stringify(r.cadres)}\n`,
        );
        print(
          r.byDistrict,
          false,
          r.byDistrict.map((d) => ({
            code: d.code,
            name: d.name,
            high: d.high,
            medium: d.medium,
            liftedMedium: d.liftedMedium,
            division: d.cadres.division,
            section: d.cadres.section,
          })),
        );
      }),
    );
  zones
    .command('residents <zone>')
    .description('record the residents of a zone from a CSV/XLSX list of ID numbers (column id_number or 身份证号码)')
    .requiredOption('--file <path>', 'the list')
    .option('--json', 'print JSON')
    .action(
      action(async (zone: string, opts: { file: string; json?: boolean }) => {
        const buf = readFileSync(opts.file);
        const r = await withCtx((ctx) => importResidents(ctx, CLI_READER, zone, buf));
        print(r, !!opts.json, [r]);
      }),
    );
  zones
    .command('task-force <zone>')
    .description('form the task force of a zone: a leader of section level or above, members by working group')
    .requiredOption('--leader <cadreId>', 'cadre id of the leader')
    .option('--member <cadreId:group...>', 'members, e.g. 12:medical 15:logistics')
    .option('--formed-on <YYYY-MM-DD>', 'the day it was formed (default today)')
    .option('--json', 'print JSON')
    .action(
      action(async (zone: string, opts: { leader: string; member?: string[]; formedOn?: string; json?: boolean }) => {
        const members = (opts.member ?? []).map((m) => {
          const [id, group] = m.split(':');
          return { cadreId: Number(id), group: (group ?? 'coordination') as (typeof WORKING_GROUPS)[number] };
        });
        for (const m of members)
          if (!WORKING_GROUPS.includes(m.group))
            throw new Error(`unknown working group ${m.group}; use ${WORKING_GROUPS.join(', ')}`);
        const r = await withCtx((ctx) =>
          formTaskForce(ctx, 'cli', zone, { leaderId: Number(opts.leader), members, formedOn: opts.formedOn }),
        );
        print(r, !!opts.json, [r]);
      }),
    );
  program
    .command('policy')
    .description('policy versions')
    .command('list')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const items = await withCtx((ctx) => listPolicies(ctx));
        print(
          items,
          !!opts.json,
          items.map((p) => ({
            id: p.id,
            from: p.effectiveFrom,
            levels: p.params.levels.join('/'),
            lift: JSON.stringify(p.params.lift),
          })),
        );
      }),
    );
}
