import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import { dayOf } from '../platform/dates.ts';
import type { Db } from '../platform/db/db.ts';
import type { CourierOutletRow } from './courier.tables.ts';
import './courier.tables.ts';
import { recordStatuses } from './history.repo.ts';

export type StoredOutlet = Omit<Selectable<CourierOutletRow>, 'id'> & { id: number };

/** Which outlets a list is limited to: a division prefix, and for an outlet manager their outlet ids. */
export interface OutletFilter {
  prefix: string;
  outletIds?: number[] | null;
  district?: string;
  firm?: string;
  status?: string;
}

/** Every firm, by code. */
export async function listFirms(db: Db) {
  return db.k.selectFrom('courier_firms').selectAll().orderBy('code').execute();
}

/** Outlets by filter, with their worker counts. */
export async function findOutlets(db: Db, f: OutletFilter) {
  let q = db.k
    .selectFrom('courier_outlets as o')
    .selectAll('o')
    .select((e) =>
      e
        .selectFrom('courier_workers as w')
        .whereRef('w.outlet_id', '=', 'o.id')
        .select((x) => x.fn.countAll<number>().as('n'))
        .as('workers'),
    )
    .where('o.district_code', 'like', `${f.prefix}%`);
  if (f.outletIds) q = q.where('o.id', 'in', f.outletIds.length ? f.outletIds : [-1]);
  if (f.district) q = q.where('o.district_code', '=', f.district);
  if (f.firm) q = q.where('o.firm_code', '=', f.firm);
  if (f.status) q = q.where('o.status', '=', f.status);
  return (await q.orderBy('o.code').execute()).map((r) => ({
    ...r,
    id: Number(r.id),
    workers: Number(r.workers ?? 0),
  }));
}

/** Outlets by code (those not stored are absent). */
export async function outletsByCode(db: Db | Executor, codes: string[]): Promise<Map<string, StoredOutlet>> {
  const out = new Map<string, StoredOutlet>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await ('k' in db ? db.k : db)
      .selectFrom('courier_outlets')
      .selectAll()
      .where('code', 'in', codes.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.code, { ...r, id: Number(r.id) });
  }
  return out;
}

/** Adds outlets, each one's status holding from the day it was registered. */
export async function insertOutlets(trx: Executor, rows: Insertable<CourierOutletRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('courier_outlets')
      .values(rows.slice(i, i + 500))
      .execute();
  const ids = await outletsByCode(
    trx,
    rows.map((r) => r.code),
  );
  await recordStatuses(
    trx,
    rows.map((r) => ({ outlet_id: ids.get(r.code)?.id as number, from_day: dayOf(r.created_at), status: r.status })),
  );
}

/** Changes an outlet's registered facts. */
export async function updateOutlet(
  trx: Executor,
  id: number,
  patch: Partial<Omit<Insertable<CourierOutletRow>, 'id' | 'code' | 'created_at'>>,
): Promise<void> {
  await trx.updateTable('courier_outlets').set(patch).where('id', '=', id).execute();
  // A status change holds from its business day on: a past day's open count stays as it was.
  if (patch.status && patch.updated_at)
    await recordStatuses(trx, [{ outlet_id: id, from_day: dayOf(patch.updated_at), status: patch.status }]);
}

/** The outlets an outlet-manager account manages. */
export async function managedOutletIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.k
    .selectFrom('courier_outlet_managers')
    .select('outlet_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => Number(r.outlet_id));
}

/** Ties an outlet-manager account to their outlet (replacing an earlier one). */
export async function linkManager(trx: Executor, userId: number, outletId: number): Promise<void> {
  await trx.deleteFrom('courier_outlet_managers').where('user_id', '=', userId).execute();
  await trx.insertInto('courier_outlet_managers').values({ user_id: userId, outlet_id: outletId }).execute();
}

