import { infectionsByPerson } from '../cases/cases.service.ts';
import { marksSource } from '../health-code/colour.state.ts';
import { infectionAt } from '../health-code/explain.service.ts';
import { type ColourInputs, colourOf } from '../health-code/health-code.rules.ts';
import type { ActiveMark } from '../health-code/marks.rules.ts';
import { activeOverrides } from '../health-code/overrides.repo.ts';
import { communitiesOf } from '../people/people.repo.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { beijingToday, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { draftAsPolicy } from '../policy/drafts.service.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { getPolicy, listPolicies, policyOn } from '../policy/policy.service.ts';
import { testFactsAtMany } from '../testing/history.service.ts';
import { scheduleOf } from '../tracing/quarantine.rules.ts';
import { allVenues } from '../venues/venues.repo.ts';
import { restrictedResidentsAt } from '../zones/residents.service.ts';
import { evaluateZones } from '../zones/zones.query.ts';
import { ENTRANCE_ASPECTS, type PolicyDiff } from './replay.schema.ts';

const LIST_MAX = 2000;

/**
 * What publishing a draft would change on a date, against the version in force then, computed
 * without storing anything: zones whose lift or downgrade the draft would allow or hold back, the
 * residents whose colour would change (by district and by the rule before and after), and the
 * venue categories whose entrance rule changes with their venues. Colours are compared at noon
 * of the date (now, for today) from the records as they stood then: a replay of 9 November meets the
 * certificates, marks and zones of 9 November, not later ones.
 */
export async function diffDraft(ctx: Ctx, actor: Actor, draftId: string, date = beijingToday()): Promise<PolicyDiff> {
  requirePermission(actor, 'policy:edit');
  return diffVersions(ctx, actor, await draftAsPolicy(ctx, actor, draftId), date);
}

/**
 * The same difference for a published version against another (`againstId`, or the version in force
 * on the date): what the 20 measures changed against the 9th edition on 11 November, say.
 */
export async function diffPublished(
  ctx: Ctx,
  actor: Actor,
  id: string,
  date = beijingToday(),
  againstId?: string,
): Promise<PolicyDiff> {
  requirePermission(actor, 'policy:edit');
  const against = againstId === undefined ? undefined : await getPolicy(ctx, againstId);
  return diffVersions(ctx, actor, await getPolicy(ctx, id), date, against);
}

async function diffVersions(
  ctx: Ctx,
  actor: Actor,
  draft: Policy,
  date: string,
  against?: Policy,
): Promise<PolicyDiff> {
  return (await compareVersions(ctx, actor, draft, date, against)).diff;
}

/** A resident whose colour differs between two versions, with the rule of each. */
export interface ColourChange {
  id: number;
  districtCode: string;
  from: string;
  to: string;
  fromRule: string;
  toRule: string;
}

/**
 * The difference of two versions on a date, with every resident whose colour changes (the answer's
 * list stops at LIST_MAX; a switch-over records them all).
 */
export async function compareVersions(
  ctx: Ctx,
  actor: Actor,
  draft: Policy,
  date: string,
  against?: Policy,
): Promise<{ diff: PolicyDiff; persons: ColourChange[] }> {
  const inForce = against ?? policyOn(await listPolicies(ctx), date);
  const at = date === beijingToday() ? nowMs() : Date.parse(`${date}T12:00:00+08:00`);
  const q = (extra: string) => `date=${date}&policy=${encodeURIComponent(draft.id)}${extra}`;
  const read = await colourInputsAt(ctx, at);
  const colours = await colourDiff(ctx, read.inputs, at, inForce, draft, q);
  const diff: PolicyDiff = {
    date,
    draft: draft.id,
    inForce: inForce.id,
    at: new Date(at).toISOString(),
    zones: await zoneDiff(ctx, actor, date, inForce, draft, q),
    colours: colours.summary,
    levels: { inForce: inForce.params.levels, draft: draft.params.levels },
    schedules: scheduleDiff(read.marks, inForce, draft, q),
    venues: await venueDiff(ctx, inForce, draft, q),
  };
  return { diff, persons: colours.all };
}

