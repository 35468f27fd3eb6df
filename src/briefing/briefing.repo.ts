import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { BriefingRow } from './briefing.tables.ts';
import './briefing.tables.ts';

/** The stored briefing of a day, or undefined. */
export async function findBriefing(db: Db | Executor, date: string): Promise<BriefingRow | undefined> {
  const k = 'k' in db ? db.k : db;
  return k.selectFrom('briefings').selectAll().where('date', '=', date).executeTakeFirst();
}

/** Inserts or replaces the briefing of a day. */
export async function saveBriefing(trx: Executor, row: BriefingRow): Promise<void> {
  await trx
    .insertInto('briefings')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ ...row }))
    .execute();
}

/** Briefings in a date range, newest first (status only). */
export async function listBriefings(db: Db, from: string, to: string) {
  return db.k
    .selectFrom('briefings')
    .select(['date', 'status', 'updated_at', 'published_at'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date', 'desc')
    .execute();
}
