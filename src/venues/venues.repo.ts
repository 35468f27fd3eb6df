import type BetterSqlite3 from 'better-sqlite3';
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import { addScanCounts, COUNTS_BY_SQL, countScansSqlite, countsBySqlSqlite } from './counters.repo.ts';
import type { ScanRow, VenueRow } from './venues.tables.ts';
import './venues.tables.ts';

export type StoredVenue = Omit<Selectable<VenueRow>, 'id'> & { id: number };

/** Every venue (the check and the screens keep them in memory); read off the server thread. */
export async function allVenues(db: Db): Promise<StoredVenue[]> {
  return (await db.reads.selectFrom('venues').selectAll().orderBy('id').execute()).map((r) => ({
    ...r,
    id: Number(r.id),
  }));
}

/** Inserts venues in chunks. */
export async function insertVenues(trx: Executor, rows: Insertable<VenueRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('venues')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The venues among these codes (a registration's duplicate check, without reading the registry). */
export async function venuesByCodes(db: Db | Executor, codes: string[]): Promise<StoredVenue[]> {
  const k = 'k' in db ? db.k : db;
  const out: StoredVenue[] = [];
  for (let i = 0; i < codes.length; i += 500)
    for (const r of await k
      .selectFrom('venues')
      .selectAll()
      .where('code', 'in', codes.slice(i, i + 500))
      .execute())
      out.push({ ...r, id: Number(r.id) });
  return out;
}

/** Changes a venue's status, code version, name or kind. */
export async function updateVenue(
  trx: Executor,
  code: string,
  patch: Partial<Pick<VenueRow, 'status' | 'code_version' | 'notice_no' | 'name' | 'kind'>>,
): Promise<void> {
  await trx.updateTable('venues').set(patch).where('code', '=', code).execute();
}

/** Whether scans are counted: false and 'sql' (COUNTS_BY_SQL) only for the benchmark's comparison. */
export type Counting = boolean | 'sql';

const statements = new WeakMap<object, BetterSqlite3.Statement<unknown[]>>();

/** The insert of one scan, as the SQLite writer thread prepares it (a stored key is skipped). */
export const SCAN_INSERT_SQLITE =
  'insert into scans (id, venue_id, person_id, at, day, verdict, colour, reasons, proxy, source, request_hash, reply, policy_id, policy_rule) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing';

/** A scan as the positional parameters of SCAN_INSERT_SQLITE. */
export function scanParams(r: ScanRow): unknown[] {
  return [
    r.id,
    r.venue_id,
    r.person_id,
    r.at,
    r.day,
    r.verdict,
    r.colour,
    r.reasons,
    r.proxy,
    r.source,
    r.request_hash,
    r.reply,
    r.policy_id,
    r.policy_rule,
  ];
}

/**
 * Inserts scans given as SCAN_INSERT_SQLITE's parameters (a replayed scan log) with their venue
 * counts, in one transaction on a SQLite connection; a stored id is skipped and not counted again.
 */
export function insertScanParams(handle: BetterSqlite3.Database, rows: unknown[][]): void {
  const run = handle.prepare<unknown[]>(SCAN_INSERT_SQLITE);
  handle.transaction(() => {
    countScansSqlite(
      handle,
      rows.filter((r) => run.run(...r).changes > 0),
    );
  })();
}

/**
 * Appends a group of scans in one transaction; a key already stored is skipped (on PostgreSQL by
 * the key and day, the partitioned table's key: "on conflict" names no columns), so a retried
 * request never records a scan twice. Returns the ids whose stored row may not be the one given
 * here (skipped, or twice in the group), whose requests must be answered from the database; null
 * when there are none. The venue counters count the inserted rows in the same transaction
 * (`counting` false only for the benchmark's run without them, 'sql' for its run the way before).
 */
export async function appendScans(db: Db, rows: ScanRow[], counting: Counting = true): Promise<string[] | null> {
  const skipped: string[] = [];
  if (db.sqlite) {
    const handle = db.sqlite;
    let st = statements.get(handle);
    if (!st) {
      st = handle.prepare<unknown[]>(SCAN_INSERT_SQLITE);
      statements.set(handle, st);
    }
    const run = st;
    // Synchronous on the one connection, so no other query interleaves with this transaction.
    const before = counting === 'sql' ? countsBySqlSqlite(handle) : null;
    handle.transaction(() => {
      const from = before?.before() ?? 0;
      const stored: unknown[][] = [];
      for (const r of rows) {
        const p = scanParams(r);
        if (run.run(...p).changes === 0) skipped.push(r.id);
        else stored.push(p);
      }
      if (before) before.count(from);
      else if (counting) countScansSqlite(handle, stored);
    })();
    return skipped.length ? skipped : null;
  }
  const inserted = await db.k.transaction().execute(async (trx) => {
    const ids = await trx
      .insertInto('scans')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    // The venue counters count the rows inserted, each once (an id twice in the group is one row).
    if (counting) {
      const fresh = new Set(ids.map((r) => r.id));
      const stored = rows.filter((r) => fresh.delete(r.id));
      if (counting === 'sql') await COUNTS_BY_SQL.add(trx, db.dialect, stored);
      else await addScanCounts(trx, stored);
    }
    return ids;
  });
  // Every row inserted: none skipped, and no id twice (the second would have been skipped).
  if (inserted.length === rows.length) return null;
  // An id twice in the group is inserted for one of its requests only: both answer from the row.
  const fresh = new Set(inserted.map((r) => r.id));
  const seen = new Set<string>();
  for (const r of rows) {
    if (!fresh.has(r.id) || seen.has(r.id)) skipped.push(r.id);
    seen.add(r.id);
  }
  return skipped;
}

/** A stored scan by its key with its venue (to answer a retry from what was stored). */
export async function storedScan(db: Db, id: string) {
  return db.k
    .selectFrom('scans as s')
    .innerJoin('venues as v', 'v.id', 's.venue_id')
    .select([
      's.id',
      's.verdict',
      's.colour',
      's.request_hash',
      's.reply',
      's.policy_id',
      's.policy_rule',
      'v.code as venue_code',
      'v.name as venue_name',
      'v.category as venue_category',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** The person behind a resident's account, or undefined. */
export async function personOfUser(db: Db, userId: number): Promise<number | undefined> {
  const r = await db.k
    .selectFrom('resident_accounts')
    .select('person_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r ? Number(r.person_id) : undefined;
}

/** Links a resident's account to their person record. */
export async function linkResident(trx: Executor, userId: number, personId: number): Promise<void> {
  await trx
    .insertInto('resident_accounts')
    .values({ user_id: userId, person_id: personId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ person_id: personId }))
    .execute();
}

/** The venues a venue operator's account is tied to. */
export async function operatorVenueIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.k.selectFrom('venue_operators').select('venue_id').where('user_id', '=', userId).execute();
  return rows.map((r) => Number(r.venue_id));
}

/** Ties an operator's account to a venue (idempotent). */
export async function linkOperator(trx: Executor, userId: number, venueId: number): Promise<void> {
  await trx
    .insertInto('venue_operators')
    .values({ user_id: userId, venue_id: venueId })
    .onConflict((oc) => oc.columns(['user_id', 'venue_id']).doNothing())
    .execute();
}

/** Venues per status (open, suspended, closed-loop) across the city. */
export async function countVenuesByStatus(db: Db): Promise<Map<string, number>> {
  const rows = await db.reads
    .selectFrom('venues')
    .select((e) => ['status', e.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
