import { maskName, maskPhone, normalisePhone } from '../people/people.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { actorLabel } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { readSheet } from '../platform/files/sheet.ts';
import { judge } from './classify.service.ts';
import { EventErrors } from './events.errors.ts';
import { Issues } from './events.import.ts';
import { candidatesOf, maskedPersons, sessionsOf, sitesOf } from './events.repo.ts';
import type { EventImportResult, Manifest } from './events.schema.ts';
import { allow, type EventActor, loadEvent, prefixOf } from './events.service.ts';
import { deleteTrips, insertTrip, insertVehicles, tripsOf, updateVehicle, vehiclesOf } from './shuttles.repo.ts';
import { assignTrips } from './shuttles.rules.ts';

const COLUMNS: Record<string, 'plate' | 'seats' | 'driver' | 'phone'> = {
  plate: 'plate',
  车牌号: 'plate',
  seats: 'seats',
  座位数: 'seats',
  driver: 'driver',
  司机: 'driver',
  驾驶员: 'driver',
  phone: 'phone',
  司机电话: 'phone',
  联系电话: 'phone',
};
// A mainland plate: province character, letter, then 5 (fuel) or 6 (new energy) letters/digits.
const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;

/** Records an exam's shuttle vehicles from a sheet (`plate, seats, driver, phone`); all or nothing, keyed by plate. */
export async function importVehicles(
  ctx: Ctx,
  actor: EventActor,
  code: string,
  buf: Buffer,
  opts: { dryRun?: boolean; filename?: string } = {},
): Promise<EventImportResult> {
  allow(actor, 'events:write');
  const event = await loadEvent(ctx, code);
  const rows = await readSheet(buf, COLUMNS, ['plate', 'seats', 'driver']);
  const issues = new Issues();
  const seen = new Map<string, number>();
  const good: Array<{ plate: string; seats: number; driver: string; phone: string | null }> = [];
  for (const r of rows) {
    const plate = (r.plate ?? '').toUpperCase();
    if (!PLATE.test(plate)) issues.add(r.row, 'plate', EventErrors.EXAM_PLATE_INVALID, { value: r.plate ?? '' });
    const other = seen.get(plate);
    if (other !== undefined) issues.add(r.row, 'plate', EventErrors.EXAM_PLATE_DUPLICATE, { plate, other });
    seen.set(plate, r.row);
    const seats =
      /^\d{1,2}$/.test(r.seats ?? '') && Number(r.seats) >= 1 && Number(r.seats) <= 60 ? Number(r.seats) : null;
    if (seats === null) issues.add(r.row, 'seats', EventErrors.EXAM_SEATS_INVALID, { value: r.seats ?? '' });
    if (!r.driver) issues.add(r.row, 'driver', EventErrors.EXAM_VALUE_MISSING);
    const phone = r.phone ? normalisePhone(r.phone) : null;
    if (r.phone && !phone) issues.add(r.row, 'phone', 'PERSON_PHONE_INVALID');
    if (seats !== null && r.driver) good.push({ plate, seats, driver: r.driver, phone });
  }
  issues.throwIfAny();
  const had = new Map((await vehiclesOf(ctx.db, event.id)).map((v) => [v.plate, v]));
  const inserts = good.filter((g) => !had.has(g.plate));
  const updates = good.filter((g) => {
    const v = had.get(g.plate);
    if (!v) return false;
    const phone = v.phone_cipher ? ctx.crypto.decrypt(v.phone_cipher) : null;
    return v.seats !== g.seats || ctx.crypto.decrypt(v.driver_cipher) !== g.driver || phone !== g.phone;
  });
  const result = {
    rows: rows.length,
    inserted: inserts.length,
    updated: updates.length,
    unchanged: rows.length - inserts.length - updates.length,
    personsCreated: 0,
    dryRun: !!opts.dryRun,
  };
  if (opts.dryRun || (!inserts.length && !updates.length)) return result;
  const sealed = (g: (typeof good)[number]) => ({
    seats: g.seats,
    driver_cipher: ctx.crypto.encrypt(g.driver),
    driver_masked: maskName(g.driver),
    phone_cipher: g.phone ? ctx.crypto.encrypt(g.phone) : null,
    phone_masked: g.phone ? maskPhone(g.phone) : null,
  });
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertVehicles(
      trx,
      inserts.map((g) => ({ event_id: event.id, plate: g.plate, ...sealed(g) })),
    );
    for (const g of updates) await updateVehicle(trx, had.get(g.plate)?.id as number, sealed(g));
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'exam-vehicles-imported',
      entity: 'event',
      entityId: event.code,
      detail: { filename: opts.filename ?? null, ...result },
    });
  });
  return result;
}

