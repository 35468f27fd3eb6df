import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays, dayOf } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { assertOutletVisible, courierRulesOn, outletFilterOf, writeFilterOf } from './courier.access.ts';
import { CourierErrors } from './courier.errors.ts';
import { type DisinfectionKind, firmCodeOf, releasableAt } from './courier.rules.ts';
import type { Batch } from './courier.schema.ts';
import {
  listBatches as batchRows,
  listDisinfections as disinfectionRows,
  findBatch,
  insertBatches,
  insertDisinfections,
  updateBatch,
} from './operations.repo.ts';
import { outletsByCode } from './registry.repo.ts';

const SKEW_MS = 5 * 60_000;

/** An instant from a request (ISO; without an offset it is Beijing time), never in the future. */
export function instantOf(raw: string | undefined): string {
  if (!raw) return nowIso();
  const s = raw.trim().replace(' ', 'T');
  const t = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}+08:00`);
  if (Number.isNaN(t)) throw new AppError(CourierErrors.COURIER_TIME_INVALID, { value: raw });
  if (t > nowMs() + SKEW_MS) throw new AppError(CourierErrors.COURIER_TIME_FUTURE, { value: raw });
  return new Date(t).toISOString();
}

/** Beijing wall time of an instant, as messages show it. */
export function beijing(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function firmOrThrow(raw: string): string {
  const f = firmCodeOf(raw);
  if (!f) throw new AppError(CourierErrors.COURIER_FIRM_UNKNOWN, { value: raw });
  return f;
}

/** A batch as served: its state now and when it becomes releasable under the policy's hours. */
function toBatch(
  r: {
    batch_no: string;
    firm_code: string;
    origin: string;
    parcels: number;
    arrived_at: string;
    disinfected_at: string | null;
    released_at: string | null;
  },
  hours: number,
  now: number,
): Batch {
  const at = releasableAt(r.disinfected_at, hours);
  const state = r.released_at ? 'released' : !at ? 'awaiting-disinfection' : Date.parse(at) <= now ? 'due' : 'held';
  return {
    batchNo: r.batch_no,
    firm: r.firm_code,
    origin: r.origin,
    parcels: Number(r.parcels),
    arrivedAt: r.arrived_at,
    disinfectedAt: r.disinfected_at,
    releasableAt: at,
    releasedAt: r.released_at,
    state,
  };
}

/** Registers an international parcel batch on arrival; it is held until disinfected and the hours pass. */
export async function registerBatch(
  ctx: Ctx,
  actor: Actor,
  b: { batchNo: string; firm: string; origin: string; parcels: number; arrivedAt?: string },
): Promise<Batch> {
  requirePermission(actor, 'courier:write');
  const firm = firmOrThrow(b.firm);
  const arrivedAt = instantOf(b.arrivedAt);
  if (await findBatch(ctx.db, b.batchNo))
    throw new AppError(CourierErrors.COURIER_BATCH_EXISTS, { batchNo: b.batchNo });
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertBatches(trx, [
      {
        batch_no: b.batchNo,
        firm_code: firm,
        origin: b.origin,
        parcels: b.parcels,
        arrived_at: arrivedAt,
        disinfected_at: null,
        released_at: null,
        released_by: null,
      },
    ]);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'courier-batch-registered',
      entity: 'courier-batch',
      entityId: b.batchNo,
      detail: { firm, origin: b.origin, parcels: b.parcels },
    });
  });
  return getBatch(ctx, actor, b.batchNo);
}

/** One batch with its state now. */
export async function getBatch(ctx: Ctx, actor: Actor, batchNo: string): Promise<Batch> {
  requirePermission(actor, 'courier:read');
  const r = await findBatch(ctx.db, batchNo);
  if (!r) throw new AppError(CourierErrors.COURIER_BATCH_UNKNOWN, { batchNo });
  const now = nowMs();
  const rules = await courierRulesOn(ctx, dayOf(new Date(now).toISOString()));
  return toBatch(r, rules.internationalHoldHours, now);
}

/** Batches on hold, due and awaiting disinfection, and those released in the last day. */
export async function listBatches(ctx: Ctx, actor: Actor) {
  requirePermission(actor, 'courier:read');
  const now = nowMs();
  const rules = await courierRulesOn(ctx, dayOf(new Date(now).toISOString()));
  const items = (await batchRows(ctx.db, new Date(now - 86_400_000).toISOString())).map((r) =>
    toBatch(r, rules.internationalHoldHours, now),
  );
  return {
    items,
    hours: rules.internationalHoldHours,
    held: items.filter((b) => b.state === 'held' || b.state === 'awaiting-disinfection').length,
    due: items.filter((b) => b.state === 'due').length,
  };
}

/**
 * Records a disinfection of an outlet's site, a vehicle or a batch. A batch's hold counts from its
 * latest disinfection: disinfecting it again restarts the hours.
 */
export async function recordDisinfection(
  ctx: Ctx,
  actor: Actor,
  d: { kind: DisinfectionKind; subject: string; at?: string },
) {
  const f = await writeFilterOf(ctx, actor);
  const at = instantOf(d.at);
  let outletId: number | null = null;
  let batch: Awaited<ReturnType<typeof findBatch>>;
  if (d.kind === 'site') {
    const o = (await outletsByCode(ctx.db, [d.subject])).get(d.subject);
    if (!o) throw new AppError(CourierErrors.COURIER_OUTLET_UNKNOWN, { code: d.subject });
    assertOutletVisible(f, o);
    outletId = o.id;
  } else if (d.kind === 'vehicle' && f.outletIds) {
    // A manager's vehicle is their outlet's: without the tie their own list would not show it.
    outletId = f.outletIds[0] ?? null;
  } else if (d.kind === 'batch') {
    requirePermission(actor, 'courier:write');
    batch = await findBatch(ctx.db, d.subject);
    if (!batch) throw new AppError(CourierErrors.COURIER_BATCH_UNKNOWN, { batchNo: d.subject });
    if (batch.released_at)
      throw new AppError(CourierErrors.COURIER_BATCH_RELEASED, {
        batchNo: d.subject,
        releasedAt: beijing(batch.released_at),
      });
  }
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertDisinfections(trx, [
      {
        kind: d.kind,
        subject: d.subject,
        outlet_id: outletId,
        batch_id: batch?.id ?? null,
        at,
        actor: actorLabel(actor),
      },
    ]);
    if (batch && (!batch.disinfected_at || batch.disinfected_at < at))
      await updateBatch(trx, batch.id, { disinfected_at: at });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'courier-disinfection',
      entity: `courier-${d.kind}`,
      entityId: d.subject,
      detail: { at },
    });
  });
  return { kind: d.kind, subject: d.subject, at };
}

/**
 * Releases a batch from the hold. Refused while it is not disinfected, or before the policy's hours
 * after its disinfection have passed; the refusal names the time it becomes releasable.
 */
export async function releaseBatch(ctx: Ctx, actor: Actor, batchNo: string): Promise<Batch> {
  requirePermission(actor, 'courier:write');
  const r = await findBatch(ctx.db, batchNo);
  if (!r) throw new AppError(CourierErrors.COURIER_BATCH_UNKNOWN, { batchNo });
  if (r.released_at)
    throw new AppError(CourierErrors.COURIER_BATCH_RELEASED, { batchNo, releasedAt: beijing(r.released_at) });
  const now = nowMs();
  const { internationalHoldHours: hours } = await courierRulesOn(ctx, dayOf(new Date(now).toISOString()));
  const at = releasableAt(r.disinfected_at, hours);
  if (!at) throw new AppError(CourierErrors.COURIER_BATCH_NOT_DISINFECTED, { batchNo, hours });
  if (Date.parse(at) > now)
    throw new AppError(CourierErrors.COURIER_BATCH_HELD, {
      batchNo,
      hours,
      disinfectedAt: beijing(r.disinfected_at as string),
      releasableAt: beijing(at),
      releasableAtIso: at,
    });
  const releasedAt = new Date(now).toISOString();
  await ctx.db.k.transaction().execute(async (trx) => {
    await updateBatch(trx, r.id, { released_at: releasedAt, released_by: actorLabel(actor) });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'courier-batch-released',
      entity: 'courier-batch',
      entityId: batchNo,
      detail: { disinfectedAt: r.disinfected_at, hours },
    });
  });
  return toBatch({ ...r, released_at: releasedAt }, hours, now);
}

/** Disinfections of a day (Beijing), outlets' limited to what the actor sees. */
export async function listDisinfections(ctx: Ctx, actor: Actor, date?: string) {
  const f = await outletFilterOf(ctx, actor);
  const day = date ?? dayOf(nowIso());
  const from = new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
  const to = new Date(Date.parse(`${addDays(day, 1)}T00:00:00+08:00`)).toISOString();
  const rows = await disinfectionRows(ctx.db, from, to, f.prefix, f.outletIds ?? null);
  return {
    items: rows.map((r) => ({ id: Number(r.id), kind: r.kind as DisinfectionKind, subject: r.subject, at: r.at })),
  };
}
