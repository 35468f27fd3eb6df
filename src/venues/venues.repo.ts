import type BetterSqlite3 from 'better-sqlite3';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
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

/** Changes a venue's status or code version. */
export async function updateVenue(
  trx: Executor,
  code: string,
  patch: Partial<Pick<VenueRow, 'status' | 'code_version' | 'notice_no'>>,
): Promise<void> {
  await trx.updateTable('venues').set(patch).where('code', '=', code).execute();
}

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
 * Appends a group of scans in one transaction; a key already stored is skipped (on PostgreSQL by
 * the key and day, the partitioned table's key: "on conflict" names no columns), so a retried
 * request never records a scan twice. Returns the ids whose stored row may not be the one given
 * here (skipped, or twice in the group), whose requests must be answered from the database; null
 * when there are none.
 */
export async function appendScans(db: Db, rows: ScanRow[]): Promise<string[] | null> {
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
    handle.transaction(() => {
      for (const r of rows) if (run.run(...scanParams(r)).changes === 0) skipped.push(r.id);
    })();
    return skipped.length ? skipped : null;
  }
  const inserted = await db.k
    .insertInto('scans')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
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

/** Scans per venue and hour, with denials, for a day (venue statistics). */
export async function scanStats(db: Db, day: string, venueIds?: number[]) {
  let q = db.reads
    .selectFrom('scans')
    .select((e) => [
      'venue_id',
      e.fn.countAll<number>().as('scans'),
      e.fn.count<number>(e.case().when('verdict', '=', 'deny').then(1).end()).as('denied'),
      e.fn.count<number>(e.case().when('source', '=', 'paper').then(1).end()).as('paper'),
    ])
    .where('day', '=', day);
  if (venueIds) q = q.where('venue_id', 'in', venueIds.length ? venueIds : [-1]);
  return (await q.groupBy('venue_id').execute()).map((r) => ({
    venueId: Number(r.venue_id),
    scans: Number(r.scans),
    denied: Number(r.denied),
    paper: Number(r.paper),
  }));
}

/** A day's scans, denials and paper lines in all, optionally for some venues (one row back). */
export async function scanTotals(db: Db, day: string, venueIds?: number[]) {
  let q = db.reads
    .selectFrom('scans')
    .select((e) => [
      e.fn.countAll<number>().as('scans'),
      e.fn.count<number>(e.case().when('verdict', '=', 'deny').then(1).end()).as('denied'),
      e.fn.count<number>(e.case().when('source', '=', 'paper').then(1).end()).as('paper'),
    ])
    .where('day', '=', day);
  if (venueIds) q = q.where('venue_id', 'in', venueIds.length ? venueIds : [-1]);
  const r = await q.executeTakeFirst();
  return { scans: Number(r?.scans ?? 0), denied: Number(r?.denied ?? 0), paper: Number(r?.paper ?? 0) };
}

/** A day's scans by hour (UTC 'YYYY-MM-DDTHH') and by deny reason list, optionally for some venues. */
export async function scanBreakdown(db: Db, day: string, venueIds?: number[]) {
  let q = db.reads
    .selectFrom('scans')
    .select((e) => [sql<string>`substr(at, 1, 13)`.as('hour'), 'verdict', 'reasons', e.fn.countAll<number>().as('n')])
    .where('day', '=', day);
  if (venueIds) q = q.where('venue_id', 'in', venueIds.length ? venueIds : [-1]);
  const rows = await q.groupBy([sql`substr(at, 1, 13)`, 'verdict', 'reasons']).execute();
  return rows.map((r) => ({
    hour: r.hour,
    verdict: r.verdict,
    reasons: JSON.parse(r.reasons) as string[],
    n: Number(r.n),
  }));
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

/** The latest day with any scan (screens open on it), or null. */
export async function latestScanDay(db: Db, venueIds: number[] | undefined, upTo: string): Promise<string | null> {
  let q = db.reads
    .selectFrom('scans')
    .select((e) => e.fn.max('day').as('day'))
    .where('day', '<=', upTo);
  if (venueIds) q = q.where('venue_id', 'in', venueIds.length ? venueIds : [-1]);
  const r = await q.executeTakeFirst();
  return (r?.day as string | null | undefined) ?? null;
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
