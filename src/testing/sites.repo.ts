import type { Updateable } from 'kysely';
import type { Db } from '../platform/db/db.ts';
import type { SiteRow } from './testing.tables.ts';
import './testing.tables.ts';

/** Changes a site's fields; returns how many rows changed (0: no such site). */
export async function updateSiteRow(db: Db, code: string, set: Updateable<SiteRow>): Promise<number> {
  const r = await db.k.updateTable('sampling_sites').set(set).where('code', '=', code).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** One site by code. */
export async function siteByCode(db: Db, code: string) {
  return db.k.selectFrom('sampling_sites').selectAll().where('code', '=', code).executeTakeFirst();
}
