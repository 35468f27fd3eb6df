import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import { type ScanSums, sumScans } from './scan-counts.mjs';
import type { ScanRow } from './venues.tables.ts';
import './venues.tables.ts';

// Scans, denials, paper lines and reasons kept per venue and Beijing hour, per venue and day, and
// per district and hour, added to as scans are indexed: the venue screens and the big screen's
// tile read these (a city's day is ~1 M venue-hours, 100,000 venue-days, a few hundred
// district-hours) instead of counting a day of scans (2 M rows) on every request.

/** The Beijing hour (0–23) of a scan's ISO UTC instant `at`, for its Beijing `day`. */
export const hourOfAt = (at: string) => `(cast(substr(${at}, 12, 2) as integer) + 8) % 24`;

/** Whether a scan id is stored (a keyed scan that was acknowledged before). */
export const SCAN_EXISTS_SQLITE = 'select 1 from scans where id = ?';

const KEPT = ['scans', 'denied', 'paper'];
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
 * in two parts around the condition that picks the scans to count: the migration that brought the
 * counters counts every scan stored (its tables as 0192 made them, `withDistrict` false); the
 * benchmark's way before sumScans (COUNTS_BY_SQL) counts a batch's.
 */
function counterSql(dialect: 'sqlite' | 'postgres', withDistrict = false): Array<[string, string]> {
  const h = hourOfAt('s.at');
  const upsert = (table: string, keys: string, cols: string[]) =>
    ` on conflict (${keys}) do update set ${add(table, cols)}`;
  const kept = KEPT;
  return [
    [
      `insert into venue_hour_counts (day, venue_id, hour, scans, denied, paper) select s.day, s.venue_id, ${h}, ${COUNTS} from ${SCANS} where `,
      ` group by 1, 2, 3${upsert('venue_hour_counts', 'day, venue_id, hour', kept)}`,
    ],
    [
      withDistrict
        ? `insert into venue_day_counts (day, venue_id, district_code, scans, denied, paper) select s.day, s.venue_id, coalesce(v.district_code, ''), ${COUNTS} from scans s left join venues v on v.id = s.venue_id where `
        : `insert into venue_day_counts (day, venue_id, scans, denied, paper) select s.day, s.venue_id, ${COUNTS} from ${SCANS} where `,
      ` group by 1, 2${withDistrict ? ', 3' : ''}${upsert('venue_day_counts', 'day, venue_id', kept)}`,
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

/** A venue's district: the SQLite writer thread keeps them (a venue's district never changes). */
export const VENUE_DISTRICT_SQLITE = 'select district_code from venues where id = ?';

// Each counter as its table, its columns in the order sumScans gives them, its key, and the
// columns added to when the key is there already.
const UPSERTS: Record<keyof ScanSums, [string, string, string, string[]]> = {
  venueHours: ['venue_hour_counts', 'day, venue_id, hour, scans, denied, paper', 'day, venue_id, hour', KEPT],
  venueDays: ['venue_day_counts', 'day, venue_id, district_code, scans, denied, paper', 'day, venue_id', KEPT],
  districtHours: [
    'district_hour_counts',
    'day, district_code, hour, scans, denied, paper',
    'day, district_code, hour',
    KEPT,
  ],
  venueReasons: ['venue_hour_reasons', 'day, venue_id, hour, reason, n', 'day, venue_id, hour, reason', ['n']],
  districtReasons: [
    'district_hour_reasons',
    'day, district_code, hour, reason, n',
    'day, district_code, hour, reason',
    ['n'],
  ],
};

function upsertParts([table, cols, keys, added]: [string, string, string, string[]]) {
  return {
    head: `insert into ${table} (${cols}) values `,
    width: cols.split(',').length,
    tail: ` on conflict (${keys}) do update set ${add(table, added)}`,
  };
}

/** Each counter's upsert of one of sumScans' rows, as a SQLite connection prepares it. */
export const COUNT_UPSERTS_SQLITE = Object.fromEntries(
  Object.entries(UPSERTS).map(([k, u]) => {
    const p = upsertParts(u);
    return [k, `${p.head}(${Array(p.width).fill('?').join(', ')})${p.tail}`];
  }),
) as Record<keyof ScanSums, string>;

/** The SQLite counter statements of a connection, prepared once, and the districts it has read. */
interface SqliteCounters {
  upserts: Array<[keyof ScanSums, BetterSqlite3.Statement<unknown[]>]>;
  districtOf: (venueId: number) => string | undefined;
}

const prepared = new WeakMap<object, SqliteCounters>();

function sqliteCounters(handle: BetterSqlite3.Database): SqliteCounters {
  let c = prepared.get(handle);
  if (!c) {
    const district = handle.prepare<[number], string>(VENUE_DISTRICT_SQLITE).pluck();
    const districts = new Map<number, string>();
    c = {
      upserts: Object.entries(COUNT_UPSERTS_SQLITE).map(([k, q]) => [
        k as keyof ScanSums,
        handle.prepare<unknown[]>(q),
      ]),
      // A venue's district never changes: read once per venue (an id not registered yet, again).
      districtOf(id) {
        let d = districts.get(id);
        if (d === undefined) {
          d = district.get(id);
          if (d !== undefined) districts.set(id, d);
        }
        return d;
      },
    };
    prepared.set(handle, c);
  }
  return c;
}

/**
 * Adds scans just stored (the scan insert's parameters, each stored once) to every counter on a
 * better-sqlite3 connection, inside the caller's transaction: summed in JavaScript, one upsert
 * per counter row (the writer thread does the same with its own connection).
 */
export function countScansSqlite(handle: BetterSqlite3.Database, rows: unknown[][]): void {
  if (!rows.length) return;
  const c = sqliteCounters(handle);
  const sums = sumScans(rows, c.districtOf);
  for (const [k, st] of c.upserts) for (const r of sums[k]) st.run(r);
}

/**
 * The way the counters were kept before sumScans, for the benchmark's before and after in one run
 * (`npm run bench -- venue-counters`): five `insert … select` statements over the scans a batch
 * inserted after a rowid (SQLite; `not indexed` keeps them on that range) or by their ids.
 */
export const COUNTS_BY_SQL = {
  lastRowidSqlite: 'select coalesce(max(rowid), 0) from scans',
  sqlite: counterSql('sqlite', true).map(
    ([head, tail]) => `${head.replace('from scans s', 'from scans s not indexed')}s.rowid > ?${tail}`,
  ),
  async add(trx: Executor, dialect: 'sqlite' | 'postgres', rows: ScanRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      const ids = sql.join(part.map((r) => sql`${r.id}`));
      const days = sql.join([...new Set(part.map((r) => r.day))].map((d) => sql`${d}`));
      for (const [head, tail] of counterSql(dialect, true))
        await sql`${sql.raw(head)}s.id in (${ids}) and s.day in (${days})${sql.raw(tail)}`.execute(trx);
    }
  },
};

const bySql = new WeakMap<object, { last: BetterSqlite3.Statement<[], number>; counts: BetterSqlite3.Statement[] }>();

/** COUNTS_BY_SQL on a better-sqlite3 connection: the rowid before a batch, then the batch's counts. */
export function countsBySqlSqlite(handle: BetterSqlite3.Database) {
  let c = bySql.get(handle);
  if (!c) {
    c = {
      last: handle.prepare<[], number>(COUNTS_BY_SQL.lastRowidSqlite).pluck(),
      counts: COUNTS_BY_SQL.sqlite.map((q) => handle.prepare(q)),
    };
    bySql.set(handle, c);
  }
  const { last, counts } = c;
  return {
    before: () => last.get() ?? 0,
    count(from: number) {
      for (const st of counts) st.run(from);
    },
  };
}

/** Fills every counter from the scans stored (the migration that brings them). */
export async function countStoredScans(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  for (const [head, tail] of counterSql(dialect)) await sql.raw(`${head}true${tail}`).execute(db);
}

/** Counts scans just inserted (given, each stored once) into every counter, in the caller's transaction. */
export async function addScanCounts(trx: Executor, rows: ScanRow[]): Promise<void> {
  if (!rows.length) return;
  // A venue's district never changes: the batch's venues are read once.
  const ids = [...new Set(rows.map((r) => Number(r.venue_id)))];
  const districts = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const part = await trx
      .selectFrom('venues')
      .select(['id', 'district_code'])
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
    for (const v of part) districts.set(Number(v.id), v.district_code);
  }
  const sums = sumScans(
    rows.map((r) => [r.id, r.venue_id, r.person_id, r.at, r.day, r.verdict, r.colour, r.reasons, r.proxy, r.source]),
    (id) => districts.get(id),
  );
  // One statement per counter and 500 rows (each key once: a statement cannot add to a row twice).
  for (const [k, u] of Object.entries(UPSERTS) as Array<[keyof ScanSums, [string, string, string, string[]]]>) {
    const p = upsertParts(u);
    const all = sums[k];
    for (let i = 0; i < all.length; i += 500) {
      const values = sql.join(all.slice(i, i + 500).map((r) => sql`(${sql.join(r)})`));
      await sql`${sql.raw(p.head)}${values}${sql.raw(p.tail)}`.execute(trx);
    }
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

// A city's or a district's hourly counters (a few hundred rows a day) and a few venues' rows are
// read on the server's connection, in well under a millisecond: on the reader thread, niced below
// the checks, each of a screen's small reads waited for its turn on a busy machine. Long reads (a
// city's venue-days, a street's venues) stay on the reader thread.
const FEW_VENUES = 50;
const small = (w: CountWindow) => !w.venueIds || w.venueIds.length <= FEW_VENUES;

/**
 * Whether the window's day holds counts after its hour: none but in a rehearsal's stored day run
 * past the business now. Asked of the district counters, whose key finds it in a few hundred rows.
 */
export async function hasLaterHours(db: Db, w: Pick<CountWindow, 'day' | 'untilHour'>): Promise<boolean> {
  if (w.untilHour >= 23) return false;
  const r = await db.k
    .selectFrom('district_hour_counts')
    .select('hour')
    .where('day', '=', w.day)
    .where('hour', '>', w.untilHour)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Per venue, what its hours after `untilHour` hold (none but in a rehearsal's stored day). */
async function laterHours(db: Db, w: CountWindow) {
  if (!(await hasLaterHours(db, w))) return new Map<number, { scans: number; denied: number; paper: number }>();
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
  let q = (w.venueIds && small(w) ? db.k : db.reads)
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
  let q = (small(w) ? db.k : db.reads)
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
  const on = small(w) ? db.k : db.reads;
  let hq = on
    .selectFrom(byVenue ? 'venue_hour_counts' : ('district_hour_counts' as 'venue_hour_counts'))
    .select((e) => ['hour', e.fn.sum<number>('scans').as('scans'), e.fn.sum<number>('denied').as('denied')])
    .where('day', '=', w.day)
    .where('hour', '<=', w.untilHour);
  let rq = on
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

/**
 * Refreshes PostgreSQL's planner statistics of the counters (after a bulk load, as autovacuum
 * would: without them it planned a district's busiest as a scan of every venue-day).
 */
export async function analyzeCounters(db: Db): Promise<void> {
  if (db.dialect === 'postgres') await sql`analyze venues, ${sql.raw(COUNTER_TABLES.join(', '))}`.execute(db.k);
}
