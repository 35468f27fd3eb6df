import type { Insertable } from 'kysely';
import type { CaseInputRow } from '../cases/cases.service.ts';
import { DIVISIONS, divisionOf } from '../geo/geo.data.ts';
import { personIdsByCommunity } from '../people/people.repo.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays } from '../platform/dates.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { insertDuties } from '../zones/duties.repo.ts';
import { addResidents } from '../zones/residents.service.ts';
import { disbandTaskForce, insertCadres, insertTaskForce } from '../zones/taskforce.repo.ts';
import { insertEvents, insertZone, updateZoneLevel, zonesUpTo } from '../zones/zones.repo.ts';
import { followRecommendations, type Rank, WORKING_GROUPS, type ZoneEventFacts } from '../zones/zones.rules.ts';
import { event } from '../zones/zones.service.ts';
import type { ZoneEventRow } from '../zones/zones.tables.ts';
import { everydayName, nameFor } from './fuzhou.ts';
import type { Rng } from './rng.ts';

const LAST_DAY = '2022-11-15';
const UNITS = [
  '市发改委',
  '市工信局',
  '市财政局',
  '市住建局',
  '市交通局',
  '市商务局',
  '市教育局',
  '市民政局',
  '市税务局',
  '市国资委',
  '区直机关',
  '街道办事处',
];
const DISTRICT_SHORT: Record<string, string> = {
  '350102': '鼓',
  '350103': '台',
  '350104': '仓',
  '350105': '马',
  '350111': '晋',
  '350112': '长',
  '350121': '闽侯',
  '350181': '融',
};

interface PlannedZone {
  level: 'high' | 'medium';
  day: string;
  community: string;
  caseNo: string | null;
}

/**
 * The zones of the scenario: high zones where the wave's cases live, medium zones around them,
 * then every level change that the policy in force recommended on each day (the 9th edition until
 * 10 November, the 20 measures from the 11th). On 7 November this gives the published 164 high and
 * 157 medium zones, 67 medium zones lifted, and 321 task forces with 70 division-level and 919
 * section-level cadres.
 */
export async function seedZones(ctx: Ctx, rng: Rng, cases: CaseInputRow[]): Promise<{ zones: number }> {
  const policies = await listPolicies(ctx);
  const local = cases.map((c) => c.record).filter((c) => c.origin === 'local' && c.communityCode);
  const pick = <T>(xs: T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0] as T);
    return out;
  };
  const inRange = (from: string, to: string) => local.filter((c) => c.reportedOn >= from && c.reportedOn <= to);
  const affected = [...new Set(local.map((c) => c.districtCode))];
  const communities = DIVISIONS.filter((d) => d.level === 'community' && affected.includes(d.code.slice(0, 6))).map(
    (d) => d.code,
  );
  const spread = (n: number, from: string, days: number): PlannedZone[] =>
    Array.from({ length: n }, (_, i) => ({
      level: 'medium',
      day: addDays(from, i % days),
      community: rng.pick(communities),
      caseNo: null,
    }));
  const plan: PlannedZone[] = [
    ...pick(inRange('2022-10-24', '2022-10-31'), 67).map((c) => ({
      level: 'medium' as const,
      day: c.reportedOn,
      community: c.communityCode as string,
      caseNo: null,
    })),
    ...pick(inRange('2022-11-01', '2022-11-07'), 164).map((c) => ({
      level: 'high' as const,
      day: c.reportedOn,
      community: c.communityCode as string,
      caseNo: c.caseNo,
    })),
    ...spread(157, '2022-11-01', 7),
    ...pick(inRange('2022-11-08', '2022-11-10'), 20).map((c) => ({
      level: 'high' as const,
      day: c.reportedOn,
      community: c.communityCode as string,
      caseNo: c.caseNo,
    })),
    ...spread(15, '2022-11-08', 3),
  ].sort((a, b) => a.day.localeCompare(b.day));

  const cadrePool = new CadrePool();
  const seq = new Map<string, number>();
  let notice = 0;
  for (const p of plan) {
    await ctx.db.k.transaction().execute(async (trx) => {
      const district = p.community.slice(0, 6);
      const n = (seq.get(district) ?? 0) + 1;
      seq.set(district, n);
      const community = everydayName(divisionOf(p.community)?.name ?? p.community);
      const name =
        p.level === 'high'
          ? `${community}${rng.int(1, 30)}号楼`
          : `${community}${rng.pick(['新村', '小区', '花园', '公寓'])}`;
      const row = {
        code: `Z${district}-${String(n).padStart(4, '0')}`,
        name,
        level: p.level,
        status: 'active',
        unit: p.level === 'high' ? 'building' : 'compound',
        district_code: district,
        street_code: p.community.slice(0, 9),
        community_code: p.community,
        polygon: null,
        residents: p.level === 'high' ? rng.int(60, 400) : rng.int(800, 4000),
        designated_on: p.day,
        lifted_on: null,
        created_at: new Date().toISOString(),
      };
      const id = await insertZone(trx, row);
      const noticeNo = () => `榕${DISTRICT_SHORT[district] ?? ''}疫防〔2022〕${++notice}号`;
      const designate = {
        ...event(id, p.day, 'round', 'system', {}),
        kind: 'designate',
        to_level: p.level,
        at: `${p.day}T20:00:00+08:00`,
        notice_no: noticeNo(),
        notice_district: district,
        policy_id: policyOn(policies, p.day).id,
        rule: `${policyOn(policies, p.day).id}:designate`,
      };
      const rows: Insertable<ZoneEventRow>[] = [designate];
      if (p.caseNo) rows.push(event(id, p.day, 'infection', 'system', { case_no: p.caseNo }));
      for (let d = addDays(p.day, 1); d <= LAST_DAY; d = addDays(d, 1))
        rows.push(event(id, d, 'round', 'system', { tested: row.residents, positives: 0 }));
      const facts: ZoneEventFacts[] = rows.map((r, i) => ({
        id: i + 1,
        day: r.day,
        kind: r.kind as ZoneEventFacts['kind'],
        toLevel: r.to_level ?? null,
        positives: r.positives ?? null,
      }));
      const transitions = followRecommendations(facts, (d: string): Policy => policyOn(policies, d), p.day, LAST_DAY);
      for (const t of transitions) {
        rows.push({
          ...event(id, t.day, 'round', 'system', {}),
          kind: t.action,
          from_level: t.from,
          to_level: t.to,
          at: `${t.day}T18:00:00+08:00`,
          notice_no: noticeNo(),
          notice_district: district,
          policy_id: t.evaluation.policyId,
          rule: t.evaluation.rule,
          reason: t.evaluation.reason['zh-CN'],
        });
      }
      // Rounds stop once a zone is lifted.
      const lift = transitions.find((t) => t.action === 'lift');
      await insertEvents(
        trx,
        rows.filter((r) => !lift || r.kind !== 'round' || r.day <= lift.day),
      );
      const final = transitions.at(-1);
      if (final) await updateZoneLevel(trx, id, final.to, lift ? 'lifted' : 'active', lift?.day ?? null);
      // Task force: active on 7 November ⇒ the full team the published figures count.
      const activeOn7th = p.day <= '2022-11-07' && (!lift || lift.day > '2022-11-07');
      const team = cadrePool.team(activeOn7th, rng);
      const ids = await insertCadres(
        trx,
        team.map((m) => ({ name: nameFor(rng), rank: m.rank, home_unit: rng.pick(UNITS) })),
      );
      await insertTaskForce(
        trx,
        id,
        p.day,
        team.map((m, i) => ({
          cadre_id: ids[i] as number,
          working_group: m.group,
          is_leader: i === 0 ? 1 : 0,
          joined_on: p.day,
          left_on: null,
        })),
      );
      if (lift) await disbandTaskForce(trx, id, lift.day);
      await insertDuties(trx, duties(id, p.day, lift?.day ?? LAST_DAY, rng));
    });
  }
  await seatResidents(ctx);
  return { zones: plan.length };
}

