import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { beijingToday, nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { sealedZonesAt } from '../zones/sealed.service.ts';
import { outletFilterOf } from './courier.access.ts';
import { CourierErrors } from './courier.errors.ts';
import type { PointKind } from './courier.rules.ts';
import type { PointZones } from './courier.schema.ts';
import { insertPoint, listPoints as pointRows, upsertPointDelivery, zoneDistrict } from './operations.repo.ts';
import { districtsOfOutlets } from './registry.repo.ts';

/**
 * Where the actor's delivery points lie: their scope's division prefix, or for an outlet manager
 * the district of their own outlet(s) inside it (a manager places lockers where their couriers deliver).
 */
export async function pointAreasOf(ctx: Ctx, actor: Actor): Promise<string[]> {
  const f = await outletFilterOf(ctx, actor);
  if (!f.outletIds) return [f.prefix];
  return (await districtsOfOutlets(ctx.db, f.outletIds)).filter((d) => d.startsWith(f.prefix));
}

/** The areas the actor may place points in or record their parcels: the regulator's scope, a manager's district. */
async function writableAreas(ctx: Ctx, actor: Actor): Promise<string[]> {
  requirePermission(actor, actor.role === 'outlet-manager' ? 'courier:outlet' : 'courier:write');
  return pointAreasOf(ctx, actor);
}

/** Delivery points of sealed zones in the actor's areas, newest first, with the parcels delivered there. */
export async function listPoints(ctx: Ctx, actor: Actor) {
  const rows = await pointRows(ctx.db, await pointAreasOf(ctx, actor), beijingToday());
  const items = rows.map((r) => ({
    id: r.id,
    zoneCode: r.zone_code,
    districtCode: r.district_code,
    kind: r.kind as PointKind,
    name: r.name,
    parcels: r.parcels,
  }));
  return { items, parcels: items.reduce((s, p) => s + p.parcels, 0) };
}

/**
 * The zones sealed now (business time) in the actor's areas, for the point form's picker: searched
 * by code, name, community or district, each with the points it already has.
 */
export async function pointZones(ctx: Ctx, actor: Actor, q: { q?: string; limit: number }): Promise<PointZones> {
  const areas = await pointAreasOf(ctx, actor);
  const sealed = await sealedZonesAt(ctx, nowMs(), areas);
  const needle = q.q?.trim().toLowerCase() ?? '';
  const found = needle
    ? sealed.filter((z) =>
        [z.code, z.name, z.communityName, z.districtName].some((s) => s.toLowerCase().includes(needle)),
      )
    : sealed;
  const points = new Map<string, number>();
  for (const p of await pointRows(ctx.db, areas, beijingToday()))
    points.set(p.zone_code, (points.get(p.zone_code) ?? 0) + 1);
  // High zones first (their residents may not leave at all), then the newest designations.
  const rank = (z: (typeof found)[number]) => (z.level === 'high' ? 0 : 1);
  const items = [...found]
    .sort((a, b) => rank(a) - rank(b) || b.designatedOn.localeCompare(a.designatedOn) || a.code.localeCompare(b.code))
    .slice(0, q.limit)
    .map((z) => ({ ...z, points: points.get(z.code) ?? 0 }));
  return { at: nowIso(), areas, total: found.length, sealed: sealed.length, items };
}

/** Adds a delivery point (smart locker or temporary point) for a zone in the actor's areas. */
export async function createPoint(ctx: Ctx, actor: Actor, p: { zoneCode: string; kind: PointKind; name: string }) {
  const areas = await writableAreas(ctx, actor);
  const district = await zoneDistrict(ctx.db, p.zoneCode);
  if (!district || !areas.some((a) => district.startsWith(a)))
    throw new AppError(CourierErrors.COURIER_ZONE_UNKNOWN, { value: p.zoneCode });
  const id = await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertPoint(trx, { zone_code: p.zoneCode, kind: p.kind, name: p.name, created_at: nowIso() });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'courier-point-created',
      entity: 'courier-point',
      entityId: id,
      detail: { zone: p.zoneCode, kind: p.kind },
    });
    return id;
  });
  return { id, zoneCode: p.zoneCode, districtCode: district, kind: p.kind, name: p.name, parcels: 0 };
}

/** Sets the parcels delivered at a point on a day (a re-sent day replaces its figure). */
export async function recordPointDelivery(ctx: Ctx, actor: Actor, id: number, d: { day: string; parcels: number }) {
  await writableAreas(ctx, actor);
  const p = (await listPoints(ctx, actor)).items.find((x) => x.id === id);
  if (!p) throw new AppError(CourierErrors.COURIER_POINT_UNKNOWN, { id });
  await ctx.db.k.transaction().execute(async (trx) => {
    await upsertPointDelivery(trx, { point_id: id, day: d.day, parcels: d.parcels });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'courier-point-delivery',
      entity: 'courier-point',
      entityId: id,
      detail: d,
    });
  });
  return (await listPoints(ctx, actor)).items.find((x) => x.id === id) as typeof p;
}