async function zoneDiff(ctx: Ctx, actor: Actor, date: string, a: Policy, b: Policy, q: (x: string) => string) {
  const before = await evaluateZones(ctx, actor, date, undefined, a);
  const after = new Map((await evaluateZones(ctx, actor, date, undefined, b)).items.map((i) => [i.zoneCode, i]));
  const outcome = (i: { eligible: boolean; action: string; to: string | null; rule: string | null }) => ({
    eligible: i.eligible,
    action: i.action,
    to: i.to,
    rule: i.rule,
  });
  const items: PolicyDiff['zones']['items'] = [];
  for (const i of before.items) {
    const d = after.get(i.zoneCode);
    if (!d || (d.eligible === i.eligible && d.action === i.action && d.to === i.to)) continue;
    items.push({
      zoneCode: i.zoneCode,
      districtCode: i.districtCode,
      level: i.level,
      inForce: outcome(i),
      draft: outcome(d),
      href: `#/zones/evaluation?${q(`&district=${i.districtCode}`)}`,
    });
  }
  return {
    wouldChange: items.filter((i) => i.draft.eligible && !i.inForce.eligible).length,
    wouldStay: items.filter((i) => !i.draft.eligible && i.inForce.eligible).length,
    href: `#/zones/evaluation?${q('')}`,
    items,
  };
}

/**
 * Who may change colour at `at` and everything their colour is decided from, read from the records
 * as they stood then (as explain --at does): the cases reported by then, the zones of the notices in
 * effect, the marks begun and not closed, the negatives known. Only a person some rule speaks of can
 * change colour (everyone else is green under any version); a manual colour in force then stays.
 */
async function colourInputsAt(
  ctx: Ctx,
  at: number,
): Promise<{ inputs: Map<number, ColourInputs>; marks: Map<number, ActiveMark[]> }> {
  const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
  const infections = new Map<number, NonNullable<ColourInputs['infection']>>();
  for (const [id, inf] of await infectionsByPerson(ctx)) {
    const known = infectionAt(inf, day);
    if (known) infections.set(id, known);
  }
  const zones = (await restrictedResidentsAt(ctx, at)).residents;
  const marks = await marksSource().allMarksAt(ctx.db, at);
  const iso = new Date(at).toISOString();
  const manual = new Set(
    (await activeOverrides(ctx.db, iso))
      .filter((o) => o.approved_at !== null && o.approved_at <= iso)
      .map((o) => o.person_id),
  );
  const ids = [...new Set([...infections.keys(), ...zones.keys(), ...marks.keys()])]
    .filter((id) => !manual.has(id))
    .sort((x, y) => x - y);
  const facts = await testFactsAtMany(ctx, ids, at);
  const out = new Map<number, ColourInputs>();
  for (const id of ids) {
    const f = facts.get(id);
    out.set(id, {
      infection: infections.get(id) ?? null,
      positivePoolAt: f?.positivePoolAt ?? null,
      positiveAt: f?.positiveAt ?? null,
      zone: zones.get(id) ?? null,
      marks: marks.get(id) ?? [],
      negatives: f?.negatives ?? [],
    });
  }
  return { inputs: out, marks };
}

const PLAN_KINDS = ['close-contact', 'secondary-contact', 'left-high-zone'] as const;

/**
 * The plans that differ between two versions, and the persons marked at the moment whose schedule
 * (from the day of their last contact) would end on another day or not be kept at all, as the
 * marks list schedules them (close and secondary contacts).
 */
function scheduleDiff(
  marks: Map<number, ActiveMark[]>,
  a: Policy,
  b: Policy,
  q: (x: string) => string,
): PolicyDiff['schedules'] {
  const kinds = PLAN_KINDS.filter(
    (k) => JSON.stringify(a.params.quarantine[k]) !== JSON.stringify(b.params.quarantine[k]),
  );
  const persons: PolicyDiff['schedules']['persons'] = [];
  for (const [personId, list] of marks) {
    // A person marked twice of one kind is scheduled from the last contact: one line per person and kind.
    const last = new Map<'close-contact' | 'secondary-contact', ActiveMark>();
    for (const m of list) {
      if ((m.kind !== 'close-contact' && m.kind !== 'secondary-contact') || !kinds.includes(m.kind)) continue;
      if ((last.get(m.kind)?.since ?? -Infinity) < m.since) last.set(m.kind, m);
    }
    for (const [kind, m] of last) {
      const since = new Date(m.since + 8 * 3600_000).toISOString().slice(0, 10);
      const x = scheduleOf(kind, since, a);
      const y = scheduleOf(kind, since, b);
      if (JSON.stringify([x.phases, x.pcr]) !== JSON.stringify([y.phases, y.pcr]))
        persons.push({ personId, kind, since, inForceEndsOn: x.endsOn, draftEndsOn: y.endsOn });
    }
  }
  persons.sort((x, y) => x.personId - y.personId || x.kind.localeCompare(y.kind));
  return {
    changed: persons.length,
    href: `#/policy/diff?${q('')}`,
    byKind: kinds.map((kind) => ({
      kind,
      inForce: a.params.quarantine[kind],
      draft: b.params.quarantine[kind],
      persons: persons.filter((p) => p.kind === kind).length,
      href: `#/policy/diff?${q(`&plan=${kind}`)}`,
    })),
    persons: persons.slice(0, LIST_MAX),
  };
}

