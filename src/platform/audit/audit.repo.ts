import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/db.ts';
import type { Database } from '../db/schema.ts';
import '../platform.tables.ts';
import type { AuditRow } from '../platform.tables.ts';

export type Executor = Kysely<Database>;

/** Serialises appends on PostgreSQL; SQLite transactions are already serial. */
export async function lockChain(db: Db, trx: Executor): Promise<void> {
  if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7220222)`.execute(trx);
}

/** The newest entry (id and hash), or null for an empty log. */
export async function lastEntry(trx: Executor): Promise<{ id: number; hash: string } | null> {
  const row = await trx
    .selectFrom('audit_log')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: Number(row.id), hash: row.hash } : null;
}

/** Inserts one fully formed entry. */
export async function insertEntry(trx: Executor, row: AuditRow): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

/** Entries after `afterId` in id order, for verification in pages. */
export async function entriesAfter(db: Db, afterId: number, limit: number): Promise<AuditRow[]> {
  const rows = await db.k
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** A page of entries, newest first, optionally for one entity. */
export async function listEntries(
  db: Db,
  opts: { offset: number; limit: number; entity?: string; entityId?: string },
): Promise<{ rows: AuditRow[]; total: number }> {
  let q = db.k.selectFrom('audit_log');
  if (opts.entity) q = q.where('entity', '=', opts.entity);
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  const rows = await q.selectAll().orderBy('id', 'desc').offset(opts.offset).limit(opts.limit).execute();
  const total = await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows: rows.map((r) => ({ ...r, id: Number(r.id) })), total: Number(total.n) };
}
