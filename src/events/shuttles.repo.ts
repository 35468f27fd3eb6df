import type { Insertable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { ExamTripRow, ExamVehicleRow } from './events.tables.ts';
import './events.tables.ts';

/** The shuttle vehicles of an event, by id. */
export async function vehiclesOf(db: Db | Executor, eventId: number) {
  const k = 'k' in db ? db.k : db;
  const rows = await k.selectFrom('exam_vehicles').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), seats: Number(r.seats) }));
}

/** Adds vehicles. */
export async function insertVehicles(trx: Executor, rows: Insertable<ExamVehicleRow>[]): Promise<void> {
  if (rows.length) await trx.insertInto('exam_vehicles').values(rows).execute();
}

/** Changes a vehicle's seats and driver. */
export async function updateVehicle(
  trx: Executor,
  id: number,
  set: Partial<Insertable<ExamVehicleRow>>,
): Promise<void> {
  await trx.updateTable('exam_vehicles').set(set).where('id', '=', id).execute();
}

/** Removes the trips of one session (riders first), before a new assignment replaces them. */
export async function deleteTrips(trx: Executor, eventId: number, sessionNo: number): Promise<void> {
  const ids = trx
    .selectFrom('exam_trips')
    .select('id')
    .where('event_id', '=', eventId)
    .where('session_no', '=', sessionNo);
  await trx.deleteFrom('exam_trip_riders').where('trip_id', 'in', ids).execute();
  await trx.deleteFrom('exam_trips').where('event_id', '=', eventId).where('session_no', '=', sessionNo).execute();
}

/** Adds one trip with its riders. */
export async function insertTrip(trx: Executor, row: Insertable<ExamTripRow>, riders: number[]): Promise<void> {
  const r = await trx.insertInto('exam_trips').values(row).returning('id').executeTakeFirstOrThrow();
  if (riders.length)
    await trx
      .insertInto('exam_trip_riders')
      .values(riders.map((c) => ({ trip_id: Number(r.id), candidate_id: c })))
      .execute();
}

/** The trips of a session with their riders' candidate ids, by departure. */
export async function tripsOf(db: Db, eventId: number, sessionNo: number) {
  const trips = await db.k
    .selectFrom('exam_trips')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('session_no', '=', sessionNo)
    .orderBy('departs_at')
    .orderBy('id')
    .execute();
  const riders = trips.length
    ? await db.k
        .selectFrom('exam_trip_riders')
        .select(['trip_id', 'candidate_id'])
        .where(
          'trip_id',
          'in',
          trips.map((t) => Number(t.id)),
        )
        .execute()
    : [];
  const byTrip = new Map<number, number[]>();
  for (const r of riders)
    byTrip.set(Number(r.trip_id), [...(byTrip.get(Number(r.trip_id)) ?? []), Number(r.candidate_id)]);
  return trips.map((t) => ({
    ...t,
    id: Number(t.id),
    vehicle_id: Number(t.vehicle_id),
    site_id: Number(t.site_id),
    riders: byTrip.get(Number(t.id)) ?? [],
  }));
}

/** Trips of an event per site (all sessions), for the exam's figures. */
export async function tripsBySite(db: Db, eventId: number): Promise<Map<number, number>> {
  const rows = await db.k
    .selectFrom('exam_trips')
    .select(['site_id', (e) => e.fn.countAll<number>().as('n')])
    .where('event_id', '=', eventId)
    .groupBy('site_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.site_id), Number(r.n)]));
}
