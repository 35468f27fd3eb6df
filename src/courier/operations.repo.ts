import type { Insertable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { CourierBatchRow, CourierReliefTripRow, CourierVolumeRow } from './courier.tables.ts';
import './courier.tables.ts';

/** A batch by number. */
export async function findBatch(db: Db | Executor, batchNo: string) {
  const r = await ('k' in db ? db.k : db)
    .selectFrom('courier_batches')
    .selectAll()
    .where('batch_no', '=', batchNo)
    .executeTakeFirst();
  return r ? { ...r, id: Number(r.id) } : undefined;
}

/** Batches not yet released, and those released since a time. */
export async function listBatches(db: Db, releasedSince: string) {
  return db.k
    .selectFrom('courier_batches')
    .selectAll()
    .where((e) => e.or([e('released_at', 'is', null), e('released_at', '>=', releasedSince)]))
    .orderBy('arrived_at')
    .execute();
}

/** Registers batches. */
export async function insertBatches(trx: Executor, rows: Insertable<CourierBatchRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('courier_batches')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Sets a batch's disinfection or release. */
export async function updateBatch(
  trx: Executor,
  id: number,
  patch: Partial<Pick<CourierBatchRow, 'disinfected_at' | 'released_at' | 'released_by'>>,
): Promise<void> {
  await trx.updateTable('courier_batches').set(patch).where('id', '=', id).execute();
}

/** Records disinfections. */
export async function insertDisinfections(
  trx: Executor,
  rows: Array<{
    kind: string;
    subject: string;
    outlet_id: number | null;
    batch_id: number | null;
    at: string;
    actor: string;
  }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('courier_disinfections')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Disinfections in a time range, those of outlets limited to the visible outlets' division prefix. */
export async function listDisinfections(db: Db, from: string, to: string, prefix: string, outletIds: number[] | null) {
  let q = db.k
    .selectFrom('courier_disinfections as d')
    .leftJoin('courier_outlets as o', 'o.id', 'd.outlet_id')
    .select(['d.id', 'd.kind', 'd.subject', 'd.at'])
    .where('d.at', '>=', from)
    .where('d.at', '<', to)
    .where((e) => e.or([e('o.district_code', 'is', null), e('o.district_code', 'like', `${prefix}%`)]));
  if (outletIds) q = q.where('d.outlet_id', 'in', outletIds.length ? outletIds : [-1]);
  return q.orderBy('d.at', 'desc').limit(1000).execute();
}

/** Adds inspection visits. */
export async function insertInspections(
  trx: Executor,
  rows: Array<{
    outlet_id: number;
    visited_on: string;
    inspectors: number;
    findings: string;
    rectified: number;
    actor: string;
  }>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const r = await trx
      .insertInto('courier_inspections')
      .values(rows.slice(i, i + 500))
      .returning('id')
      .execute();
    ids.push(...r.map((x) => Number(x.id)));
  }
  return ids;
}

/** Adds summons. */
export async function insertSummons(
  trx: Executor,
  rows: Array<{ firm_code: string; summoned_on: string; reason: string; actor: string }>,
): Promise<void> {
  if (rows.length) await trx.insertInto('courier_summons').values(rows).execute();
}

/** Inspection visits in a range of days within a division prefix (and, for a manager, their outlets). */
export async function listInspections(db: Db, since: string, to: string, prefix: string, outletIds: number[] | null) {
  let q = db.k
    .selectFrom('courier_inspections as i')
    .innerJoin('courier_outlets as o', 'o.id', 'i.outlet_id')
    .select([
      'i.id',
      'o.code',
      'o.district_code',
      'i.visited_on',
      'i.inspectors',
      'i.findings',
      'i.rectified',
      'i.outlet_id',
    ])
    .where('i.visited_on', '>=', since)
    .where('i.visited_on', '<=', to)
    .where('o.district_code', 'like', `${prefix}%`);
  if (outletIds) q = q.where('i.outlet_id', 'in', outletIds.length ? outletIds : [-1]);
  return q.orderBy('i.visited_on', 'desc').orderBy('i.id', 'desc').execute();
}

/** Summons in a range of days. */
export async function listSummons(db: Db, since: string, to: string) {
  return db.k
    .selectFrom('courier_summons')
    .selectAll()
    .where('summoned_on', '>=', since)
    .where('summoned_on', '<=', to)
    .orderBy('summoned_on', 'desc')
    .execute();
}

/** Replaces the volumes of (day, firm, district) keys. */
export async function upsertVolumes(trx: Executor, rows: CourierVolumeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('courier_volumes')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['day', 'firm_code', 'district_code']).doUpdateSet((e) => ({
          collected: e.ref('excluded.collected'),
          delivered: e.ref('excluded.delivered'),
        })),
      )
      .execute();
}

/** Stored volumes of given keys (to tell an import's new rows from changed and unchanged ones). */
export async function volumesOfDays(db: Db, days: string[]) {
  if (!days.length) return [];
  return db.k.selectFrom('courier_volumes').selectAll().where('day', 'in', days).execute();
}

