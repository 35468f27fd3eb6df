import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { beijingToday, nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { DoorRule } from '../platform/module.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { statusIndex } from '../testing/testing.status.ts';
import { allVenues, type StoredVenue } from '../venues/venues.repo.ts';
import { type Category, entranceRuleOf } from '../venues/venues.rules.ts';
import { ownVenues, venueInScope, venueVisible } from '../venues/venues.service.ts';
import { maskedPersons } from './events.repo.ts';
import { ExitErrors } from './exit.errors.ts';
import {
  decideLeave,
  insertLeave,
  leaveById,
  leavesOf,
  negativesBefore,
  type StoredLeave,
  setShiftOut,
  shiftsOf,
  shiftsOfPerson,
  staffOf,
} from './institutions.repo.ts';
import { covers, missingTest, standingOf } from './institutions.rules.ts';
import type {
  InstitutionDay,
  InstitutionList,
  InstitutionRoster,
  Leave,
  LeaveDecision,
  LeaveInput,
} from './institutions.schema.ts';

const OUTSIDER = 'venue-closed-loop';

/**
 * A closed-loop institution admits nobody from outside (the venue rule's `venue-closed-loop`), but
 * its staff on shift enter on the policy's colour and certificate rule like anyone; a staff member
 * rotated out is refused as such. One indexed lookup, at closed-loop venues only.
 */
export const loopDoor: DoorRule = {
  id: 'events.closed-loop',
  applies: (venue) => venue.status === 'closed-loop',
  async verdict(ctx, c, v) {
    if (!v.reasons.some((r) => r.code === OUTSIDER)) return v;
    const standing = standingOf(await shiftsOfPerson(ctx.db, c.venue.id, c.personId), c.day);
    if (standing === 'outsider') return v;
    const others = v.reasons.filter((r) => r.code !== OUTSIDER);
    const reasons =
      standing === 'on-shift'
        ? others
        : [
            {
              code: 'loop-off-shift',
              'zh-CN': '闭环人员不在本轮班次内，须经审批方可进入',
              en: 'closed-loop staff member not on shift',
            },
            ...others,
          ];
    return { verdict: reasons.length ? 'deny' : 'allow', reasons };
  },
};

type LoopActor = Actor | 'system' | 'cli';

/** The instant a day's tests are checked at: its end, or now for today. */
function checkInstant(day: string): number {
  return Math.min(nowMs(), Date.parse(`${day}T23:59:59+08:00`));
}

async function institutionsFor(ctx: Ctx, actor: LoopActor): Promise<StoredVenue[]> {
  const all = (await allVenues(ctx.db)).filter((v) => v.status === 'closed-loop');
  if (typeof actor === 'string') return all;
  const own = await ownVenues(ctx, actor);
  return all.filter((v) => venueVisible(actor, own, v));
}

async function daysOf(ctx: Ctx, venues: StoredVenue[], day: string) {
  const ids = venues.map((v) => v.id);
  const [staff, shifts, leaves] = await Promise.all([
    staffOf(ctx.db, ids),
    shiftsOf(ctx.db, ids),
    leavesOf(ctx.db, ids),
  ]);
  const policy = policyOn(await listPolicies(ctx), day);
  const at = checkInstant(day);
  const onShift = new Set(shifts.filter((s) => covers(s, day)).map((s) => `${s.venue_id}/${s.person_id}`));
  const persons = [...new Set(staff.map((s) => s.person_id))];
  const negatives = await negativesBefore(ctx.db, persons, new Date(at).toISOString());
  // The status index holds the latest negative of each person (from samples or results recorded
  // otherwise); it counts when not after the instant checked.
  const idx = await statusIndex(ctx.db);
  for (const id of persons) {
    const latest = idx.get(id).lastNegativeSampledAt;
    if (latest !== null && latest <= at && latest > (negatives.get(id) ?? 0)) negatives.set(id, latest);
  }
  return { staff, shifts, leaves, policy, at, onShift, negatives };
}

/** The closed-loop institutions in the caller's area with the day's roster check. */
export async function institutions(ctx: Ctx, actor: LoopActor, date?: string): Promise<InstitutionList> {
  if (typeof actor !== 'string') requirePermission(actor, 'venues:read');
  const day = date ?? beijingToday();
  const venues = await institutionsFor(ctx, actor);
  const d = await daysOf(ctx, venues, day);
  const items: InstitutionDay[] = venues.map((v) => {
    const hours = entranceRuleOf(d.policy.params, v.category as Category).check.certificateHours;
    const mine = d.staff.filter((s) => s.venue_id === v.id);
    const inside = mine.filter((s) => d.onShift.has(`${v.id}/${s.person_id}`));
    return {
      code: v.code,
      name: v.name,
      category: v.category,
      districtCode: v.district_code,
      staff: mine.length,
      onShift: inside.length,
      missingTest: inside.filter((s) => missingTest(d.negatives.get(s.person_id) ?? null, d.at, hours)).length,
      pendingLeaves: d.leaves.filter((l) => l.venue_id === v.id && l.status === 'pending').length,
    };
  });
  return {
    date: day,
    items,
    totals: {
      institutions: items.length,
      onShift: items.reduce((a, i) => a + i.onShift, 0),
      missingTest: items.reduce((a, i) => a + i.missingTest, 0),
    },
  };
}

async function leavesOut(ctx: Ctx, leaves: StoredLeave[]): Promise<Leave[]> {
  const persons = await maskedPersons(ctx.db, [...new Set(leaves.map((l) => l.person_id))]);
  return leaves.map((l) => ({
    id: l.id,
    personId: l.person_id,
    nameMasked: persons.get(l.person_id)?.nameMasked ?? '',
    leaveDate: l.leave_date,
    reason: l.reason,
    status: l.status as Leave['status'],
    requestedBy: l.requested_by,
    requestedAt: l.requested_at,
    decidedBy: l.decided_by,
    decidedAt: l.decided_at,
    note: l.note,
  }));
}

async function institutionOf(ctx: Ctx, actor: LoopActor, code: string): Promise<StoredVenue> {
  const v =
    typeof actor === 'string'
      ? (await allVenues(ctx.db)).find((x) => x.code === code)
      : await venueInScope(ctx, actor, code);
  if (v?.status !== 'closed-loop') throw new AppError(ExitErrors.LOOP_NOT_INSTITUTION, { code });
  return v;
}

/** One institution's roster checked against the day's tests: who is on shift, who lacks a test (masked). */
export async function institutionRoster(
  ctx: Ctx,
  actor: LoopActor,
  code: string,
  date?: string,
): Promise<InstitutionRoster> {
  if (typeof actor !== 'string') requirePermission(actor, 'venues:read');
  const day = date ?? beijingToday();
  const v = await institutionOf(ctx, actor, code);
  const d = await daysOf(ctx, [v], day);
  const hours = entranceRuleOf(d.policy.params, v.category as Category).check.certificateHours;
  const persons = await maskedPersons(
    ctx.db,
    d.staff.map((s) => s.person_id),
  );
  const members = d.staff.map((s) => {
    const shifts = d.shifts.filter((x) => x.person_id === s.person_id);
    const standing = standingOf(shifts, day);
    const last = d.negatives.get(s.person_id) ?? null;
    return {
      personId: s.person_id,
      nameMasked: persons.get(s.person_id)?.nameMasked ?? '',
      idNumberMasked: persons.get(s.person_id)?.idMasked ?? '',
      role: s.role,
      standing,
      shifts: shifts.map((x) => ({ in: x.in_date, out: x.out_date })),
      lastNegativeSampledAt: last === null ? null : new Date(last).toISOString(),
      missingTest: standing === 'on-shift' && missingTest(last, d.at, hours),
    };
  });
  // Who lacks a test first: that is what the institution acts on today.
  members.sort((a, b) => Number(b.missingTest) - Number(a.missingTest) || a.standing.localeCompare(b.standing));
  const inside = members.filter((m) => m.standing === 'on-shift');
  return {
    code: v.code,
    name: v.name,
    category: v.category,
    districtCode: v.district_code,
    staff: members.length,
    onShift: inside.length,
    missingTest: inside.filter((m) => m.missingTest).length,
    pendingLeaves: d.leaves.filter((l) => l.status === 'pending').length,
    date: day,
    certificateHours: hours,
    policyId: d.policy.id,
    checkedAt: new Date(d.at).toISOString(),
    members,
    leaves: await leavesOut(ctx, d.leaves),
  };
}

/** Asks the district to let a staff member leave the loop on a day; audited. */
export async function requestLeave(ctx: Ctx, actor: LoopActor, code: string, input: LeaveInput): Promise<Leave> {
  if (typeof actor !== 'string') requirePermission(actor, 'venues:read');
  const v = await institutionOf(ctx, actor, code);
  if (!(await staffOf(ctx.db, [v.id])).some((s) => s.person_id === input.personId))
    throw new AppError(ExitErrors.LOOP_STAFF_UNKNOWN, { code });
  const id = await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertLeave(trx, {
      venue_id: v.id,
      person_id: input.personId,
      leave_date: input.leaveDate,
      reason: input.reason,
      status: 'pending',
      requested_by: actorLabel(actor),
      requested_at: nowIso(),
      decided_by: null,
      decided_at: null,
      note: null,
    });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'loop-leave-requested',
      entity: 'venue',
      entityId: v.code,
      detail: { leave: id, personId: input.personId, leaveDate: input.leaveDate, reason: input.reason },
    });
    return id;
  });
  return (await leavesOut(ctx, [(await leaveById(ctx.db, id)) as StoredLeave]))[0] as Leave;
}