async function colourDiff(
  ctx: Ctx,
  read: Map<number, ColourInputs>,
  at: number,
  a: Policy,
  b: Policy,
  q: (x: string) => string,
) {
  const changed: Array<{ id: number; from: string; to: string; fromRule: string; toRule: string }> = [];
  for (const [id, inputs] of read) {
    const x = colourOf(inputs, at, { id: a.id, colours: a.params.colours });
    const y = colourOf(inputs, at, { id: b.id, colours: b.params.colours });
    if (x.colour !== y.colour)
      changed.push({ id, from: x.colour, to: y.colour, fromRule: x.policy.rule, toRule: y.policy.rule });
  }
  const communities = await communitiesOf(
    ctx.db,
    changed.map((c) => c.id),
  );
  const all: ColourChange[] = changed.map((c) => ({ ...c, districtCode: (communities.get(c.id) ?? '').slice(0, 6) }));
  const groups = new Map<string, PolicyDiff['colours']['byDistrict'][number]>();
  for (const c of changed) {
    const districtCode = (communities.get(c.id) ?? '').slice(0, 6);
    const key = [districtCode, c.from, c.to, c.fromRule, c.toRule].join('|');
    const g = groups.get(key) ?? {
      districtCode,
      from: c.from,
      to: c.to,
      fromRule: c.fromRule,
      toRule: c.toRule,
      count: 0,
      href: `#/policy/diff?${q(`&district=${districtCode}&rule=${encodeURIComponent(c.fromRule)}`)}`,
    };
    g.count++;
    groups.set(key, g);
  }
  const summary = {
    changed: changed.length,
    href: `#/policy/diff?${q('')}`,
    byDistrict: [...groups.values()].sort(
      (x, y) =>
        x.districtCode.localeCompare(y.districtCode) || y.count - x.count || x.fromRule.localeCompare(y.fromRule),
    ),
    persons: changed.slice(0, LIST_MAX).map((c) => ({
      personId: c.id,
      communityCode: communities.get(c.id) ?? '',
      from: c.from,
      to: c.to,
      fromRule: c.fromRule,
      toRule: c.toRule,
      href: `/api/v1/persons/${c.id}/colour?policy=${encodeURIComponent(b.id)}`,
    })),
  };
  return { summary, all };
}

async function venueDiff(ctx: Ctx, a: Policy, b: Policy, q: (x: string) => string) {
  const venues = await allVenues(ctx.db);
  const byCategory: PolicyDiff['venues']['byCategory'] = [];
  for (const [category, x] of Object.entries(a.params.entrance)) {
    const y = b.params.entrance[category as keyof typeof b.params.entrance];
    // Colours and levels are sets: the same ones in another order are the same rule.
    const same = (k: (typeof ENTRANCE_ASPECTS)[number]) =>
      JSON.stringify(Array.isArray(x[k]) ? [...x[k]].sort() : x[k]) ===
      JSON.stringify(Array.isArray(y[k]) ? [...y[k]].sort() : y[k]);
    const changes = ENTRANCE_ASPECTS.filter((k) => !same(k));
    if (!changes.length) continue;
    const side = (e: typeof x) => ({
      certificateHours: e.certificateHours,
      colours: e.colours,
      zoneLevels: e.zoneLevels,
    });
    byCategory.push({
      category,
      venues: venues.filter((v) => v.category === category).length,
      inForce: side(x),
      draft: side(y),
      changes,
      href: `#/venues?category=${category}&${q('')}`,
    });
  }
  return {
    changed: byCategory.reduce((n, c) => n + c.venues, 0),
    href: `#/venues?${q('')}`,
    byCategory,
  };
}
