import type { Infection } from '../cases/cases.service.ts';
import { colourFor, testsOf } from '../health-code/colour.service.ts';
import { type ColourState, freshColourState } from '../health-code/colour.state.ts';
import type { PersonMarks } from '../health-code/marks.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { actorLabel } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { restrictedResidentsAt } from '../zones/residents.service.ts';
import { EventErrors } from './events.errors.ts';
import {
  type CandidateSeat,
  candidateSeatsOf,
  maskedPersons,
  negativesOfEvent,
  roomsOf,
  type StoredRoom,
  type StoredSite,
  sitesOf,
  writePlan,
} from './events.repo.ts';
import { type Classification, classify, examParamsOf, planRooms } from './events.rules.ts';
import type { Classification as ClassificationAnswer, ClassifiedCandidate, RoomPlan } from './events.schema.ts';
import { allow, type EventActor, instantOf, loadEvent, prefixOf } from './events.service.ts';

/** Every candidate of an event judged at one instant, with the sites and rooms around them. */
export interface Judged {
  event: { id: number; code: string };
  at: number;
  policy: { id: string; name: string };
  sites: StoredSite[];
  rooms: StoredRoom[];
  items: Array<{ c: CandidateSeat; verdict: Classification }>;
}

/**
 * Judges every candidate of an event (inside the prefix) at an instant: their colour then (the
 * zones in force at that instant, cases, marks and overrides), their latest negative not after it,
 * under the policy version in force on that Beijing day and its exam parameters.
 */
export async function judge(ctx: Ctx, code: string, at: number, prefix = ''): Promise<Judged> {
  const event = await loadEvent(ctx, code);
  const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
  const policy = policyOn(await listPolicies(ctx), day);
  const params = examParamsOf(policy);
  const sites = await sitesOf(ctx.db, event.id);
  const inScope = new Set(sites.filter((s) => s.district_code.startsWith(prefix)).map((s) => s.id));
  const all = await candidateSeatsOf(ctx.db, event.id);
  const candidates = inScope.size === sites.length ? all : all.filter((c) => inScope.has(c.site_id));
  const state = await freshColourState(ctx);
  const { residents } = await restrictedResidentsAt(ctx, at);
  const then = { ...state, zones: residents, ...recordsAt(state, at) };
  // The latest negative decides only the certificate (when the version asks for one) and a marked
  // person's colour: without a certificate, only the marked candidates' negatives are read.
  const marked = params.certificateHours === null ? candidates.filter((c) => then.marks.has(c.person_id)) : null;
  const negatives = await negativesOfEvent(
    ctx.db,
    event.id,
    new Date(at).toISOString(),
    marked?.map((c) => c.person_id),
  );
  // A plain loop with no closure made per candidate (see events.rules.ts decide).
  const items: Judged['items'] = new Array(candidates.length);
  for (let n = 0; n < candidates.length; n++) {
    const c = candidates[n] as CandidateSeat;
    const t = testsOf(state, c.person_id);
    const lastNegativeAt = negatives.get(c.person_id) ?? null;
    const colour = colourFor(
      then,
      c.person_id,
      {
        positivePoolAt: t.positivePoolAt !== null && t.positivePoolAt <= at ? t.positivePoolAt : null,
        positiveAt: t.positiveAt !== null && t.positiveAt <= at ? t.positiveAt : null,
        lastNegativeSampledAt: lastNegativeAt,
      },
      at,
    );
    const verdict = classify(
      { colour, zone: residents.get(c.person_id) ?? null, lastNegativeAt },
      params,
      policy.id,
      at,
    );
    items[n] = { c, verdict };
  }
  return {
    event: { id: event.id, code: event.code },
    at,
    policy: { id: policy.id, name: policy.name },
    sites,
    rooms: await roomsOf(ctx.db, event.id),
    items,
  };
}

/**
 * The colour state's records as they stood at an instant: cases not yet reported are left out and
 * later discharges or releases not yet counted; marks that began later are left out. The state
 * holds today's records, and an exam is judged on its own morning.
 */
function recordsAt(state: ColourState, at: number): Pick<ColourState, 'infections' | 'marks'> {
  const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
  const upTo = (d: string | null) => (d !== null && d <= day ? d : null);
  const infections = new Map<number, Infection>();
  for (const [id, i] of state.infections)
    if (i.reportedOn <= day)
      infections.set(id, {
        ...i,
        dischargedOn: upTo(i.dischargedOn),
        releasedOn: upTo(i.releasedOn),
        diedOn: upTo(i.diedOn),
      });
  const marks = new Map<number, PersonMarks>();
  for (const [id, p] of state.marks) {
    const kept = p.marks.filter((m) => m.since <= at);
    if (kept.length) marks.set(id, { ...p, marks: kept });
  }
  return { infections, marks };
}

function countsOf(items: Judged['items']) {
  const counts = { regular: 0, special: 0, barred: 0 };
  for (const i of items) counts[i.verdict.class]++;
  return counts;
}