/** Worker links of the outlets, keyed `outlet|person`, with whether each is on duty. */
export async function existingWorkers(trx: Executor, outletIds: number[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < outletIds.length; i += 500) {
    const rows = await trx
      .selectFrom('courier_workers')
      .select(['outlet_id', 'person_id', 'on_duty'])
      .where('outlet_id', 'in', outletIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(`${r.outlet_id}|${r.person_id}`, Number(r.on_duty));
  }
  return out;
}

/** Links workers to outlets. */
export async function insertWorkers(
  trx: Executor,
  rows: Array<{ outlet_id: number; person_id: number; on_duty: number; created_at: string }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('courier_workers')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Sets whether a linked worker is on duty. */
export async function setOnDuty(trx: Executor, outletId: number, personId: number, onDuty: number): Promise<void> {
  await trx
    .updateTable('courier_workers')
    .set({ on_duty: onDuty })
    .where('outlet_id', '=', outletId)
    .where('person_id', '=', personId)
    .execute();
}

/**
 * The workers of the filtered outlets with their masked identity and latest negative sample time
 * (from the testing module's per-person facts), whether any swab of theirs was green-lane and when
 * the latest green-lane swab was taken.
 */
export async function workersOf(db: Db, f: OutletFilter & { outletCode?: string; openOnly?: boolean }) {
  let q = db.k
    .selectFrom('courier_workers as w')
    .innerJoin('courier_outlets as o', 'o.id', 'w.outlet_id')
    .innerJoin('persons as p', 'p.id', 'w.person_id')
    .leftJoin('person_tests as t', 't.person_id', 'w.person_id')
    .select([
      'w.id',
      'w.person_id',
      'w.on_duty',
      'o.code as outlet_code',
      'o.firm_code',
      'o.name as outlet_name',
      'o.district_code',
      'o.status',
      'p.name_masked',
      'p.id_masked',
      'p.phone_masked',
      't.last_negative_sampled_at',
    ])
    .select((e) =>
      e
        .selectFrom('courier_green_lane as g')
        .whereRef('g.person_id', '=', 'w.person_id')
        .select((x) => x.fn.countAll<number>().as('n'))
        .as('green'),
    )
    .select((e) =>
      e
        .selectFrom('courier_green_lane as g')
        .innerJoin('samples as s', (j) =>
          j.onRef('s.tube_code', '=', 'g.tube_code').onRef('s.person_id', '=', 'g.person_id'),
        )
        .whereRef('g.person_id', '=', 'w.person_id')
        .select((x) => x.fn.max('s.sampled_at').as('at'))
        .as('green_sampled_at'),
    )
    .where('o.district_code', 'like', `${f.prefix}%`);
  if (f.outletIds) q = q.where('o.id', 'in', f.outletIds.length ? f.outletIds : [-1]);
  if (f.outletCode) q = q.where('o.code', '=', f.outletCode);
  if (f.district) q = q.where('o.district_code', '=', f.district);
  if (f.firm) q = q.where('o.firm_code', '=', f.firm);
  if (f.openOnly) q = q.where('o.status', '=', 'open');
  return q.orderBy('o.code').orderBy('w.id').execute();
}

/** The site a person's swab in a tube was taken at, or null when the tube holds no sample of theirs. */
export async function sampleSite(
  db: Db,
  tubeCode: string,
  personId: number,
): Promise<{ site_code: string; district_code: string } | null> {
  const r = await db.k
    .selectFrom('samples as s')
    .innerJoin('tubes as t', 't.code', 's.tube_code')
    .select(['t.site_code', 't.district_code'])
    .where('s.tube_code', '=', tubeCode)
    .where('s.person_id', '=', personId)
    .executeTakeFirst();
  return r ?? null;
}

/** Marks many samples green-lane at once (the demo's), in chunks; repeated marks keep the first. */
export async function insertGreenLanes(
  trx: Executor,
  rows: Array<{ tube_code: string; person_id: number; site_code: string; marked_at: string; actor: string }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('courier_green_lane')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['tube_code', 'person_id']).doNothing())
      .execute();
}

/** Marks a sample as green-lane; a repeated mark keeps the first. */
export async function insertGreenLane(
  trx: Executor,
  row: { tube_code: string; person_id: number; site_code: string; marked_at: string; actor: string },
): Promise<boolean> {
  const r = await trx
    .insertInto('courier_green_lane')
    .values(row)
    .onConflict((oc) => oc.columns(['tube_code', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Workers' swabs taken at or after a time (the demo marks them green-lane), with the sampling site. */
export async function workerSwabsSince(db: Db, since: string) {
  return db.k
    .selectFrom('samples as s')
    .innerJoin('courier_workers as w', 'w.person_id', 's.person_id')
    .innerJoin('tubes as t', 't.code', 's.tube_code')
    .select(['s.tube_code', 's.person_id', 't.site_code', 's.sampled_at'])
    .where('s.sampled_at', '>=', since)
    .orderBy('s.tube_code')
    .orderBy('s.person_id')
    .execute();
}

/** Couriers (distinct persons) with a green-lane swab sampled in [from, to). */
export async function greenLaneTested(db: Db, from: string, to: string): Promise<number> {
  const r = await db.k
    .selectFrom('courier_green_lane as g')
    .innerJoin('samples as s', (j) =>
      j.onRef('s.tube_code', '=', 'g.tube_code').onRef('s.person_id', '=', 'g.person_id'),
    )
    .select((e) => e.fn.count<number>('g.person_id').distinct().as('n'))
    .where('s.sampled_at', '>=', from)
    .where('s.sampled_at', '<', to)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The districts of some outlets (an outlet manager's delivery points lie in their outlet's district). */
export async function districtsOfOutlets(db: Db, ids: number[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.k
    .selectFrom('courier_outlets')
    .select('district_code')
    .distinct()
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.district_code).sort();
}