async function sessionOf(ctx: Ctx, code: string, no: number) {
  const event = await loadEvent(ctx, code);
  const session = (await sessionsOf(ctx.db, event.id))[no - 1];
  if (!session) throw new AppError(EventErrors.EXAM_SESSION_UNKNOWN, { code, no });
  return { event, session };
}

/**
 * Assigns the point-to-point trips before a session: every candidate who asked for the shuttle and
 * may sit (judged two hours before the session), by site and lane, special and regular never in
 * one vehicle; departures an hour before the start, earlier for a vehicle's further rounds. The
 * session's previous trips are replaced in one transaction, audited.
 */
export async function planShuttles(ctx: Ctx, actor: EventActor, code: string, no: number): Promise<Manifest> {
  allow(actor, 'events:write');
  const { event, session } = await sessionOf(ctx, code, no);
  const start = Date.parse(session.starts_at);
  const j = await judge(ctx, code, start - 2 * 3600_000);
  // A special candidate the plan seated in an isolation room of a nearby site is driven there.
  const isolationSite = new Map(j.rooms.filter((r) => r.isolation).map((r) => [r.id, r.site_id]));
  const riders = j.items
    .filter((i) => i.c.shuttle && i.verdict.class !== 'barred')
    .map((i) => {
      const special = i.verdict.class === 'special';
      const planned = i.c.planned_room_id === null ? undefined : isolationSite.get(i.c.planned_room_id);
      return {
        id: i.c.id,
        siteId: special && planned !== undefined ? planned : i.c.site_id,
        lane: special ? ('special' as const) : ('regular' as const),
      };
    });
  const vehicles = await vehiclesOf(ctx.db, event.id);
  if (riders.length && !vehicles.length) throw new AppError(EventErrors.EXAM_NO_VEHICLES, { count: riders.length });
  const trips = assignTrips(riders, vehicles);
  await ctx.db.k.transaction().execute(async (trx) => {
    await deleteTrips(trx, event.id, no);
    for (const t of trips)
      await insertTrip(
        trx,
        {
          event_id: event.id,
          session_no: no,
          vehicle_id: t.vehicleId,
          site_id: t.siteId,
          lane: t.lane,
          departs_at: new Date(start - 3600_000 - t.round * 1800_000).toISOString(),
        },
        t.riders,
      );
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'exam-shuttles-planned',
      entity: 'event',
      entityId: event.code,
      detail: { session: no, trips: trips.length, riders: riders.length },
    });
  });
  return manifest(ctx, actor, code, no);
}

/** The drivers' manifest of a session, inside the actor's scope: vehicles, sites, lanes, riders (masked). */
export async function manifest(ctx: Ctx, actor: EventActor, code: string, no: number): Promise<Manifest> {
  allow(actor, 'events:read');
  const { event, session } = await sessionOf(ctx, code, no);
  const prefix = prefixOf(actor);
  const sites = new Map((await sitesOf(ctx.db, event.id)).map((s) => [s.id, s]));
  const vehicles = new Map((await vehiclesOf(ctx.db, event.id)).map((v) => [v.id, v]));
  const trips = (await tripsOf(ctx.db, event.id, no)).filter((t) =>
    sites.get(t.site_id)?.district_code.startsWith(prefix),
  );
  const candidates = new Map((await candidatesOf(ctx.db, event.id)).map((c) => [c.id, c]));
  const persons = await maskedPersons(
    ctx.db,
    trips.flatMap((t) => t.riders.map((r) => candidates.get(r)?.person_id as number)),
  );
  // A pickup shows its first characters only (the district and road), like the other masked fields.
  const pickupMask = (cipher: string | null) => {
    if (!cipher) return null;
    const s = ctx.crypto.decrypt(cipher);
    return s.length > 6 ? `${s.slice(0, 6)}***` : `${s.slice(0, 1)}***`;
  };
  return {
    event: event.code,
    session: no,
    startsAt: session.starts_at,
    riders: trips.reduce((n, t) => n + t.riders.length, 0),
    trips: trips.map((t) => {
      const v = vehicles.get(t.vehicle_id);
      const s = sites.get(t.site_id);
      return {
        plate: v?.plate ?? '',
        seats: v?.seats ?? 0,
        driverMasked: v?.driver_masked ?? '',
        driverPhoneMasked: v?.phone_masked ?? null,
        siteCode: s?.venue_code ?? '',
        siteName: s?.name ?? '',
        lane: t.lane as 'special' | 'regular',
        departsAt: t.departs_at,
        riders: t.riders.map((id) => {
          const c = candidates.get(id);
          return {
            candidateNo: c?.candidate_no ?? '',
            nameMasked: persons.get(c?.person_id ?? 0)?.nameMasked ?? '',
            pickupMasked: pickupMask(c?.pickup_cipher ?? null),
          };
        }),
      };
    }),
  };
}