/**
 * Seats residents in every zone from its community, lowest ids first and nobody in two zones: up to
 * 8 in a building (high), 20 in a compound (medium). No random draw, so the rest of the demo is
 * unchanged; the residents of zones still active on the scenario day carry the zone's colour.
 */
async function seatResidents(ctx: Ctx): Promise<void> {
  const zones = await zonesUpTo(ctx.db, '9999-12-31');
  const people = await personIdsByCommunity(ctx.db, [...new Set(zones.map((z) => z.community_code))]);
  const taken = new Map<string, number>();
  for (const z of zones) {
    const from = taken.get(z.community_code) ?? 0;
    const ids = (people.get(z.community_code) ?? []).slice(from, from + (z.unit === 'building' ? 8 : 20));
    taken.set(z.community_code, from + ids.length);
    if (ids.length) await addResidents(ctx, 'system', z.code, ids);
  }
}

/** Hands out the cadres so that the 321 teams of 7 November hold exactly 70 division and 919 section cadres. */
class CadrePool {
  private divisionLeaders = 70;
  // 919 section cadres = 251 section-level leaders + two section members in each of 321 teams + 26 more.
  private sectionThirds = 919 - (321 - 70) - 2 * 321;
  team(full: boolean, rng: Rng): Array<{ rank: Rank; group: string }> {
    const g = () => rng.pick(WORKING_GROUPS.slice(1));
    if (!full)
      return [
        { rank: 'section', group: 'coordination' },
        { rank: 'clerk', group: g() },
      ];
    const leader: Rank = this.divisionLeaders-- > 0 ? 'division' : 'section';
    const team: Array<{ rank: Rank; group: string }> = [
      { rank: leader, group: 'coordination' },
      { rank: 'section', group: 'health-monitoring' },
      { rank: 'section', group: g() },
    ];
    if (this.sectionThirds-- > 0) team.push({ rank: 'section', group: g() });
    team.push({ rank: 'clerk', group: 'logistics' }, { rank: 'clerk', group: 'security' });
    return team;
  }
}

/** A zone's routine duties: most done on time, a few left open (overdue) or closed late. */
function duties(zoneId: number, from: string, to: string, rng: Rng) {
  const out = [];
  const kinds: Array<[string, string]> = [
    ['screening', '入户排查（第{n}轮）'],
    ['garbage', '生活垃圾清运消杀'],
    ['supplies', '生活物资配送'],
    ['request', '居民就医配药需求'],
  ];
  for (let d = from, n = 1; d <= to && n <= 3; d = addDays(d, 2), n++) {
    const [kind, title] = rng.pick(kinds);
    const due = `${d}T18:00:00+08:00`;
    const open = rng.next() < 0.04;
    out.push({
      zone_id: zoneId,
      kind,
      title: title.replace('{n}', String(n)),
      owner: rng.pick(['网格员', '社区医生', '物业', '志愿者', '专班联络员']),
      due_at: new Date(due).toISOString(),
      closed_at: open ? null : new Date(Date.parse(due) - rng.int(1, 6) * 3600_000).toISOString(),
      closing_note: open ? null : '已完成',
      created_at: new Date(`${d}T08:00:00+08:00`).toISOString(),
    });
  }
  return out;
}
