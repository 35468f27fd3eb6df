import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { SiteRow } from './testing.tables.ts';
import './testing.tables.ts';

const CHUNK = 500;
export type StoredSite = Omit<Selectable<SiteRow>, 'id'> & { id: number };

/** Inserts sampling sites. */
export async function insertSites(trx: Executor, rows: Insertable<SiteRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('sampling_sites')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Sites, optionally of one district. */
export async function listSites(db: Db, district?: string): Promise<StoredSite[]> {
  let q = db.k.selectFrom('sampling_sites').selectAll();
  if (district) q = q.where('district_code', '=', district);
  return (await q.orderBy('code').execute()).map((r) => ({ ...r, id: Number(r.id) }));
}

/** Sets a site's reported queue length. */
export async function updateQueue(db: Db, code: string, queue: number, at: string): Promise<number> {
  const r = await db.k
    .updateTable('sampling_sites')
    .set({ queue_length: queue, queue_updated_at: at })
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Changes a site's fields; returns how many rows changed (0: no such site). */
export async function updateSiteRow(db: Db, code: string, set: Updateable<SiteRow>): Promise<number> {
  const r = await db.k.updateTable('sampling_sites').set(set).where('code', '=', code).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** One site by code. */
export async function siteByCode(db: Db, code: string) {
  return db.k.selectFrom('sampling_sites').selectAll().where('code', '=', code).executeTakeFirst();
}