/**
 * The district's decision on a leave: only a district officer whose area holds the institution,
 * never the requester. An approval ends the staff member's rotation on the leave date; audited.
 */
export async function decideLoopLeave(ctx: Ctx, actor: Actor, id: number, input: LeaveDecision): Promise<Leave> {
  requirePermission(actor, 'venues:write');
  const leave = await leaveById(ctx.db, id);
  if (!leave) throw new AppError(ExitErrors.LOOP_LEAVE_UNKNOWN, { id });
  const v = (await allVenues(ctx.db)).find((x) => x.id === leave.venue_id) as StoredVenue;
  if (!scopeCoversDivision(actor.scope, v.community_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  if (actor.role !== 'district-officer' || leave.requested_by === actorLabel(actor))
    throw new AppError(ExitErrors.LOOP_LEAVE_APPROVER);
  if (leave.status !== 'pending') throw new AppError(ExitErrors.LOOP_LEAVE_DECIDED, { id, status: leave.status });
  const status = input.approve ? 'approved' : 'rejected';
  await ctx.db.k.transaction().execute(async (trx) => {
    const ok = await decideLeave(trx, id, {
      status,
      decided_by: actorLabel(actor),
      decided_at: nowIso(),
      note: input.note || null,
    });
    if (!ok) throw new AppError(ExitErrors.LOOP_LEAVE_DECIDED, { id, status: 'decided' });
    let shift: number | null = null;
    if (input.approve) {
      const s = (await shiftsOfPerson(trx, v.id, leave.person_id)).find((x) => covers(x, leave.leave_date));
      if (s) {
        await setShiftOut(trx, s.id, leave.leave_date);
        shift = s.id;
      }
    }
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: `loop-leave-${status}`,
      entity: 'venue',
      entityId: v.code,
      detail: {
        leave: id,
        personId: leave.person_id,
        leaveDate: leave.leave_date,
        shiftEnded: shift,
        note: input.note ?? null,
      },
    });
  });
  return (await leavesOut(ctx, [(await leaveById(ctx.db, id)) as StoredLeave]))[0] as Leave;
}
