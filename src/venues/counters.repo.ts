import type BetterSqlite3 from 'better-sqlite3';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { ScanRow } from './venues.tables.ts';
import './venues.tables.ts';

// Per venue and hour of the Beijing day, the scans, denials and paper lines, and the reasons given,
// kept as scans are indexed: the venue screens and the big screen's tile read these instead of
// counting a day of scans (2 M rows for a city) on every request.

// The Beijing hour (0–23) of a scan's ISO UTC instant, for its Beijing `day`.
export const HOUR_OF_AT = '(cast(substr(at, 12, 2) as integer) + 8) % 24';

/** The highest rowid of scans: the SQLite writer counts the rows it inserts after it. */
export const SCAN_LAST_ROWID_SQLITE = 'select coalesce(max(rowid), 0) from scans';

/** Whether a scan id is stored (a keyed scan that was acknowledged before). */
export const SCAN_EXISTS_SQLITE = 'select 1 from scans where id = ?';

/** Adds the scans inserted after a rowid to their venues' hourly counts (SQLite writer). */
export const SCAN_COUNTS_SQLITE = `insert into venue_hour_counts (day, venue_id, hour, scans, denied, paper)
  select day, venue_id, ${HOUR_OF_AT}, count(*), sum(verdict = 'deny'), sum(source = 'paper')
  from scans where rowid > ? group by 1, 2, 3
  on conflict (day, venue_id, hour) do update set scans = scans + excluded.scans,
    denied = denied + excluded.denied, paper = paper + excluded.paper`;

/** Adds the reasons of the scans inserted after a rowid to their venues' hourly counts (SQLite writer). */
export const SCAN_REASON_COUNTS_SQLITE = `insert into venue_hour_reasons (day, venue_id, hour, reason, n)
  select s.day, s.venue_id, (cast(substr(s.at, 12, 2) as integer) + 8) % 24, j.value, count(*)
  from scans s, json_each(s.reasons) j where s.rowid > ? group by 1, 2, 3, 4
  on conflict (day, venue_id, hour, reason) do update set n = n + excluded.n`;

/** The counter statements of a SQLite connection, prepared once. */
export interface SqliteCounters {
  lastRowid: BetterSqlite3.Statement<[], number>;
  counts: BetterSqlite3.Statement<[number]>;
  reasons: BetterSqlite3.Statement<[number]>;
}

const prepared = new WeakMap<object, SqliteCounters>();

/** The counter statements of a better-sqlite3 connection. */
export function sqliteCounters(handle: BetterSqlite3.Database): SqliteCounters {
  let c = prepared.get(handle);
  if (!c) {
    c = {
      lastRowid: handle.prepare<[], number>(SCAN_LAST_ROWID_SQLITE).pluck(),
      counts: handle.prepare<[number]>(SCAN_COUNTS_SQLITE),
      reasons: handle.prepare<[number]>(SCAN_REASON_COUNTS_SQLITE),
    };
    prepared.set(handle, c);
  }
  return c;
}

