import { divisionOf } from '../geo/geo.data.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { ackAlert, alertById, listAlerts, type StoredAlert } from './alerts.repo.ts';
import { TestingErrors } from './testing.errors.ts';
import { listCampaigns } from './testing.repo.ts';

function alertView(a: StoredAlert, campaigns: Map<number, string>) {
  return {
    id: a.id,
    kind: a.kind,
    districtCode: a.district_code,
    districtName: divisionOf(a.district_code)?.name ?? a.district_code,
    campaign: a.campaign_id === null ? null : (campaigns.get(a.campaign_id) ?? null),
    tubeCode: a.tube_code,
    createdAt: a.created_at,
    acknowledgedBy: a.acknowledged_by,
    acknowledgedAt: a.acknowledged_at,
  };
}

/**
 * Positive-tube alerts of the actor's district (the command centre sees every district), newest
 * first, as they stood at the business clock: none raised after it, and an acknowledgement after
 * it not yet made (a demo's records run past its clock).
 */
export async function alerts(ctx: Ctx, actor: Actor, q: { open?: boolean; district?: string }, asOf = nowIso()) {
  requirePermission(actor, 'testing:read');
  if (q.district && !scopeCoversDivision(actor.scope, q.district)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const district = actor.scope.kind === 'city' ? q.district : actor.scope.code.slice(0, 6);
  const names = new Map((await listCampaigns(ctx.db)).map((c) => [c.id, c.code]));
  // A street or zone user belongs to a district's response: they see that district's alerts.
  return (await listAlerts(ctx.db, { district, open: q.open, asOf })).map((a) =>
    alertView(
      a.acknowledged_at !== null && a.acknowledged_at > asOf
        ? { ...a, acknowledged_at: null, acknowledged_by: null }
        : a,
      names,
    ),
  );
}

/** Someone in the district takes the alert on; audited, and only once. */
export async function acknowledgeAlert(ctx: Ctx, actor: Actor, id: number, at = nowIso()) {
  requirePermission(actor, 'testing:alerts');
  const a = await alertById(ctx.db, id);
  if (!a) throw new AppError(TestingErrors.ALERT_NOT_FOUND, { id });
  if (actor.scope.kind !== 'city' && actor.scope.code.slice(0, 6) !== a.district_code)
    throw new AppError(AuthErrors.OUT_OF_SCOPE);
  if (a.acknowledged_at) throw new AppError(TestingErrors.ALERT_ACKED, { id, by: a.acknowledged_by });
  const by = actorLabel(actor);
  const ok = await ctx.db.k.transaction().execute(async (trx) => {
    if (!(await ackAlert(trx, id, by, at))) return false;
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: by,
      action: 'testing-alert-acknowledged',
      entity: 'testing-alert',
      entityId: id,
      detail: { kind: a.kind, district: a.district_code, tube: a.tube_code },
    });
    return true;
  });
  if (!ok) {
    const now = await alertById(ctx.db, id);
    throw new AppError(TestingErrors.ALERT_ACKED, { id, by: now?.acknowledged_by ?? '' });
  }
  const names = new Map((await listCampaigns(ctx.db)).map((c) => [c.id, c.code]));
  return alertView({ ...a, acknowledged_by: by, acknowledged_at: at }, names);
}
