import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { ScanRow } from './venues.tables.ts';
import './venues.tables.ts';

// Scans, denials, paper lines and reasons kept per venue and Beijing hour, per venue and day, and
// per district and hour, added to as scans are indexed: the venue screens and the big screen's
// tile read these (a city's day is ~1 M venue-hours, 100,000 venue-days, a few hundred
// district-hours) instead of counting a day of scans (2 M rows) on every request.

/** The Beijing hour (0–23) of a scan's ISO UTC instant `at`, for its Beijing `day`. */
export const hourOfAt = (at: string) => `(cast(substr(${at}, 12, 2) as integer) + 8) % 24`;

/** The highest rowid of scans: the SQLite writer counts the rows it inserts after it. */
export const SCAN_LAST_ROWID_SQLITE = 'select coalesce(max(rowid), 0) from scans';

/** Whether a scan id is stored (a keyed scan that was acknowledged before). */
export const SCAN_EXISTS_SQLITE = 'select 1 from scans where id = ?';

const add = (table: string, cols: string[]) => cols.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');
const COUNTS =
  "count(*), sum(case when s.verdict = 'deny' then 1 else 0 end), sum(case when s.source = 'paper' then 1 else 0 end)";
// A venue's own counters need no join; a district's take it from the venue registry.
const SCANS = 'scans s';
const IN_DISTRICTS = 'scans s join venues v on v.id = s.venue_id';
// Most scans give no reason (allowed: '[]'): they are passed over before their JSON is read.
const reasonsOf = (from: string, dialect: 'sqlite' | 'postgres') =>
  dialect === 'sqlite'
    ? `${from}, json_each(s.reasons) j where s.reasons <> '[]' and`
    : `${from} cross join jsonb_array_elements_text(s.reasons::jsonb) as j(value) where s.reasons <> '[]' and`;

/**
 * Each counter as `insert … select` from scans `s` joined to their venues `v` (and reasons `j`),
 * in two parts around the condition that picks the scans to count: the SQLite writer's scans
 * inserted after a rowid, the migration's every scan, a group's ids.
 */
function counterSql(dialect: 'sqlite' | 'postgres'): Array<[string, string]> {
  const h = hourOfAt('s.at');
  const upsert = (table: string, keys: string, cols: string[]) =>
    ` on conflict (${keys}) do update set ${add(table, cols)}`;
  const kept = ['scans', 'denied', 'paper'];
  return [
    [
      `insert into venue_hour_counts (day, venue_id, hour, scans, denied, paper) select s.day, s.venue_id, ${h}, ${COUNTS} from ${SCANS} where `,
      ` group by 1, 2, 3${upsert('venue_hour_counts', 'day, venue_id, hour', kept)}`,
    ],
    [
      `insert into venue_day_counts (day, venue_id, scans, denied, paper) select s.day, s.venue_id, ${COUNTS} from ${SCANS} where `,
      ` group by 1, 2${upsert('venue_day_counts', 'day, venue_id', kept)}`,
    ],
    [
      `insert into district_hour_counts (day, district_code, hour, scans, denied, paper) select s.day, v.district_code, ${h}, ${COUNTS} from ${IN_DISTRICTS} where `,
      ` group by 1, 2, 3${upsert('district_hour_counts', 'day, district_code, hour', kept)}`,
    ],
    [
      `insert into venue_hour_reasons (day, venue_id, hour, reason, n) select s.day, s.venue_id, ${h}, j.value, count(*) from ${reasonsOf(SCANS, dialect)} `,
      ' group by 1, 2, 3, 4 on conflict (day, venue_id, hour, reason) do update set n = venue_hour_reasons.n + excluded.n',
    ],
    [
      `insert into district_hour_reasons (day, district_code, hour, reason, n) select s.day, v.district_code, ${h}, j.value, count(*) from ${reasonsOf(IN_DISTRICTS, dialect)} `,
      ' group by 1, 2, 3, 4 on conflict (day, district_code, hour, reason) do update set n = district_hour_reasons.n + excluded.n',
    ],
  ];
}

