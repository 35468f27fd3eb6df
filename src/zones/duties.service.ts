import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { closeDutyRow, dutiesOf, dutyById, insertDuties, overdueDuties, type StoredDuty } from './duties.repo.ts';
import { ZoneErrors } from './zones.errors.ts';
import { zoneByCode } from './zones.repo.ts';
import type { DutyInput } from './zones.schema.ts';
import { assertZoneInScope, zoneArea, zoneInForceAt } from './zones.service.ts';

/** A duty as the API serves it; overdue is judged at `now`. */
export function dutyView(d: StoredDuty, now: string) {
  return {
    id: d.id,
    zoneCode: d.zone_code,
    kind: d.kind as DutyInput['kind'],
    title: d.title,
    owner: d.owner,
    dueAt: d.due_at,
    closedAt: d.closed_at,
    closingNote: d.closing_note,
    overdue: !d.closed_at && d.due_at < now,
  };
}

async function zoneFor(ctx: Ctx, actor: Actor, code: string) {
  const zone = await zoneByCode(ctx.db, code);
  if (!zone) throw new AppError(ZoneErrors.ZONE_NOT_FOUND, { code });
  assertZoneInScope(actor, zone);
  return zone;
}

/** A zone's duties. */
export async function listDuties(ctx: Ctx, actor: Actor, code: string, now = nowIso()) {
  requirePermission(actor, 'zones:read');
  const zone = await zoneFor(ctx, actor, code);
  return (await dutiesOf(ctx.db, zone.id)).map((d) => dutyView(d, now));
}

/** Adds a tracked duty (screening round, garbage transfer, supplies, a resident's request). */
export async function addDuty(ctx: Ctx, actor: Actor, code: string, input: DutyInput) {
  requirePermission(actor, 'zones:write');
  const zone = await zoneFor(ctx, actor, code);
  if (!(await zoneInForceAt(ctx, zone))) throw new AppError(ZoneErrors.ZONE_NOT_ACTIVE, { code });
  const now = nowIso();
  const row = {
    zone_id: zone.id,
    kind: input.kind,
    title: input.title,
    owner: input.owner,
    due_at: new Date(input.dueAt).toISOString(),
    closed_at: null,
    closing_note: null,
    created_at: now,
  };
  const [id] = await ctx.db.k.transaction().execute(async (trx) => {
    const ids = await insertDuties(trx, [row]);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'duty-added',
      entity: 'zone',
      entityId: code,
      detail: { duty: ids[0], kind: input.kind },
    });
    return ids;
  });
  return dutyView({ ...row, id: id as number, zone_code: code }, now);
}

/** Closes a duty with its closing record. */
export async function closeDuty(ctx: Ctx, actor: Actor, id: number, note: string) {
  requirePermission(actor, 'zones:write');
  const duty = await dutyById(ctx.db, id);
  if (!duty) throw new AppError(ZoneErrors.DUTY_NOT_FOUND, { id });
  await zoneFor(ctx, actor, duty.zone_code);
  if (duty.closed_at) throw new AppError(ZoneErrors.DUTY_CLOSED, { id });
  const now = nowIso();
  await ctx.db.k.transaction().execute(async (trx) => {
    await closeDutyRow(trx, id, now, note);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'duty-closed',
      entity: 'zone',
      entityId: duty.zone_code,
      detail: { duty: id },
    });
  });
  return dutyView({ ...duty, closed_at: now, closing_note: note }, now);
}

/** Every overdue duty in the actor's area. */
export async function listOverdue(ctx: Ctx, actor: Actor, district?: string, now = nowIso()) {
  const area = zoneArea(actor, 'zones:read', district);
  return (await overdueDuties(ctx.db, now, area)).map((d) => dutyView(d, now));
}
