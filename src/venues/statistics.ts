// The busiest and unusual venues of a city's or a district's day. The busiest come from an index
// on every request (areaRanking). The unusual ones need a pass over every venue's day (100,000 rows
// for a city), made by the database, which sends back only the few candidates; it is kept per
// process with the area's totals it was made at: counters only ever grow, so equal totals mean
// equal counters and the list stands. When the totals moved (scans indexed since), the kept list
// is answered while one re-ranking runs in the background: it is then behind by at most one
// re-ranking (the answer says at which scans it was made), the totals, hours and busiest never are.
// A day with counts after the window's hour (a rehearsal's stored day) and a street's, a
// community's or an operator's few venues are ranked from their venues' rows as before.

import type { Actor } from '../platform/auth/auth.rules.ts';
import { beijingToday, nowMs } from '../platform/clock.ts';
import type { Db } from '../platform/db/db.ts';
import type { CountWindow } from './counters.repo.ts';
import { busiestVenueDays, countedDistricts, unusualCandidates, venuesById } from './ranking.repo.ts';
import type { StoredVenue } from './venues.repo.ts';
import { unusualIn } from './venues.rules.ts';

/** Venues of an area with their day's counters, as the statistics tab lists them. */
export interface Ranked<V, U extends V = V> {
  busiest: V[];
  unusual: U[];
  /** The area's scans when the lists were made (below the answer's scans while a re-ranking runs). */
  rankedScans: number;
}

interface Kept<R> {
  marker: string;
  value: Promise<R>;
  refreshing: Promise<unknown> | null;
}

// Per venue registry (a venue's status or category change makes a new one): per area and window.
const kept = new WeakMap<object, Map<string, Kept<unknown>>>();
const inFlight = new Set<Promise<unknown>>();
// A city's command centre reads a handful of areas and days; older rankings make room.
const MAX_KEPT = 64;

/**
 * The ranking of an area (`key`: the area and the day's window) for counters whose totals are
 * `marker`, from the one kept for `registry` if the totals are the same, else made by `rank`
 * (awaited the first time; later, the kept one answers while `rank` runs again).
 */
export async function keptRanking<R extends Ranked<unknown>>(
  registry: object,
  key: string,
  marker: string,
  rank: () => Promise<R>,
): Promise<R> {
  let areas = kept.get(registry) as Map<string, Kept<R>> | undefined;
  if (!areas) {
    areas = new Map();
    kept.set(registry, areas as Map<string, Kept<unknown>>);
  }
  const k = areas.get(key);
  if (k && (k.marker === marker || k.refreshing)) return k.value;
  if (!k) {
    const value = rank();
    const entry: Kept<R> = { marker, value, refreshing: null };
    areas.set(key, entry);
    if (areas.size > MAX_KEPT) areas.delete(areas.keys().next().value as string);
    // A failed ranking is not kept: the next request ranks again.
    value.catch(() => {
      if (areas.get(key) === entry) areas.delete(key);
    });
    return value;
  }
  // Started once this answer has gone: its reading of the registry would otherwise come first.
  const next = new Promise<void>((r) => setImmediate(r)).then(rank);
  const done = next.then(
    () => {
      if (areas.get(key) === k) areas.set(key, { marker, value: next, refreshing: null });
    },
    () => {
      k.refreshing = null;
    },
  );
  k.refreshing = done;
  inFlight.add(done);
  void done.finally(() => inFlight.delete(done));
  return k.value;
}

/** Waits for the re-rankings running now (tests, and a benchmark that times the settled answer). */
export async function rankingsSettled(): Promise<void> {
  while (inFlight.size) await Promise.all(inFlight);
}

/** A venue named by a ranking with its day's counts (for unusual ones, paper lines out of scans). */
export interface RankedVenue {
  v: StoredVenue;
  n: { scans: number; denied: number; paper: number };
}

const BUSIEST = 10;

/**
 * A city's or a district's busiest venues, read from the (day, district, scans) index on every
 * request (ten rows a district), and its unusual venues, kept as above: the database makes the one
 * pass over the area's venue-days and sends back the few candidates, which the rule decides on.
 * `key` names the area, the day and the venue registry's generation (a venue's status decides
 * whether it is counted); `totals` are the area's scans, denials and paper lines now. Only for a
 * window with no counts after its hour (hasLaterHours): the day rows hold the whole day.
 */
export async function areaRanking(
  db: Db,
  w: { day: string; district?: string },
  key: string,
  totals: { scans: number; denied: number; paper: number },
): Promise<Ranked<RankedVenue, RankedVenue & { why: 'many-denials' | 'few-denials'; expectedRate: number }>> {
  const districts = w.district ? [w.district] : await countedDistricts(db, w.day);
  const [busiest, kept] = await Promise.all([
    busiestVenueDays(db, w.day, districts, BUSIEST),
    keptRanking(db, key, `${totals.scans}|${totals.denied}|${totals.paper}`, async () => {
      const candidates = await unusualCandidates(db, w.day, w.district);
      const unusual = candidates.flatMap((c) => {
        const n = { scans: c.scans - c.paper, denied: c.denied, paper: c.paper };
        const u = unusualIn(n, { scans: c.categoryScans, denied: c.categoryDenied });
        return u ? [{ venueId: c.venueId, n, ...u }] : [];
      });
      unusual.sort((a, b) => b.n.scans - a.n.scans || a.venueId - b.venueId);
      return { busiest: [], unusual, rankedScans: totals.scans };
    }),
  ]);
  const named = await venuesById(db, [...busiest.map((b) => b.venueId), ...kept.unusual.map((u) => u.venueId)]);
  const withVenue = <T extends { venueId: number }>(xs: T[]) =>
    xs.flatMap((x) => {
      const v = named.get(x.venueId);
      return v ? [{ ...x, v }] : [];
    });
  return {
    busiest: withVenue(busiest).map(({ v, scans, denied, paper }) => ({ v, n: { scans, denied, paper } })),
    unusual: withVenue(kept.unusual).map(({ v, n, why, expectedRate }) => ({ v, n, why, expectedRate })),
    rankedScans: kept.rankedScans,
  };
}

/**
 * Where an area's hourly figures are kept: a city's or a district's command centre reads the
 * district counters (a few hundred rows a day); a street, a community, an operator or one venue
 * reads its venues' own.
 */
export function countedArea(
  actor: Actor,
  operator: boolean,
  venueIds: () => number[],
  district?: string,
  venue?: string,
): Pick<CountWindow, 'venueIds' | 'district'> {
  if (venue || operator) return { venueIds: venueIds() };
  if (actor.scope.kind === 'city') return district ? { district } : {};
  if (actor.scope.kind === 'district' && (!district || district === actor.scope.code))
    return { district: actor.scope.code };
  return { venueIds: venueIds() };
}

/**
 * A day's counters up to the business now: on the business today, hours after the current one are
 * left out (a rehearsal's stored day can run past its clock); an earlier day is counted whole.
 */
export function upToNow(day: string, area: Pick<CountWindow, 'venueIds' | 'district'>): CountWindow {
  const today = beijingToday();
  if (day > today) return { day, untilHour: -1, ...area };
  const untilHour = day === today ? new Date(nowMs() + 8 * 3600_000).getUTCHours() : 23;
  return { day, untilHour, ...area };
}
