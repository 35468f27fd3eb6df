import { DIVISIONS, divisionOf } from '../geo/geo.data.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { dayOf } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import type { Policy, ZoneLevel } from '../policy/policy.schema.ts';
import { getPolicy, listPolicies, policyOn } from '../policy/policy.service.ts';
import { dutiesOf, overdueCounts } from './duties.repo.ts';
import { dutyView } from './duties.service.ts';
import { activeTaskForces, deployedOn, taskForceOf, taskForceSummaries } from './taskforce.repo.ts';
import { ZoneErrors } from './zones.errors.ts';
import { eventsUpTo, type StoredZone, zoneByCode, zonesUpTo } from './zones.repo.ts';
import {
  countZones,
  daysBetween,
  evaluateZone,
  RANKS,
  type Rank,
  stateAt,
  type WorkingGroup,
  zoneSentence,
} from './zones.rules.ts';
import type { ZonesQuery } from './zones.schema.ts';
import { assertZoneInScope, centreOf, facts, zoneArea } from './zones.service.ts';

const today = () => dayOf(nowIso());

/** Zones in the area with their state replayed to the end of `day`. */
async function zonesWithState(ctx: Ctx, day: string, area: { district?: string; street?: string }) {
  const zones = (await zonesUpTo(ctx.db, day, area.district)).filter(
    (z) => !area.street || z.street_code === area.street,
  );
  const events = await eventsUpTo(ctx.db, day, area.district || area.street ? zones.map((z) => z.id) : undefined);
  const byZone = new Map<number, ReturnType<typeof facts>>();
  const fs = facts(events);
  events.forEach((e, i) => {
    const list = byZone.get(e.zone_id) ?? [];
    list.push(fs[i] as (typeof fs)[number]);
    byZone.set(e.zone_id, list);
  });
  return zones.map((z) => ({ zone: z, events: byZone.get(z.id) ?? [], state: stateAt(byZone.get(z.id) ?? [], day) }));
}

/** A zone as lists show it, on a day. */
function zoneView(z: StoredZone, s: ReturnType<typeof stateAt>, day: string) {
  const since = s
    ? s.lastInfection && s.lastInfection > s.levelSince
      ? s.lastInfection
      : s.levelSince
    : z.designated_on;
  return {
    id: z.id,
    code: z.code,
    name: z.name,
    level: s?.active ? s.level : 'low',
    status: s?.active ? ('active' as const) : ('lifted' as const),
    unit: z.unit,
    districtCode: z.district_code,
    districtName: divisionOf(z.district_code)?.name ?? z.district_code,
    streetCode: z.street_code,
    communityCode: z.community_code,
    communityName: divisionOf(z.community_code)?.name ?? z.community_code,
    residents: z.residents,
    designatedOn: z.designated_on,
    liftedOn: s?.active ? null : z.lifted_on,
    polygon: z.polygon ? (JSON.parse(z.polygon) as unknown) : null,
    centre: centreOf(z),
    cleanDays: s?.active ? Math.max(0, daysBetween(since, day)) : null,
    lastInfectionOn: s?.lastInfection ?? null,
  };
}

/** A page of zones as of a day, filtered by district, level and status. */
export async function listZones(ctx: Ctx, actor: Actor, q: ZonesQuery) {
  const day = q.date ?? today();
  const area = zoneArea(actor, 'zones:read', q.district);
  const all = (await zonesWithState(ctx, day, area))
    .map(({ zone, state }) => ({ zone, view: zoneView(zone, state, day) }))
    .filter(({ view }) => (!q.level || view.level === q.level) && (!q.status || view.status === q.status))
    .sort((a, b) =>
      a.view.level === b.view.level ? a.view.code.localeCompare(b.view.code) : a.view.level.localeCompare(b.view.level),
    );
  const page = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const ids = page.map((p) => p.zone.id);
  const [tfs, overdue] = await Promise.all([taskForceSummaries(ctx.db, ids), overdueCounts(ctx.db, nowIso(), ids)]);
  return {
    total: all.length,
    page: q.page,
    pageSize: q.pageSize,
    items: page.map(({ zone, view }) => {
      const tf = tfs.get(zone.id);
      return {
        ...view,
        taskForce: tf
          ? {
              id: tf.id,
              leader: tf.leader && {
                id: tf.leader.id,
                name: tf.leader.name,
                rank: tf.leader.rank as Rank,
                homeUnit: tf.leader.home_unit,
              },
              members: tf.members,
            }
          : null,
        overdueDuties: overdue.get(zone.id) ?? 0,
      };
    }),
  };
}

/** One zone with its full history, task force and duties. */
export async function getZone(ctx: Ctx, actor: Actor, code: string, day = today()) {
  zoneArea(actor, 'zones:read');
  const zone = await zoneByCode(ctx.db, code);
  if (!zone) throw new AppError(ZoneErrors.ZONE_NOT_FOUND, { code });
  assertZoneInScope(actor, zone);
  const events = await eventsUpTo(ctx.db, '9999-12-31', [zone.id]);
  const tf = await taskForceOf(ctx.db, zone.id);
  const now = nowIso();
  const duties = (await dutiesOf(ctx.db, zone.id)).map((d) => dutyView(d, now));
  const leader = tf?.members.find((m) => m.is_leader);
  return {
    zone: {
      ...zoneView(zone, stateAt(facts(events), day), day),
      taskForce: tf
        ? {
            id: tf.id,
            leader: leader
              ? { id: Number(leader.id), name: leader.name, rank: leader.rank as Rank, homeUnit: leader.home_unit }
              : null,
            members: tf.members.length,
          }
        : null,
      overdueDuties: duties.filter((d) => d.overdue).length,
    },
    events: events.map((e) => ({
      id: e.id,
      day: e.day,
      at: e.at,
      kind: e.kind,
      fromLevel: e.from_level,
      toLevel: e.to_level,
      noticeNo: e.notice_no,
      noticeDistrict: e.notice_district,
      policyId: e.policy_id,
      rule: e.rule,
      reason: e.reason,
      overrideReason: e.override_reason,
      tested: e.tested,
      positives: e.positives,
      caseNo: e.case_no,
      actor: e.actor.split(':')[2] ?? e.actor,
    })),
    taskForce: tf && {
      id: tf.id,
      formedOn: tf.formedOn,
      disbandedOn: tf.disbandedOn,
      leader: leader
        ? { id: Number(leader.id), name: leader.name, rank: leader.rank as Rank, homeUnit: leader.home_unit }
        : null,
      members: tf.members.map((m) => ({
        cadre: { id: Number(m.id), name: m.name, rank: m.rank as Rank, homeUnit: m.home_unit },
        group: m.working_group as WorkingGroup,
        isLeader: !!m.is_leader,
        joinedOn: m.joined_on,
        leftOn: m.left_on,
      })),
    },
    duties,
  };
}

