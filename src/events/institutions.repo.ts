import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { LoopLeaveRow, LoopShiftRow, LoopStaffRow } from './exit.tables.ts';
import './exit.tables.ts';

type K = Db | Executor;
const k = (db: K) => ('k' in db ? db.k : db);

export type StoredShift = Selectable<LoopShiftRow> & { id: number };
export type StoredLeave = Selectable<LoopLeaveRow> & { id: number };

/** The roster of some institutions. */
export async function staffOf(db: K, venueIds: number[]): Promise<Selectable<LoopStaffRow>[]> {
  if (!venueIds.length) return [];
  const rows = await k(db).selectFrom('loop_staff').selectAll().where('venue_id', 'in', venueIds).execute();
  return rows.map((r) => ({ ...r, venue_id: Number(r.venue_id), person_id: Number(r.person_id) }));
}

/** The rotations of some institutions, in date order. */
export async function shiftsOf(db: K, venueIds: number[]): Promise<StoredShift[]> {
  if (!venueIds.length) return [];
  const rows = await k(db)
    .selectFrom('loop_shifts')
    .selectAll()
    .where('venue_id', 'in', venueIds)
    .orderBy('in_date')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), venue_id: Number(r.venue_id), person_id: Number(r.person_id) }));
}

/** One person's rotations at one institution (the door asks at every scan there). */
export async function shiftsOfPerson(db: K, venueId: number, personId: number): Promise<StoredShift[]> {
  const rows = await k(db)
    .selectFrom('loop_shifts')
    .selectAll()
    .where('venue_id', '=', venueId)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), venue_id: Number(r.venue_id), person_id: Number(r.person_id) }));
}

/** Adds staff to rosters, or updates their role. */
export async function upsertStaff(trx: Executor, rows: Insertable<LoopStaffRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('loop_staff')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['venue_id', 'person_id']).doUpdateSet((e) => ({ role: e.ref('excluded.role') })))
      .execute();
}

/** Adds rotations. */
export async function insertShifts(trx: Executor, rows: Insertable<LoopShiftRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('loop_shifts')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Moves a rotation's out date. */
export async function setShiftOut(trx: Executor, id: number, out: string | null): Promise<void> {
  await trx.updateTable('loop_shifts').set({ out_date: out }).where('id', '=', id).execute();
}

/** Records a leave request; answers its id. */
export async function insertLeave(trx: Executor, row: Insertable<LoopLeaveRow>): Promise<number> {
  const r = await trx.insertInto('loop_leaves').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** One leave request. */
export async function leaveById(db: K, id: number): Promise<StoredLeave | undefined> {
  const r = await k(db).selectFrom('loop_leaves').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { ...r, id: Number(r.id), venue_id: Number(r.venue_id), person_id: Number(r.person_id) };
}

/** The leave requests of some institutions, newest first. */
export async function leavesOf(db: K, venueIds: number[]): Promise<StoredLeave[]> {
  if (!venueIds.length) return [];
  const rows = await k(db)
    .selectFrom('loop_leaves')
    .selectAll()
    .where('venue_id', 'in', venueIds)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), venue_id: Number(r.venue_id), person_id: Number(r.person_id) }));
}

/** Records the district's decision on a pending request; answers whether it was still pending. */
export async function decideLeave(
  trx: Executor,
  id: number,
  set: { status: string; decided_by: string; decided_at: string; note: string | null },
): Promise<boolean> {
  const r = await trx
    .updateTable('loop_leaves')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sealed ID numbers of some persons (the demo writes its roster sheet as an institution would). */
export async function idCiphersOf(db: K, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await k(db)
      .selectFrom('persons')
      .select(['id', 'id_cipher'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(Number(r.id), r.id_cipher);
  }
  return out;
}

/** Each person's latest negative sampling not after an instant (the day checked may be past). */
export async function negativesBefore(db: K, ids: number[], atIso: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await k(db)
      .selectFrom('samples as s')
      .innerJoin('tubes as t', 't.code', 's.tube_code')
      .select(['s.person_id', (e) => e.fn.max('s.sampled_at').as('at')])
      .where('s.person_id', 'in', ids.slice(i, i + 500))
      .where('t.result', '=', 'negative')
      .where('s.sampled_at', '<=', atIso)
      .groupBy('s.person_id')
      .execute();
    for (const r of rows) out.set(Number(r.person_id), Date.parse(String(r.at)));
  }
  return out;
}
