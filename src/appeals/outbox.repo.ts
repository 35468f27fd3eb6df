import { type Insertable, type Kysely, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { DialectName } from '../platform/db/db.ts';
import type { Database } from '../platform/db/schema.ts';
import type { OutboxRow } from './appeals.tables.ts';
import './appeals.tables.ts';

const CHUNK = 500;
const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) });

/** Queues messages to submitters (in the transaction of the change they tell of). */
export async function insertOutbox(trx: Executor, rows: Insertable<OutboxRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('appeal_outbox')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Pending messages in id order, with the encrypted phone and tracking number they go to. */
export async function pendingOutbox(db: Executor, limit: number) {
  return (
    await db
      .selectFrom('appeal_outbox')
      .innerJoin('appeals', 'appeals.id', 'appeal_outbox.appeal_id')
      .select([
        'appeal_outbox.id',
        'appeal_outbox.appeal_id',
        'appeal_outbox.kind',
        'appeal_outbox.body_zh',
        'appeal_outbox.attempts',
        'appeals.phone_enc',
        'appeals.tracking_no',
      ])
      .where('appeal_outbox.status', '=', 'pending')
      .orderBy('appeal_outbox.id')
      .limit(limit)
      .execute()
  ).map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Logs one delivery attempt and moves the message to sent, failed (given up) or still pending, both
 * at once: on PostgreSQL one statement (the log row inserted in its WITH), one round trip instead of
 * four; on SQLite a transaction of its own.
 */
export async function recordDelivery(
  db: Kysely<Database>,
  dialect: DialectName,
  outboxId: number,
  d: { at: string; sender: string; ok: boolean; detail: string; giveUp: boolean },
): Promise<void> {
  const row = { outbox_id: outboxId, at: d.at, sender: d.sender, ok: d.ok ? 1 : 0, detail: d.detail };
  const status = d.ok ? 'sent' : d.giveUp ? 'failed' : 'pending';
  const sent_at = d.ok ? d.at : null;
  if (dialect === 'postgres') {
    await db
      .with('logged', (w) => w.insertInto('appeal_deliveries').values(row).returning('id'))
      .updateTable('appeal_outbox')
      .set((e) => ({ status, attempts: sql<number>`${e.ref('attempts')} + 1`, sent_at }))
      .where('id', '=', outboxId)
      .execute();
    return;
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('appeal_deliveries').values(row).execute();
    await trx
      .updateTable('appeal_outbox')
      .set((e) => ({ status, attempts: sql<number>`${e.ref('attempts')} + 1`, sent_at }))
      .where('id', '=', outboxId)
      .execute();
  });
}

/** The messages of an appeal with their delivery attempts. */
export async function outboxOf(db: Executor, appealId: number) {
  const rows = await db
    .selectFrom('appeal_outbox')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const deliveries = ids.length
    ? await db.selectFrom('appeal_deliveries').selectAll().where('outbox_id', 'in', ids).orderBy('id').execute()
    : [];
  return rows.map((r) => ({
    ...num(r),
    deliveries: deliveries.filter((d) => Number(d.outbox_id) === Number(r.id)).map(num),
  }));
}
