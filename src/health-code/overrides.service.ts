import { divisionOf } from '../geo/geo.data.ts';
import { findPerson } from '../people/people.repo.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, defineErrors } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import type { Colour } from './health-code.rules.ts';
import {
  insertOverride,
  overrideById,
  overridesByStatus,
  overridesOf,
  type StoredOverride,
  setOverrideStatus,
} from './overrides.repo.ts';

export const OverrideErrors = defineErrors({
  OVERRIDE_NOT_FOUND: { status: 404, 'zh-CN': '人工赋码申请 {id} 不存在', en: 'No override request {id}' },
  OVERRIDE_SAME_PERSON: {
    status: 409,
    'zh-CN': '人工赋码须由申请人以外的另一人批准',
    en: 'A manual colour must be approved by someone other than the person who requested it',
  },
  OVERRIDE_NOT_PENDING: {
    status: 409,
    'zh-CN': '该申请当前状态为{status}，不能批准',
    en: 'This request is {status} and cannot be approved',
  },
  OVERRIDE_PERSON_UNKNOWN: { status: 404, 'zh-CN': '人员 {id} 不存在', en: 'No person {id}' },
  OVERRIDE_NOT_REVOCABLE: {
    status: 409,
    'zh-CN': '该申请当前状态为{status}，不能撤销',
    en: 'This override is {status} and cannot be revoked',
  },
});

/** An override as served to staff and shown to the person; an approval past its expiry reads `expired`. */
export function overrideView(o: StoredOverride, now = nowMs()) {
  const expired = o.status === 'approved' && Date.parse(o.expires_at) <= now;
  return {
    id: o.id,
    personId: o.person_id,
    colour: o.colour,
    reason: o.reason,
    requestedBy: o.requested_by.split(':')[2] ?? o.requested_by,
    requestedAt: o.requested_at,
    approvedBy: o.approved_by?.split(':')[2] ?? o.approved_by,
    approvedAt: o.approved_at,
    expiresAt: o.expires_at,
    status: expired ? 'expired' : o.status,
    revokedBy: o.revoked_by?.split(':')[2] ?? o.revoked_by,
    revokedAt: o.revoked_at,
    revokeReason: o.revoke_reason,
  };
}

/** The person, if they exist and lie within the actor's area. */
export async function personInScope(ctx: Ctx, actor: Actor, personId: number) {
  const p = await findPerson(ctx.db, personId);
  if (!p) throw new AppError(OverrideErrors.OVERRIDE_PERSON_UNKNOWN, { id: personId });
  if (!scopeCoversDivision(actor.scope, p.community_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  return p;
}

/**
 * Requests a colour that no rule produced. It has no effect until a second person approves it,
 * it always carries a reason and an expiry, and both steps go to the audit chain — the safeguard
 * against codes turned red by hand to stop people travelling (Henan, June 2022).
 */
export async function requestOverride(
  ctx: Ctx,
  actor: Actor,
  input: { personId: number; colour: Colour; reason: string; hours: number },
) {
  requirePermission(actor, 'colour:override');
  await personInScope(ctx, actor, input.personId);
  const now = new Date(nowMs());
  const row = {
    person_id: input.personId,
    colour: input.colour,
    reason: input.reason,
    requested_by: actorLabel(actor),
    requested_at: now.toISOString(),
    approved_by: null,
    approved_at: null,
    expires_at: new Date(now.getTime() + input.hours * 3600_000).toISOString(),
    status: 'pending',
    revoked_by: null,
    revoked_at: null,
    revoke_reason: null,
  };
  const id = await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertOverride(trx, row);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: row.requested_by,
      action: 'colour-override-requested',
      entity: 'person',
      entityId: input.personId,
      detail: { override: id, colour: input.colour, reason: input.reason, expiresAt: row.expires_at },
    });
    return id;
  });
  return overrideView({ ...row, id });
}

/** A second person approves (or rejects) a pending request; audited either way. */
export async function decideOverride(ctx: Ctx, actor: Actor, id: number, approve: boolean) {
  requirePermission(actor, 'colour:override');
  const o = await overrideById(ctx.db, id);
  if (!o) throw new AppError(OverrideErrors.OVERRIDE_NOT_FOUND, { id });
  await personInScope(ctx, actor, o.person_id);
  if (o.status !== 'pending') throw new AppError(OverrideErrors.OVERRIDE_NOT_PENDING, { status: o.status });
  const me = actorLabel(actor);
  if (me === o.requested_by) throw new AppError(OverrideErrors.OVERRIDE_SAME_PERSON);
  const at = nowIso();
  const status = approve ? 'approved' : 'rejected';
  await ctx.db.k.transaction().execute(async (trx) => {
    await setOverrideStatus(trx, id, { status, approved_by: me, approved_at: at });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: me,
      action: `colour-override-${status}`,
      entity: 'person',
      entityId: o.person_id,
      detail: { override: id, colour: o.colour },
    });
  });
  announce('overrides-changed');
  return overrideView({ ...o, status, approved_by: me, approved_at: at });
}

/** A person's overrides, for staff with the right to override. */
export async function listOverrides(ctx: Ctx, actor: Actor, personId: number) {
  requirePermission(actor, 'colour:override');
  await personInScope(ctx, actor, personId);
  return (await overridesOf(ctx.db, personId)).map(overrideView);
}

/**
 * Ends a manual colour before its expiry (a request still pending is withdrawn the same way): one
 * person may do it, since it only returns the person to the rules' colour; it needs a reason, and is audited.
 */
export async function revokeOverride(ctx: Ctx, actor: Actor, id: number, reason: string) {
  requirePermission(actor, 'colour:override');
  const o = await overrideById(ctx.db, id);
  if (!o) throw new AppError(OverrideErrors.OVERRIDE_NOT_FOUND, { id });
  await personInScope(ctx, actor, o.person_id);
  const status = overrideView(o).status;
  if (status !== 'pending' && status !== 'approved')
    throw new AppError(OverrideErrors.OVERRIDE_NOT_REVOCABLE, { status });
  const me = actorLabel(actor);
  const at = nowIso();
  await ctx.db.k.transaction().execute(async (trx) => {
    await setOverrideStatus(trx, id, { status: 'revoked', revoked_by: me, revoked_at: at, revoke_reason: reason });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: me,
      action: 'colour-override-revoked',
      entity: 'person',
      entityId: o.person_id,
      detail: { override: id, colour: o.colour, was: status, reason },
    });
  });
  announce('overrides-changed');
  return overrideView({ ...o, status: 'revoked', revoked_by: me, revoked_at: at, revoke_reason: reason });
}

/** The overrides of one state in the actor's area, newest first, with the person masked. */
export async function overridesInArea(
  ctx: Ctx,
  actor: Actor,
  q: { status: 'pending' | 'approved' | 'expired' | 'rejected' | 'revoked'; limit: number },
) {
  requirePermission(actor, 'colour:override');
  const prefix = scopePrefix(actor.scope);
  if (prefix === null) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const now = nowMs();
  const rows = await overridesByStatus(ctx.db, { ...q, prefix, now: new Date(now).toISOString() });
  return rows.map((r) => ({
    ...overrideView(r, now),
    person: {
      idNumberMasked: r.id_masked,
      nameMasked: r.name_masked,
      communityName: divisionOf(r.community_code)?.name ?? r.community_code,
    },
  }));
}