/**
 * The SQLite writer's counter statements: each takes the rowid after which its scans were inserted.
 * `not indexed` keeps them on that rowid range: grouping by day first, the planner walked the whole
 * of `scans` by its day index (every scan stored, on every batch: 42 → 161 µs a scan over three
 * rounds of 40,000 in the benchmark) rather than sort the batch's rows.
 */
export const SCAN_COUNTS_SQLITE = counterSql('sqlite').map(
  ([head, tail]) => `${head.replace('from scans s', 'from scans s not indexed')}s.rowid > ?${tail}`,
);

/** Fills every counter from the scans stored (the migration that brings them). */
export async function countStoredScans(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  for (const [head, tail] of counterSql(dialect)) await sql.raw(`${head}true${tail}`).execute(db);
}

/** The counter statements of a SQLite connection, prepared once. */
export interface SqliteCounters {
  lastRowid: BetterSqlite3.Statement<[], number>;
  counts: BetterSqlite3.Statement<[number]>[];
}

const prepared = new WeakMap<object, SqliteCounters>();

/** The counter statements of a better-sqlite3 connection. */
export function sqliteCounters(handle: BetterSqlite3.Database): SqliteCounters {
  let c = prepared.get(handle);
  if (!c) {
    c = {
      lastRowid: handle.prepare<[], number>(SCAN_LAST_ROWID_SQLITE).pluck(),
      counts: SCAN_COUNTS_SQLITE.map((q) => handle.prepare<[number]>(q)),
    };
    prepared.set(handle, c);
  }
  return c;
}

/** Counts scans just inserted (given, each stored once) into every counter, in the caller's transaction. */
export async function addScanCounts(trx: Executor, dialect: 'sqlite' | 'postgres', rows: ScanRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const ids = sql.join(part.map((r) => sql`${r.id}`));
    // The days narrow a partitioned table to the partitions of the rows.
    const days = sql.join([...new Set(part.map((r) => r.day))].map((d) => sql`${d}`));
    for (const [head, tail] of counterSql(dialect))
      await sql`${sql.raw(head)}s.id in (${ids}) and s.day in (${days})${sql.raw(tail)}`.execute(trx);
  }
}

/**
 * Which counters a screen reads: a day up to `untilHour` (the business now's hour on the business
 * today) over some venues (`venueIds`, read per venue) or a city's districts (all, or `district`).
 */
export interface CountWindow {
  day: string;
  untilHour: number;
  venueIds?: number[];
  district?: string;
}

const inIds = (ids: number[]) => (ids.length ? ids : [-1]);

/** Per venue, what its hours after `untilHour` hold (none but in a rehearsal's stored day). */
async function laterHours(db: Db, w: CountWindow) {
  if (w.untilHour >= 23) return new Map<number, { scans: number; denied: number; paper: number }>();
  let q = db.reads
    .selectFrom('venue_hour_counts')
    .select((e) => [
      'venue_id',
      e.fn.sum<number>('scans').as('scans'),
      e.fn.sum<number>('denied').as('denied'),
      e.fn.sum<number>('paper').as('paper'),
    ])
    .where('day', '=', w.day)
    .where('hour', '>', w.untilHour);
  if (w.venueIds) q = q.where('venue_id', 'in', inIds(w.venueIds));
  const rows = await q.groupBy('venue_id').execute();
  return new Map(
    rows.map((r) => [Number(r.venue_id), { scans: Number(r.scans), denied: Number(r.denied), paper: Number(r.paper) }]),
  );
}

/** Scans, denials and paper lines per venue for a day up to the window's hour (lists, busiest, unusual). */
export async function scanStats(db: Db, w: CountWindow) {
  let q = db.reads
    .selectFrom('venue_day_counts')
    .select(['venue_id', 'scans', 'denied', 'paper'])
    .where('day', '=', w.day);
  if (w.venueIds) q = q.where('venue_id', 'in', inIds(w.venueIds));
  const [days, later] = await Promise.all([q.execute(), laterHours(db, w)]);
  return days.map((r) => {
    const x = later.get(Number(r.venue_id));
    return {
      venueId: Number(r.venue_id),
      scans: Number(r.scans) - (x?.scans ?? 0),
      denied: Number(r.denied) - (x?.denied ?? 0),
      paper: Number(r.paper) - (x?.paper ?? 0),
    };
  });
}