/** Volume sums in a range of days within a division prefix, grouped by one key. */
export async function sumVolumes(
  db: Db,
  from: string,
  to: string,
  prefix: string,
  by: 'day' | 'firm_code' | 'district_code',
) {
  const rows = await db.k
    .selectFrom('courier_volumes')
    // Aliased: a bare firm_code or district_code column came back under its own name, and every
    // firm's and district's row was keyed "undefined" on the screen.
    .select((e) => [
      e.ref(by).as('k'),
      e.fn.sum<number>('collected').as('collected'),
      e.fn.sum<number>('delivered').as('delivered'),
    ])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('district_code', 'like', `${prefix}%`)
    .groupBy(by)
    .orderBy(by)
    .execute();
  return rows.map((r) => ({ key: String(r.k), collected: Number(r.collected), delivered: Number(r.delivered) }));
}

/** Adds a delivery point. */
export async function insertPoint(
  trx: Executor,
  row: { zone_code: string; kind: string; name: string; created_at: string },
) {
  const r = await trx.insertInto('courier_delivery_points').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Sets the parcels delivered at a point on a day. */
export async function upsertPointDelivery(trx: Executor, row: { point_id: number; day: string; parcels: number }) {
  await trx
    .insertInto('courier_point_deliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['point_id', 'day']).doUpdateSet({ parcels: row.parcels }))
    .execute();
}

/** Delivery points in some district prefixes, newest first, with the parcels delivered there up to a day. */
export async function listPoints(db: Db, prefixes: string[], to: string) {
  if (!prefixes.length) return [];
  const rows = await db.k
    .selectFrom('courier_delivery_points as p')
    .innerJoin('zones as z', 'z.code', 'p.zone_code')
    .select(['p.id', 'p.zone_code', 'p.kind', 'p.name', 'z.district_code'])
    .select((e) =>
      e
        .selectFrom('courier_point_deliveries as d')
        .whereRef('d.point_id', '=', 'p.id')
        .where('d.day', '<=', to)
        .select((x) => x.fn.sum<number>('d.parcels').as('n'))
        .as('parcels'),
    )
    .where((e) => e.or(prefixes.map((p) => e('z.district_code', 'like', `${p}%`))))
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), parcels: Number(r.parcels ?? 0) }));
}

/** Whether a zone exists, and its district. */
export async function zoneDistrict(db: Db, code: string): Promise<string | null> {
  const r = await db.k.selectFrom('zones').select('district_code').where('code', '=', code).executeTakeFirst();
  return r?.district_code ?? null;
}

/** Adds relief trips. */
export async function insertTrips(trx: Executor, rows: Insertable<CourierReliefTripRow>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const r = await trx
      .insertInto('courier_relief_trips')
      .values(rows.slice(i, i + 500))
      .returning('id')
      .execute();
    ids.push(...r.map((x) => Number(x.id)));
  }
  return ids;
}

/** Relief trips, persons and kilograms per day up to a day. */
export async function reliefByDay(db: Db, to: string) {
  const rows = await db.k
    .selectFrom('courier_relief_trips')
    .select('trip_on')
    .select((e) => [
      e.fn.countAll<number>().as('trips'),
      e.fn.sum<number>('persons').as('persons'),
      e.fn.sum<number>('kg').as('kg'),
    ])
    .where('trip_on', '<=', to)
    .groupBy('trip_on')
    .orderBy('trip_on')
    .execute();
  return rows.map((r) => ({ day: r.trip_on, trips: Number(r.trips), persons: Number(r.persons), kg: Number(r.kg) }));
}

/** The first day a local case was reported: where "since the outbreak" starts. */
export async function outbreakStart(db: Db): Promise<string | null> {
  const r = await db.k
    .selectFrom('cases')
    .select((e) => e.fn.min<string>('reported_on').as('d'))
    .where('origin', '=', 'local')
    .executeTakeFirst();
  return r?.d ?? null;
}

/**
 * Zones designated high or medium, with their days (the demo puts a delivery point in each). By the
 * designation, not the row: the row holds the level after the last notice, and the demo records the
 * lifts of the days after its scenario's, so every row reads low and lifted.
 */
export async function zonesForPoints(db: Db) {
  return db.k
    .selectFrom('zones as z')
    .select(['z.code', 'z.level', 'z.designated_on', 'z.lifted_on'])
    .where((e) =>
      e.exists(
        e
          .selectFrom('zone_events as d')
          .select('d.id')
          .whereRef('d.zone_id', '=', 'z.id')
          .where('d.kind', '=', 'designate')
          .where('d.to_level', 'in', ['high', 'medium']),
      ),
    )
    .orderBy('z.id')
    .execute();
}

/** Working-age persons, lowest ids first (the demo's couriers). */
export async function workingAgePersons(db: Db, limit: number): Promise<number[]> {
  const rows = await db.k
    .selectFrom('persons')
    .select('id')
    .where('birth_date', '>=', '1970-01-01')
    .where('birth_date', '<=', '2002-12-31')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}
