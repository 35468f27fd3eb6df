import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { AppealDeadlineRow, AppealEventRow, AppealRow } from './appeals.tables.ts';
import './appeals.tables.ts';
import { applyAppealCountDeltas } from './counts.repo.ts';
import { addContribution, type Countable, type CountRow, countDeltas, overdueAt } from './counts.rules.ts';
import { writeOverdue, writeSearch } from './search.repo.ts';

// The appeals themselves, their timeline and the deadline settings. Enterprises and the account
// links are in enterprises.repo.ts, the messages in outbox.repo.ts, the whitelist reports and
// liaison tasks in whitelist.repo.ts; the list and search queries in queue.repo.ts and list.repo.ts.
export { type AppealFilter, listAppeals, overdueUnescalated } from './queue.repo.ts';

const CHUNK = 500;
type WithId<T> = Omit<Selectable<T>, 'id'> & { id: number };
export type StoredAppeal = WithId<AppealRow>;
export type StoredEvent = WithId<AppealEventRow>;
const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) });

// ---------------------------------------------------------------- appeals

/** A new appeal: the repository derives its overdue instant and search tokens. */
export type NewAppeal = Omit<Insertable<AppealRow>, 'overdue_at'>;

/** Inserts appeals with their derived columns, search tokens and counter contributions; returns their ids. */
export async function insertAppeals(trx: Executor, rows: NewAppeal[]): Promise<number[]> {
  const ids: number[] = [];
  const deltas = new Map<string, CountRow>();
  const full = rows.map((r) => ({ ...r, overdue_at: overdueAt(r as Countable) }));
  for (let i = 0; i < full.length; i += 200) {
    const chunk = full.slice(i, i + 200);
    for (const r of chunk) addContribution(deltas, r as Countable, 1);
    const r = await trx.insertInto('appeals').values(chunk).returning('id').execute();
    ids.push(...r.map((x) => Number(x.id)));
  }
  await writeSearch(
    trx,
    full.map((r, i) => ({ ...r, id: ids[i] as number })),
    false,
  );
  await applyAppealCountDeltas(trx, [...deltas.values()]);
  return ids;
}

/** An appeal by id. */
export async function appealById(db: Executor, id: number): Promise<StoredAppeal | undefined> {
  const r = await db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

/** An appeal by its tracking number. */
export async function appealByTracking(db: Executor, trackingNo: string): Promise<StoredAppeal | undefined> {
  const r = await db.selectFrom('appeals').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();
  return r && num(r);
}

/** The appeal a submission with this idempotency key created. */
export async function appealByIdemKey(db: Executor, key: string): Promise<StoredAppeal | undefined> {
  const r = await db.selectFrom('appeals').selectAll().where('idem_key', '=', key).executeTakeFirst();
  return r && num(r);
}

/** The appeal, locked for the rest of the transaction on PostgreSQL (SQLite has one writer). */
export async function lockAppeal(trx: Executor, id: number, dialect: string): Promise<StoredAppeal | undefined> {
  const q = trx.selectFrom('appeals').selectAll().where('id', '=', id);
  const r = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return r && num(r);
}

/**
 * Writes a change to an appeal read in the same transaction (locked): the patch, the derived
 * columns, and the counters moved from its old contribution to its new one. Returns the new row.
 */
export async function updateAppeal(
  trx: Executor,
  before: StoredAppeal,
  patch: Updateable<AppealRow>,
): Promise<StoredAppeal> {
  const after = { ...before, ...patch } as StoredAppeal;
  const overdue_at = overdueAt(after);
  await trx
    .updateTable('appeals')
    .set({ ...patch, overdue_at })
    .where('id', '=', before.id)
    .execute();
  const fields = ['title', 'content', 'status', 'district_code', 'category', 'channel', 'unit', 'received_at'] as const;
  if (fields.some((k) => after[k] !== before[k])) await writeSearch(trx, [{ ...after, overdue_at }], true);
  else if (overdue_at !== before.overdue_at) await writeOverdue(trx, before.id, overdue_at);
  await applyAppealCountDeltas(trx, countDeltas(before, after));
  return { ...after, overdue_at };
}

/** Submissions from one phone since an instant (flood control). */
export async function countByPhoneSince(db: Executor, phoneHash: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('appeals')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('phone_hash', '=', phoneHash)
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Appends timeline events. */
export async function insertEvents(trx: Executor, rows: Insertable<AppealEventRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('appeal_events')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** An appeal's timeline in order. */
export async function eventsOf(db: Executor, appealId: number): Promise<StoredEvent[]> {
  return (
    await db.selectFrom('appeal_events').selectAll().where('appeal_id', '=', appealId).orderBy('id').execute()
  ).map((r) => ({ ...num(r), appeal_id: Number(r.appeal_id) }));
}

// ---------------------------------------------------------------- deadlines

/** The configured deadline rules. */
export async function listDeadlines(db: Executor): Promise<Selectable<AppealDeadlineRow>[]> {
  return db.selectFrom('appeal_deadlines').selectAll().orderBy('urgency').orderBy('category').execute();
}

/** Sets the deadline rule of an urgency and category. */
export async function upsertDeadline(trx: Executor, row: AppealDeadlineRow): Promise<void> {
  const { urgency, category, ...rest } = row;
  await trx
    .insertInto('appeal_deadlines')
    .values(row)
    .onConflict((oc) => oc.columns(['urgency', 'category']).doUpdateSet(rest))
    .execute();
}