/** A day's scans, denials and paper lines in all up to the window's hour (one row back). */
export async function scanTotals(db: Db, w: CountWindow) {
  let q = db.reads
    .selectFrom(w.venueIds ? 'venue_hour_counts' : ('district_hour_counts' as 'venue_hour_counts'))
    .select((e) => [
      e.fn.sum<number>('scans').as('scans'),
      e.fn.sum<number>('denied').as('denied'),
      e.fn.sum<number>('paper').as('paper'),
    ])
    .where('day', '=', w.day)
    .where('hour', '<=', w.untilHour);
  if (w.venueIds) q = q.where('venue_id', 'in', inIds(w.venueIds));
  else if (w.district) q = q.where(sql.ref('district_code'), '=', w.district);
  const r = await q.executeTakeFirst();
  return { scans: Number(r?.scans ?? 0), denied: Number(r?.denied ?? 0), paper: Number(r?.paper ?? 0) };
}

/** A day's scans and denials by Beijing hour and its reasons, up to the window's hour. */
export async function scanBreakdown(db: Db, w: CountWindow) {
  const byVenue = !!w.venueIds;
  let hq = db.reads
    .selectFrom(byVenue ? 'venue_hour_counts' : ('district_hour_counts' as 'venue_hour_counts'))
    .select((e) => ['hour', e.fn.sum<number>('scans').as('scans'), e.fn.sum<number>('denied').as('denied')])
    .where('day', '=', w.day)
    .where('hour', '<=', w.untilHour);
  let rq = db.reads
    .selectFrom(byVenue ? 'venue_hour_reasons' : ('district_hour_reasons' as 'venue_hour_reasons'))
    .select((e) => ['reason', e.fn.sum<number>('n').as('n')])
    .where('day', '=', w.day)
    .where('hour', '<=', w.untilHour);
  if (w.venueIds) {
    hq = hq.where('venue_id', 'in', inIds(w.venueIds));
    rq = rq.where('venue_id', 'in', inIds(w.venueIds));
  } else if (w.district) {
    hq = hq.where(sql.ref('district_code'), '=', w.district);
    rq = rq.where(sql.ref('district_code'), '=', w.district);
  }
  const [hours, reasons] = await Promise.all([
    hq.groupBy('hour').orderBy('hour').execute(),
    rq.groupBy('reason').orderBy('reason').execute(),
  ]);
  return {
    hours: hours.map((h) => ({ hour: Number(h.hour), scans: Number(h.scans), denied: Number(h.denied) })),
    reasons: reasons.map((r) => ({ code: r.reason, n: Number(r.n) })),
  };
}

/** The latest day with any scan up to `upTo` (screens open on it), or null. */
export async function latestScanDay(db: Db, venueIds: number[] | undefined, upTo: string): Promise<string | null> {
  const r = venueIds
    ? await db.reads
        .selectFrom('venue_day_counts')
        .select((e) => e.fn.max('day').as('day'))
        .where('day', '<=', upTo)
        .where('venue_id', 'in', inIds(venueIds))
        .executeTakeFirst()
    : await db.reads
        .selectFrom('district_hour_counts')
        .select((e) => e.fn.max('day').as('day'))
        .where('day', '<=', upTo)
        .executeTakeFirst();
  return (r?.day as string | null | undefined) ?? null;
}

const COUNTER_TABLES = [
  'venue_hour_counts',
  'venue_day_counts',
  'district_hour_counts',
  'venue_hour_reasons',
  'district_hour_reasons',
] as const;

/** Removes the counters of days before `cutoff` (scan retention). */
export async function dropCountsBefore(db: Db, cutoff: string): Promise<void> {
  for (const t of COUNTER_TABLES)
    await db.k
      .deleteFrom(t as 'venue_day_counts')
      .where('day', '<', cutoff)
      .execute();
}
