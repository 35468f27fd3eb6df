import { sql } from 'kysely';
import type { Db } from '../platform/db/db.ts';
import type { StoredVenue } from './venues.repo.ts';
import './venues.tables.ts';

// A city's or a district's busiest and unusual venues from the kept day counters, without bringing
// a city's 100,000 venue-days to the server (that ranking took 1.1–2 s on a busy machine, and a
// city's first request 14.6–15 s at load 22–28).

/** A venue's day as the ranking reads it. */
export interface VenueDayCount {
  venueId: number;
  scans: number;
  denied: number;
  paper: number;
}

/** The districts with counted scans on a day (the city's busiest are theirs). */
export async function countedDistricts(db: Db, day: string): Promise<string[]> {
  const rows = await db.k
    .selectFrom('district_hour_counts')
    .select('district_code')
    .distinct()
    .where('day', '=', day)
    .execute();
  return rows.map((r) => r.district_code);
}

/**
 * The `limit` busiest venues of a day in the districts given, scans down then venue id up: each
 * district's from the (day, district, scans) index, `limit` rows each, merged here.
 */
export async function busiestVenueDays(
  db: Db,
  day: string,
  districts: string[],
  limit: number,
): Promise<VenueDayCount[]> {
  if (!districts.length) return [];
  const parts = districts.map(
    (d) =>
      sql`select * from (select venue_id, scans, denied, paper from venue_day_counts where day = ${day} and district_code = ${d} order by scans desc, venue_id limit ${limit}) as b`,
  );
  const { rows } = await sql<{
    venue_id: number;
    scans: number;
    denied: number;
    paper: number;
  }>`${sql.join(parts, sql` union all `)}`.execute(db.k);
  return rows
    .map((r) => ({
      venueId: Number(r.venue_id),
      scans: Number(r.scans),
      denied: Number(r.denied),
      paper: Number(r.paper),
    }))
    .sort((a, b) => b.scans - a.scans || a.venueId - b.venueId)
    .slice(0, limit);
}

/** An open venue whose day may be unusual, with its category's open venues' totals in the area. */
export interface UnusualCandidate extends VenueDayCount {
  category: string;
  /** The category's scans (paper lines out) and denials over the area's open venues. */
  categoryScans: number;
  categoryDenied: number;
}

/**
 * Open venues of a day (in a district, or the city) whose denial rate lies at least ~2.8 standard
 * errors from the rest of their category's (the rule's 3, with room for rounding: the rule decides
 * on what comes back), with at least `minScans` scans: the database makes the one pass over the
 * area's venue-days and sends back only these few.
 */
export async function unusualCandidates(
  db: Db,
  day: string,
  district: string | undefined,
  minScans = 10,
): Promise<UnusualCandidate[]> {
  const real = (x: string) => (db.dialect === 'sqlite' ? `cast(${x} as real)` : `(${x})::float8`);
  const greatest = db.dialect === 'sqlite' ? 'max' : 'greatest';
  // n: the venue's scans without paper lines; rest: the category's without the venue's.
  const n = 'v.scans - v.paper';
  const rest = `t.n - (${n})`;
  const p = `(${real(`t.d - v.denied`)} / ${real(rest)})`;
  const variance = `(${greatest}(${p} * (1 - ${p}), 1.0 / ${real(rest)}) / ${real(n)})`;
  const dev = `(${real('v.denied')} / ${real(n)} - ${p})`;
  const { rows } = await sql<{
    venue_id: number;
    scans: number;
    denied: number;
    paper: number;
    category: string;
    cn: number;
    cd: number;
  }>`with v as (
      select c.venue_id, c.scans, c.denied, c.paper, x.category
      from venue_day_counts c join venues x on x.id = c.venue_id
      where c.day = ${day} and x.status = 'open' ${district === undefined ? sql`` : sql`and c.district_code = ${district}`}
    ), t as (select category, sum(scans - paper) as n, sum(denied) as d from v group by category)
    select v.venue_id, v.scans, v.denied, v.paper, v.category, t.n as cn, t.d as cd
    from v join t on t.category = v.category
    where ${sql.raw(n)} >= ${minScans} and ${sql.raw(rest)} >= ${minScans}
      and ${sql.raw(`${dev} * ${dev} >= 7.8 * ${variance}`)}`.execute(db.reads);
  return rows.map((r) => ({
    venueId: Number(r.venue_id),
    scans: Number(r.scans),
    denied: Number(r.denied),
    paper: Number(r.paper),
    category: r.category,
    categoryScans: Number(r.cn),
    categoryDenied: Number(r.cd),
  }));
}

/** Venues by id (the few a ranking names), from the registry table. */
export async function venuesById(db: Db, ids: number[]): Promise<Map<number, StoredVenue>> {
  if (!ids.length) return new Map();
  const rows = await db.k.selectFrom('venues').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
}
