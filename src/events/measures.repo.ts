import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { MeasureRow } from './measures.tables.ts';
import './measures.tables.ts';

export type StoredMeasure = Omit<Selectable<MeasureRow>, 'id'> & { id: number };

/** The measures in force on a day (from ≤ day ≤ to, or no end), in the order they were recorded. */
export async function measuresOnDay(db: Db, day: string): Promise<StoredMeasure[]> {
  const rows = await db.reads
    .selectFrom('measures')
    .selectAll()
    .where('effective_from', '<=', day)
    .where((e) => e.or([e('effective_to', 'is', null), e('effective_to', '>=', day)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** One measure by its notice and kind. */
export async function measureOf(k: Executor, noticeNo: string, kind: string): Promise<StoredMeasure | undefined> {
  const r = await k
    .selectFrom('measures')
    .selectAll()
    .where('notice_no', '=', noticeNo)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r && { ...r, id: Number(r.id) };
}

/** Records a measure; returns its id. */
export async function insertMeasure(trx: Executor, row: Insertable<MeasureRow>): Promise<number> {
  const r = await trx.insertInto('measures').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}