/**
 * What the policy in force on a day recommends for every active zone of the area, eligible first;
 * with `policyId`, what that version would have recommended on the day (a replay: nothing is stored).
 */
export async function evaluateZones(
  ctx: Ctx,
  actor: Actor,
  day: string,
  district?: string,
  under?: string | Policy,
  zoneCode?: string,
) {
  const area = zoneArea(actor, 'zones:read', district);
  const policies = await listPolicies(ctx);
  const inForce = policyOn(policies, day);
  const policy =
    under === undefined
      ? inForce
      : typeof under !== 'string'
        ? under
        : (policies.find((p) => p.id === under) ?? (await getPolicy(ctx, under)));
  // The morning view: the day's rounds and infections count, the day's own notices do not yet.
  const morning = (events: ReturnType<typeof facts>) =>
    stateAt(
      events.filter((e) => !(e.day === day && ['downgrade', 'upgrade', 'lift'].includes(e.kind))),
      day,
    );
  // The day's own notice, if one was issued: the zone list (the day's end) no longer counts a zone
  // lifted today as active, so the evaluation says which of its morning zones were already decided.
  const decided = (events: ReturnType<typeof facts>) => {
    const n = events
      .filter((e) => e.day === day && (DAY_NOTICES as readonly string[]).includes(e.kind))
      .sort((a, b) => a.id - b.id)
      .at(-1);
    return n ? { kind: n.kind as (typeof DAY_NOTICES)[number], to: n.toLevel as ZoneLevel } : null;
  };
  const items = (await zonesWithState(ctx, day, area))
    .filter(({ zone }) => zoneCode === undefined || zone.code === zoneCode)
    .map(({ zone, events }) => ({ zone, events, state: morning(events) }))
    .filter(({ state }) => state?.active)
    .map(({ zone, events, state }) => ({
      zoneCode: zone.code,
      zoneName: zone.name,
      districtCode: zone.district_code,
      ...evaluateZone(state as NonNullable<typeof state>, policy, day),
      decidedToday: decided(events),
    }))
    .sort(
      (a, b) =>
        Number(b.eligible && !b.decidedToday) - Number(a.eligible && !a.decidedToday) ||
        Number(!!a.decidedToday) - Number(!!b.decidedToday) ||
        a.zoneCode.localeCompare(b.zoneCode),
    );
  return { date: day, policy, inForce: inForce.id, replay: policy.id !== inForce.id, items };
}

const DAY_NOTICES = ['downgrade', 'upgrade', 'lift'] as const;

/** The counts of a day: zones by level, lifts so far, task forces and deployed cadres by rank. */
export async function zoneCounts(ctx: Ctx, actor: Actor, day: string, district?: string) {
  const area = zoneArea(actor, 'zones:read', district);
  const zones = await zonesWithState(ctx, day, area);
  const c = countZones(
    zones.map((z) => z.events),
    day,
  );
  const deployed = await deployedOn(ctx.db, day, area.district, area.street);
  const ranks = () => Object.fromEntries(RANKS.map((r) => [r, 0])) as Record<(typeof RANKS)[number], number>;
  const cadres = ranks();
  for (const d of deployed) cadres[d.rank as keyof typeof cadres] += d.n;
  const districts = DIVISIONS.filter(
    (d) =>
      d.level === 'district' &&
      (!area.district || d.code === area.district) &&
      (!area.street || area.street.startsWith(d.code)),
  ).map((d) => {
    const own = countZones(
      zones.filter((z) => z.zone.district_code === d.code).map((z) => z.events),
      day,
    );
    const r = ranks();
    for (const x of deployed) if (x.district === d.code) r[x.rank as keyof typeof r] += x.n;
    return {
      code: d.code,
      name: d.name,
      high: own.high,
      medium: own.medium,
      liftedMedium: own.liftedMedium,
      cadres: r,
    };
  });
  return {
    date: day,
    ...c,
    taskForces: await activeTaskForces(ctx.db, day, area.district, area.street),
    cadres,
    byDistrict: districts,
    sentence: zoneSentence(
      c,
      area.street ? divisionOf(area.street)?.name : area.district ? divisionOf(area.district)?.name : undefined,
    ),
  };
}

/** The city's zone counts of a day for documents such as the briefing (no actor: the figures are public). */
export async function cityZoneCounts(
  ctx: Ctx,
  day: string,
): Promise<{ high: number; medium: number; liftedMedium: number; zones: number }> {
  const zones = await zonesWithState(ctx, day, {});
  return {
    ...countZones(
      zones.map((z) => z.events),
      day,
    ),
    zones: zones.length,
  };
}
