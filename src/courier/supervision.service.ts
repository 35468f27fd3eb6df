import { divisionOf } from '../geo/geo.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { beijingToday } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { assertOutletVisible, outletFilterOf } from './courier.access.ts';
import { CourierErrors } from './courier.errors.ts';
import { firmCodeOf, maskDriver, peakFrom, tonnes } from './courier.rules.ts';
import type { ImportAnswer, ReliefTotals, Tallies, Volumes } from './courier.schema.ts';
import {
  insertInspections,
  insertSummons,
  insertTrips,
  listInspections as inspectionRows,
  listSummons,
  outbreakStart,
  reliefByDay,
  sumVolumes,
  upsertVolumes,
  volumesOfDays,
} from './operations.repo.ts';
import { outletsByCode } from './registry.repo.ts';
import { RowIssues } from './registry.service.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where "since the outbreak" starts: the first local case, or the day itself when there is none. */
export async function supervisionSince(ctx: Ctx, to: string): Promise<string> {
  const d = await outbreakStart(ctx.db);
  return d && d <= to ? d : to;
}

/** Records an inspection visit (inspectors as person-times; rectified on the spot or not). */
export async function recordInspection(
  ctx: Ctx,
  actor: Actor,
  v: { outlet: string; visitedOn: string; inspectors: number; findings: string; rectified: boolean },
) {
  requirePermission(actor, 'courier:write');
  const f = await outletFilterOf(ctx, actor);
  const o = (await outletsByCode(ctx.db, [v.outlet])).get(v.outlet);
  if (!o) throw new AppError(CourierErrors.COURIER_OUTLET_UNKNOWN, { code: v.outlet });
  assertOutletVisible(f, o);
  const id = await ctx.db.k.transaction().execute(async (trx) => {
    const [id] = await insertInspections(trx, [
      {
        outlet_id: o.id,
        visited_on: v.visitedOn,
        inspectors: v.inspectors,
        findings: v.findings,
        rectified: v.rectified ? 1 : 0,
        actor: actorLabel(actor),
      },
    ]);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'courier-inspection',
      entity: 'courier-outlet',
      entityId: o.code,
      detail: { visitedOn: v.visitedOn, inspectors: v.inspectors, rectified: v.rectified },
    });
    return id as number;
  });
  return { ...v, id, outlet: o.code, districtCode: o.district_code };
}

/** Records a summons (约谈) of a firm with its reason. */
export async function recordSummons(ctx: Ctx, actor: Actor, s: { firm: string; on: string; reason: string }) {
  requirePermission(actor, 'courier:write');
  const firm = firmCodeOf(s.firm);
  if (!firm) throw new AppError(CourierErrors.COURIER_FIRM_UNKNOWN, { value: s.firm });
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertSummons(trx, [{ firm_code: firm, summoned_on: s.on, reason: s.reason, actor: actorLabel(actor) }]);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'courier-summons',
      entity: 'courier-firm',
      entityId: firm,
      detail: { on: s.on, reason: s.reason },
    });
  });
  return { firm, on: s.on, reason: s.reason };
}

/**
 * Inspection visits and summons since a day (default: since the outbreak) with their tallies:
 * inspector person-times, distinct outlets inspected, visits rectified on the spot, firms summoned.
 */
export async function inspections(ctx: Ctx, actor: Actor, q: { since?: string; to?: string }) {
  const f = await outletFilterOf(ctx, actor);
  // Volumes are per firm and district, never one outlet's: a manager would read their rivals' figures.
  if (f.outletIds) throw new AppError(CourierErrors.COURIER_OUTLET_ONLY);
  const to = q.to ?? beijingToday();
  const since = q.since ?? (await supervisionSince(ctx, to));
  if (since > to) throw new AppError(CourierErrors.COURIER_RANGE_INVALID);
  const visits = await inspectionRows(ctx.db, since, to, f.prefix, f.outletIds ?? null);
  const summons = await listSummons(ctx.db, since, to);
  const tallies: Tallies = {
    since,
    to,
    visits: visits.length,
    personTimes: visits.reduce((s, v) => s + Number(v.inspectors), 0),
    outlets: new Set(visits.map((v) => v.outlet_id)).size,
    rectified: visits.filter((v) => Number(v.rectified) === 1).length,
    // A summons is of a firm, city-wide: an outlet manager is not shown the regulator's interviews.
    summoned: f.outletIds ? 0 : summons.length,
  };
  return {
    items: visits.map((v) => ({
      id: Number(v.id),
      outlet: v.code,
      districtCode: v.district_code,
      visitedOn: v.visited_on,
      inspectors: Number(v.inspectors),
      findings: v.findings,
      rectified: Number(v.rectified) === 1,
    })),
    summons: f.outletIds
      ? []
      : summons.map((s) => ({ id: Number(s.id), firm: s.firm_code, on: s.summoned_on, reason: s.reason })),
    tallies,
  };
}

