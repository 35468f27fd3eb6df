import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { TestingAlertRow } from './testing.tables.ts';
import './testing.tables.ts';

export type StoredAlert = Omit<Selectable<TestingAlertRow>, 'id'> & { id: number };

/** Creates alerts; an alert already raised for the same tube and kind is left alone. */
export async function insertAlerts(trx: Executor, rows: Insertable<TestingAlertRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('testing_alerts')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['kind', 'tube_code']).doNothing())
      .execute();
}

/**
 * Alerts raised by `asOf` (ISO, as stored; without it every one on record), newest first,
 * optionally of one district and only the open ones; open means not acknowledged by then.
 */
export async function listAlerts(
  db: Db,
  f: { district?: string; open?: boolean; asOf?: string },
  limit = 500,
): Promise<StoredAlert[]> {
  const asOf = f.asOf ?? '9999';
  let q = db.k.selectFrom('testing_alerts').selectAll().where('created_at', '<=', asOf);
  if (f.district) q = q.where('district_code', '=', f.district);
  if (f.open === true) q = q.where((e) => e.or([e('acknowledged_at', 'is', null), e('acknowledged_at', '>', asOf)]));
  if (f.open === false) q = q.where('acknowledged_at', '<=', asOf);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    campaign_id: r.campaign_id === null ? null : Number(r.campaign_id),
  }));
}

/** One alert by id. */
export async function alertById(db: Db, id: number): Promise<StoredAlert | undefined> {
  const r = await db.k.selectFrom('testing_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { ...r, id: Number(r.id), campaign_id: r.campaign_id === null ? null : Number(r.campaign_id) };
}

/** Acknowledges an open alert; false when someone acknowledged it first. */
export async function ackAlert(trx: Executor, id: number, by: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('testing_alerts')
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
