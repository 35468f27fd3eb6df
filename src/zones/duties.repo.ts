import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { DutyRow } from './zones.tables.ts';
import './zones.tables.ts';

export type StoredDuty = Omit<Selectable<DutyRow>, 'id' | 'zone_id'> & {
  id: number;
  zone_id: number;
  zone_code: string;
};
const norm = (r: Selectable<DutyRow> & { zone_code: string }): StoredDuty => ({
  ...r,
  id: Number(r.id),
  zone_id: Number(r.zone_id),
});

/** Duties of a zone, open first then by due time. */
export async function dutiesOf(db: Db, zoneId: number): Promise<StoredDuty[]> {
  const rows = await db.k
    .selectFrom('zone_duties as d')
    .innerJoin('zones as z', 'z.id', 'd.zone_id')
    .selectAll('d')
    .select('z.code as zone_code')
    .where('d.zone_id', '=', zoneId)
    .orderBy('d.due_at')
    .execute();
  return rows.map(norm);
}

/** Open duties past due at `now`, optionally in one district or street. */
export async function overdueDuties(
  db: Db,
  now: string,
  area: { district?: string; street?: string },
): Promise<StoredDuty[]> {
  let q = db.k
    .selectFrom('zone_duties as d')
    .innerJoin('zones as z', 'z.id', 'd.zone_id')
    .selectAll('d')
    .select('z.code as zone_code')
    .where('d.closed_at', 'is', null)
    .where('d.due_at', '<', now);
  if (area.district) q = q.where('z.district_code', '=', area.district);
  if (area.street) q = q.where('z.street_code', '=', area.street);
  return (await q.orderBy('d.due_at').limit(1000).execute()).map(norm);
}

/** Open overdue duties per zone, for lists. */
export async function overdueCounts(db: Db, now: string, zoneIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < zoneIds.length; i += 500) {
    const rows = await db.k
      .selectFrom('zone_duties')
      .select(['zone_id', (e) => e.fn.countAll<number>().as('n')])
      .where('closed_at', 'is', null)
      .where('due_at', '<', now)
      .where('zone_id', 'in', zoneIds.slice(i, i + 500))
      .groupBy('zone_id')
      .execute();
    for (const r of rows) out.set(Number(r.zone_id), Number(r.n));
  }
  return out;
}

/** Inserts duties. */
export async function insertDuties(trx: Executor, rows: Insertable<DutyRow>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500)
    ids.push(
      ...(
        await trx
          .insertInto('zone_duties')
          .values(rows.slice(i, i + 500))
          .returning('id')
          .execute()
      ).map((r) => Number(r.id)),
    );
  return ids;
}

/** One duty with its zone code. */
export async function dutyById(db: Db | Executor, id: number): Promise<StoredDuty | undefined> {
  const k = 'k' in db ? db.k : db;
  const r = await k
    .selectFrom('zone_duties as d')
    .innerJoin('zones as z', 'z.id', 'd.zone_id')
    .selectAll('d')
    .select('z.code as zone_code')
    .where('d.id', '=', id)
    .executeTakeFirst();
  return r && norm(r);
}

/** Closes a duty with a note. */
export async function closeDutyRow(trx: Executor, id: number, at: string, note: string): Promise<void> {
  await trx.updateTable('zone_duties').set({ closed_at: at, closing_note: note }).where('id', '=', id).execute();
}