/** Counts scans just inserted (given as rows) into their venues' hours, in the caller's transaction. */
export async function addScanCounts(trx: Executor, rows: ScanRow[]): Promise<void> {
  const hours = new Map<string, { day: string; venue_id: number; hour: number; scans: number; denied: number; paper: number }>();
  const reasons = new Map<string, { day: string; venue_id: number; hour: number; reason: string; n: number }>();
  for (const r of rows) {
    const hour = (Number(r.at.slice(11, 13)) + 8) % 24;
    const k = `${r.day}|${r.venue_id}|${hour}`;
    let h = hours.get(k);
    if (!h) hours.set(k, (h = { day: r.day, venue_id: r.venue_id, hour, scans: 0, denied: 0, paper: 0 }));
    h.scans++;
    if (r.verdict === 'deny') h.denied++;
    if (r.source === 'paper') h.paper++;
    for (const reason of JSON.parse(r.reasons) as string[]) {
      const rk = `${k}|${reason}`;
      const x = reasons.get(rk);
      if (x) x.n++;
      else reasons.set(rk, { day: r.day, venue_id: r.venue_id, hour, reason, n: 1 });
    }
  }
  const hourRows = [...hours.values()];
  for (let i = 0; i < hourRows.length; i += 500)
    await trx
      .insertInto('venue_hour_counts')
      .values(hourRows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['day', 'venue_id', 'hour']).doUpdateSet((eb) => ({
          scans: eb('venue_hour_counts.scans', '+', eb.ref('excluded.scans')),
          denied: eb('venue_hour_counts.denied', '+', eb.ref('excluded.denied')),
          paper: eb('venue_hour_counts.paper', '+', eb.ref('excluded.paper')),
        })),
      )
      .execute();
  const reasonRows = [...reasons.values()];
  for (let i = 0; i < reasonRows.length; i += 500)
    await trx
      .insertInto('venue_hour_reasons')
      .values(reasonRows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(['day', 'venue_id', 'hour', 'reason'])
          .doUpdateSet((eb) => ({ n: eb('venue_hour_reasons.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
}

/** Where a day's counters stop: hours up to `untilHour` (the business now's hour on the business today). */
export interface CountWindow {
  day: string;
  untilHour: number;
  venueIds?: number[];
}

function counted(db: Db, w: CountWindow) {
  let q = db.reads.selectFrom('venue_hour_counts').where('day', '=', w.day).where('hour', '<=', w.untilHour);
  if (w.venueIds) q = q.where('venue_id', 'in', w.venueIds.length ? w.venueIds : [-1]);
  return q;
}

function reasonsCounted(db: Db, w: CountWindow) {
  let q = db.reads.selectFrom('venue_hour_reasons').where('day', '=', w.day).where('hour', '<=', w.untilHour);
  if (w.venueIds) q = q.where('venue_id', 'in', w.venueIds.length ? w.venueIds : [-1]);
  return q;
}

/** Scans, denials and paper lines per venue for a day (venue statistics and lists). */
export async function scanStats(db: Db, w: CountWindow) {
  const rows = await counted(db, w)
    .select((e) => [
      'venue_id',
      e.fn.sum<number>('scans').as('scans'),
      e.fn.sum<number>('denied').as('denied'),
      e.fn.sum<number>('paper').as('paper'),
    ])
    .groupBy('venue_id')
    .execute();
  return rows.map((r) => ({
    venueId: Number(r.venue_id),
    scans: Number(r.scans),
    denied: Number(r.denied),
    paper: Number(r.paper),
  }));
}

/** A day's scans, denials and paper lines in all, optionally for some venues (one row back). */
export async function scanTotals(db: Db, w: CountWindow) {
  const r = await counted(db, w)
    .select((e) => [
      e.fn.sum<number>('scans').as('scans'),
      e.fn.sum<number>('denied').as('denied'),
      e.fn.sum<number>('paper').as('paper'),
    ])
    .executeTakeFirst();
  return { scans: Number(r?.scans ?? 0), denied: Number(r?.denied ?? 0), paper: Number(r?.paper ?? 0) };
}

/** A day's scans and denials by Beijing hour, and its reasons, optionally for some venues. */
export async function scanBreakdown(db: Db, w: CountWindow) {
  const hours = await counted(db, w)
    .select((e) => ['hour', e.fn.sum<number>('scans').as('scans'), e.fn.sum<number>('denied').as('denied')])
    .groupBy('hour')
    .orderBy('hour')
    .execute();
  const reasons = await reasonsCounted(db, w)
    .select((e) => ['reason', e.fn.sum<number>('n').as('n')])
    .groupBy('reason')
    .execute();
  return {
    hours: hours.map((h) => ({ hour: Number(h.hour), scans: Number(h.scans), denied: Number(h.denied) })),
    reasons: reasons.map((r) => ({ code: r.reason, n: Number(r.n) })),
  };
}

/** The latest day with any scan up to `upTo` (screens open on it), or null. */
export async function latestScanDay(db: Db, venueIds: number[] | undefined, upTo: string): Promise<string | null> {
  let q = db.reads
    .selectFrom('venue_hour_counts')
    .select((e) => e.fn.max('day').as('day'))
    .where('day', '<=', upTo);
  if (venueIds) q = q.where('venue_id', 'in', venueIds.length ? venueIds : [-1]);
  const r = await q.executeTakeFirst();
  return (r?.day as string | null | undefined) ?? null;
}

/** Removes the counters of days before `cutoff` (scan retention). */
export async function dropCountsBefore(db: Db, cutoff: string): Promise<void> {
  await db.k.deleteFrom('venue_hour_counts').where('day', '<', cutoff).execute();
  await db.k.deleteFrom('venue_hour_reasons').where('day', '<', cutoff).execute();
}