/** The classification answer: counts by class and reason, and a page of candidates (masked). */
export async function classification(
  ctx: Ctx,
  actor: EventActor,
  code: string,
  q: { at?: string; class?: 'regular' | 'special' | 'barred'; page?: number; pageSize?: number },
): Promise<ClassificationAnswer> {
  allow(actor, 'events:read');
  const j = await judge(ctx, code, instantOf(q.at), prefixOf(actor));
  const byReason = new Map<string, number>();
  for (const i of j.items) byReason.set(i.verdict.reason, (byReason.get(i.verdict.reason) ?? 0) + 1);
  const listed = j.items
    .filter((i) => !q.class || i.verdict.class === q.class)
    // Code-unit order: localeCompare over a province's 700,000 numbers takes seconds.
    .sort((a, b) => (a.c.candidate_no < b.c.candidate_no ? -1 : a.c.candidate_no > b.c.candidate_no ? 1 : 0));
  const size = q.pageSize ?? 200;
  const page = listed.slice(((q.page ?? 1) - 1) * size, (q.page ?? 1) * size);
  const persons = await maskedPersons(
    ctx.db,
    page.map((i) => i.c.person_id),
  );
  const site = new Map(j.sites.map((s) => [s.id, s]));
  const room = new Map(j.rooms.map((r) => [r.id, r]));
  return {
    event: j.event.code,
    at: new Date(j.at).toISOString(),
    policy: j.policy,
    counts: countsOf(j.items),
    byReason: [...byReason].map(([reason, n]) => ({ reason, n }) as ClassificationAnswer['byReason'][number]),
    total: listed.length,
    items: page.map(({ c, verdict }): ClassifiedCandidate => {
      const p = persons.get(c.person_id);
      const s = site.get(c.site_id);
      return {
        candidateNo: c.candidate_no,
        idNumberMasked: p?.idMasked ?? '',
        nameMasked: p?.nameMasked ?? '',
        districtCode: s?.district_code ?? '',
        siteCode: s?.venue_code ?? '',
        roomNo: room.get(c.room_id)?.room_no ?? '',
        shuttle: !!c.shuttle,
        class: verdict.class,
        reason: verdict.reason,
        rule: verdict.rule,
        text: verdict.text,
      };
    }),
  };
}

/**
 * The room plan at an instant: special candidates into isolation rooms (own site, then the nearest
 * in the district), barred ones out of their rooms. When isolation seats run out it refuses with
 * every unplaced candidate and changes nothing; otherwise (unless a dry run) the plan replaces the
 * previous one in one transaction, audited.
 */
export async function planEvent(
  ctx: Ctx,
  actor: EventActor,
  code: string,
  q: { at?: string; dryRun?: boolean },
): Promise<RoomPlan> {
  allow(actor, 'events:write');
  const j = await judge(ctx, code, instantOf(q.at));
  const plan = planRooms(
    j.sites.map((s) => ({ id: s.id, code: s.venue_code, district: s.district_code, lng: s.lng, lat: s.lat })),
    j.rooms.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      no: r.room_no,
      capacity: r.capacity,
      isolation: !!r.isolation,
    })),
    j.items.map(({ c, verdict }) => ({
      id: c.id,
      no: c.candidate_no,
      siteId: c.site_id,
      roomId: c.room_id,
      class: verdict.class,
    })),
  );
  const site = new Map(j.sites.map((s) => [s.id, s]));
  const room = new Map(j.rooms.map((r) => [r.id, r]));
  const seat = (roomId: number) => {
    const r = room.get(roomId) as StoredRoom;
    return { siteCode: site.get(r.site_id)?.venue_code ?? '', roomNo: r.room_no };
  };
  // Only the moved candidates are looked up again: a map of the province's 700,000 is not needed.
  const byId = new Map<number, Judged['items'][number] | undefined>(plan.moves.map((m) => [m.candidateId, undefined]));
  for (const i of j.items) if (byId.has(i.c.id)) byId.set(i.c.id, i);
  if (plan.unplaced.length)
    throw new AppError(
      EventErrors.EXAM_PLAN_UNPLACED,
      { count: plan.unplaced.length },
      { unplaced: plan.unplaced.map((u) => ({ candidateNo: u.no, ...seat(u.roomId) })) },
    );
  const moves = plan.moves.map((m) => {
    const i = byId.get(m.candidateId) as Judged['items'][number];
    return {
      candidateNo: i.c.candidate_no,
      from: seat(m.fromRoom),
      to: m.toRoom === null ? null : seat(m.toRoom),
      why: m.why,
      reason: i.verdict.text,
    };
  });
  const dryRun = !!q.dryRun;
  if (!dryRun)
    await ctx.db.k.transaction().execute(async (trx) => {
      const written = await writePlan(trx, j.event.id, plan.moves);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'exam-room-plan',
        entity: 'event',
        entityId: j.event.code,
        detail: { at: new Date(j.at).toISOString(), policy: j.policy.id, moves: plan.moves.length, written },
      });
    });
  return {
    event: j.event.code,
    at: new Date(j.at).toISOString(),
    policy: j.policy,
    dryRun,
    counts: countsOf(j.items),
    moved: moves.filter((m) => m.to).length,
    movedNearby: moves.filter((m) => m.why === 'isolation-nearby').length,
    moves,
  };
}
