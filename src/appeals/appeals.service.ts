import type { Insertable } from 'kysely';
import { nameOf } from '../geo/geo.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { StoredAppeal } from './appeals.repo.ts';
import { overdueReason, type Status, unitName } from './appeals.rules.ts';
import type { AppealEventRow } from './appeals.tables.ts';
import { accountOf } from './enterprises.repo.ts';

// What the appeal services share: who acts, how an appeal and a unit are shown, how a timeline
// event is written. Intake is in intake.service.ts, the workflow in workflow.service.ts (its verbs
// in workflow.rules.ts), the lists and lookups in queries.service.ts.

/** Who acts: a signed-in user, the public submitter (tracking number + phone digits), or the system. */
export type Who = Actor | 'public' | 'system' | 'cli';

/** How the timeline and the audit name who acted. */
export function whoLabel(w: Who): string {
  return w === 'public' ? 'public' : actorLabel(w);
}

/** A unit's display name, or null for no unit. */
export function unitLabel(u: string | null, lang: 'zh-CN' | 'en' = 'zh-CN'): string | null {
  return u ? unitName(u, nameOf, lang) : null;
}

/** An appeal as staff see it: contact masked, deadlines and whether it is overdue now. */
export function appealView(a: StoredAppeal, now: string, enterprise?: { name: string; creditCode: string } | null) {
  return {
    id: a.id,
    trackingNo: a.tracking_no,
    channel: a.channel,
    submitter: a.submitter,
    enterpriseId: a.enterprise_id,
    enterprise: enterprise ?? null,
    contactName: a.contact_name_mask,
    phone: a.phone_mask,
    districtCode: a.district_code,
    districtName: nameOf(a.district_code) ?? a.district_code,
    category: a.category,
    urgency: a.urgency,
    title: a.title,
    content: a.content,
    status: a.status,
    unit: a.unit,
    unitName: unitLabel(a.unit),
    receivedAt: a.received_at,
    signDueAt: a.sign_due_at,
    dueAt: a.due_at,
    dispatchedAt: a.dispatched_at,
    signedAt: a.signed_at,
    repliedAt: a.replied_at,
    closedAt: a.closed_at,
    reply: a.reply,
    rating: a.rating,
    reopenCount: a.reopen_count,
    repeatCount: a.repeat_count,
    mergedInto: a.merged_into,
    escalatedAt: a.escalated_at,
    escalationReason: a.escalation_reason,
    overdue: overdueReason(
      { status: a.status as Status, signedAt: a.signed_at, signDueAt: a.sign_due_at, dueAt: a.due_at },
      now,
    ),
  };
}
export type AppealView = ReturnType<typeof appealView>;

/** One event on an appeal's timeline. */
export function eventRow(
  appealId: number,
  at: string,
  action: string,
  actor: string,
  from: string | null,
  to: string | null,
  unit: string | null,
  note: string | null,
  isPublic: boolean,
): Insertable<AppealEventRow> {
  return {
    appeal_id: appealId,
    at,
    action,
    actor,
    from_status: from,
    to_status: to,
    unit,
    note,
    public: isPublic ? 1 : 0,
  };
}

/** The handling unit of a signed-in user, from the account links. */
export async function unitOf(ctx: Ctx, actor: Actor): Promise<string | null> {
  return (await accountOf(ctx.db.k, actor.username))?.unit ?? null;
}

/** Refuses an appeal outside the actor's area. */
export function assertInScope(actor: Actor, a: StoredAppeal): void {
  if (!scopeCoversDivision(actor.scope, a.district_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
}

/** Units the dispatcher can choose from. */
export function units(districts: string[]) {
  return [
    ...['industry', 'transport', 'commerce', 'health', 'market', 'hrss', 'postal'],
    ...districts.map((d) => `district:${d}`),
  ].map((u) => ({ code: u, name: { 'zh-CN': unitLabel(u), en: unitLabel(u, 'en') } }));
}