/** Imports daily volumes per firm and district: all or nothing; a re-sent day replaces its figures. */
export async function importVolumes(
  ctx: Ctx,
  actor: Actor | 'system',
  rows: Array<{ row: number } & Partial<Record<'day' | 'firm' | 'districtCode' | 'collected' | 'delivered', string>>>,
): Promise<ImportAnswer> {
  if (actor !== 'system') requirePermission(actor, 'courier:write');
  const issues = new RowIssues();
  const seen = new Map<string, number>();
  const parsed = rows.map((r) => {
    const day = (r.day ?? '').trim().replace(/\//g, '-');
    if (!DAY.test(day) || Number.isNaN(Date.parse(day)))
      issues.add(r.row, 'day', CourierErrors.COURIER_DATE_INVALID, { value: day });
    const firm = firmCodeOf(r.firm ?? '');
    if (!firm) issues.add(r.row, 'firm', CourierErrors.COURIER_FIRM_UNKNOWN, { value: r.firm ?? '' });
    const district = (r.districtCode ?? '').trim();
    if (divisionOf(district)?.level !== 'district')
      issues.add(r.row, 'districtCode', CourierErrors.COURIER_DISTRICT_UNKNOWN, { value: district });
    const n = (k: 'collected' | 'delivered') => {
      const v = (r[k] ?? '').trim().replace(/,/g, '');
      if (!/^\d{1,9}$/.test(v)) issues.add(r.row, k, CourierErrors.COURIER_NUMBER_INVALID, { value: v });
      return Number(v) || 0;
    };
    const key = `${day}|${firm}|${district}`;
    if (seen.has(key)) issues.add(r.row, 'day', CourierErrors.COURIER_DUPLICATE_IN_FILE, { first: seen.get(key) });
    else seen.set(key, r.row);
    return {
      day,
      firm_code: firm ?? '',
      district_code: district,
      collected: n('collected'),
      delivered: n('delivered'),
    };
  });
  issues.throwIfAny();
  const stored = new Map(
    (await volumesOfDays(ctx.db, [...new Set(parsed.map((p) => p.day))])).map((v) => [
      `${v.day}|${v.firm_code}|${v.district_code}`,
      v,
    ]),
  );
  let inserted = 0;
  let updated = 0;
  const write = parsed.filter((p) => {
    const s = stored.get(`${p.day}|${p.firm_code}|${p.district_code}`);
    if (!s) inserted++;
    else if (Number(s.collected) !== p.collected || Number(s.delivered) !== p.delivered) updated++;
    else return false;
    return true;
  });
  if (write.length)
    await ctx.db.k.transaction().execute(async (trx) => {
      await upsertVolumes(trx, write);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'courier-volumes-imported',
        entity: 'courier-volumes',
        entityId: write[0]?.day ?? null,
        detail: { inserted, updated },
      });
    });
  return { rows: rows.length, inserted, updated, unchanged: rows.length - inserted - updated };
}

/** Parcels collected and delivered in a range (default: the peak season up to today), in the actor's scope. */
export async function volumes(
  ctx: Ctx,
  actor: Actor,
  q: { from?: string; to?: string; district?: string },
): Promise<Volumes> {
  const f = await outletFilterOf(ctx, actor);
  // Volumes are per firm and district, never one outlet's: a manager would read their rivals' figures.
  if (f.outletIds) throw new AppError(CourierErrors.COURIER_OUTLET_ONLY);
  const to = q.to ?? beijingToday();
  const from = q.from ?? peakFrom(to);
  if (from > to) throw new AppError(CourierErrors.COURIER_RANGE_INVALID);
  const prefix = q.district?.startsWith(f.prefix) ? q.district : f.prefix;
  const byDay = await sumVolumes(ctx.db, from, to, prefix, 'day');
  const collected = byDay.reduce((s, d) => s + d.collected, 0);
  const delivered = byDay.reduce((s, d) => s + d.delivered, 0);
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return {
    from,
    to,
    days,
    collected,
    delivered,
    avgCollected: Math.round(collected / days),
    avgDelivered: Math.round(delivered / days),
    byDay,
    byFirm: await sumVolumes(ctx.db, from, to, prefix, 'firm_code'),
    byDistrict: await sumVolumes(ctx.db, from, to, prefix, 'district_code'),
  };
}

/** Adds relief trips (the driver's name sealed and masked) and answers the running totals. */
export async function addTrips(
  ctx: Ctx,
  actor: Actor | 'system',
  trips: Array<{
    tripOn: string;
    plate: string;
    driver: string;
    origin: string;
    destination: string;
    tonnes: number;
    persons: number;
  }>,
) {
  if (actor !== 'system') requirePermission(actor, 'courier:write');
  const ids = await ctx.db.k.transaction().execute(async (trx) => {
    const ids = await insertTrips(
      trx,
      trips.map((t) => ({
        trip_on: t.tripOn,
        plate: t.plate.trim().toUpperCase(),
        driver_masked: maskDriver(t.driver),
        driver_cipher: ctx.crypto.encrypt(t.driver.trim()),
        origin: t.origin,
        destination: t.destination,
        kg: Math.round(t.tonnes * 1000),
        persons: t.persons,
      })),
    );
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'courier-relief-trips',
      entity: 'courier-relief',
      entityId: ids[0] ?? null,
      detail: { trips: ids.length },
    });
    return ids;
  });
  return ids;
}

/** Relief transport up to a day: vehicle-trips, person-times and tonnes, running per day. */
export async function reliefTotals(ctx: Ctx, actor: Actor, to = beijingToday()): Promise<ReliefTotals> {
  requirePermission(actor, 'courier:read');
  const days = await reliefByDay(ctx.db, to);
  const kg = days.reduce((s, d) => s + d.kg, 0);
  return {
    to,
    trips: days.reduce((s, d) => s + d.trips, 0),
    persons: days.reduce((s, d) => s + d.persons, 0),
    tonnes: tonnes(kg),
    byDay: days.map((d) => ({ day: d.day, trips: d.trips, persons: d.persons, tonnes: tonnes(d.kg) })),
  };
}
