import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { VenueNoticeItemRow, VenueNoticeRow } from './suspensions.tables.ts';
import './suspensions.tables.ts';
import './venues.tables.ts';

export type StoredNotice = Omit<Selectable<VenueNoticeRow>, 'id'> & { id: number };

/** Every suspension notice, newest first. */
export async function allNotices(db: Db): Promise<StoredNotice[]> {
  const rows = await db.reads
    .selectFrom('venue_notices')
    .selectAll()
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** One notice by its number. */
export async function noticeByNo(k: Executor, noticeNo: string): Promise<StoredNotice | undefined> {
  const r = await k.selectFrom('venue_notices').selectAll().where('notice_no', '=', noticeNo).executeTakeFirst();
  return r && { ...r, id: Number(r.id) };
}

/** Records a notice; returns its id. */
export async function insertNotice(trx: Executor, row: Insertable<VenueNoticeRow>): Promise<number> {
  const r = await trx.insertInto('venue_notices').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Records the venues a notice took and their statuses before, in chunks. */
export async function insertNoticeItems(trx: Executor, rows: VenueNoticeItemRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('venue_notice_items')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The venues a notice took, with their current status and holding notice. */
export async function noticeItems(k: Executor, noticeId: number) {
  const rows = await k
    .selectFrom('venue_notice_items as i')
    .innerJoin('venues as v', 'v.id', 'i.venue_id')
    .select([
      'i.venue_id',
      'i.previous_status',
      'i.restored',
      'v.code',
      'v.name',
      'v.category',
      'v.district_code',
      'v.community_code',
      'v.status',
      'v.notice_no',
    ])
    .where('i.notice_id', '=', noticeId)
    .orderBy('v.code')
    .execute();
  return rows.map((r) => ({ ...r, venue_id: Number(r.venue_id), restored: Number(r.restored) }));
}

/** Every notice's items as (notice, district, restored) counts, for the notice list. */
export async function itemCounts(db: Db) {
  const rows = await db.reads
    .selectFrom('venue_notice_items as i')
    .innerJoin('venues as v', 'v.id', 'i.venue_id')
    .select((e) => [
      'i.notice_id',
      'v.district_code',
      'v.community_code',
      'i.restored',
      e.fn.countAll<number>().as('n'),
    ])
    .groupBy(['i.notice_id', 'v.district_code', 'v.community_code', 'i.restored'])
    .execute();
  return rows.map((r) => ({ ...r, notice_id: Number(r.notice_id), restored: Number(r.restored), n: Number(r.n) }));
}

/** Sets the status and holding notice of venues by id, in chunks. */
export async function setVenuesHeld(
  trx: Executor,
  ids: number[],
  patch: { status: string; notice_no: string | null },
): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await trx
      .updateTable('venues')
      .set(patch)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}

/** Marks a notice's items given back, and the notice reopened. */
export async function closeNotice(
  trx: Executor,
  noticeId: number,
  restoredIds: number[],
  by: string,
  at: string,
): Promise<void> {
  for (let i = 0; i < restoredIds.length; i += 500)
    await trx
      .updateTable('venue_notice_items')
      .set({ restored: 1 })
      .where('notice_id', '=', noticeId)
      .where('venue_id', 'in', restoredIds.slice(i, i + 500))
      .execute();
  await trx.updateTable('venue_notices').set({ reopened_at: at, reopened_by: by }).where('id', '=', noticeId).execute();
}

/** How many venues each notice holds suspended now, by notice number and district. */
export async function heldCounts(db: Db): Promise<Array<{ notice_no: string; district_code: string; n: number }>> {
  const rows = await db.reads
    .selectFrom('venues')
    .select((e) => ['notice_no', 'district_code', e.fn.countAll<number>().as('n')])
    .where('notice_no', 'is not', null)
    .where('status', '=', 'suspended')
    .groupBy(['notice_no', 'district_code'])
    .execute();
  return rows.map((r) => ({ notice_no: r.notice_no as string, district_code: r.district_code, n: Number(r.n) }));
}
