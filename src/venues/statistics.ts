// The busiest and unusual venues of a city's or a district's day, kept per process: ranking them
// reads every venue's day counters (100,000 rows for a city, 1.1–2 s on the reader thread of a busy
// 2-core machine), while the statistics tab and its export ask again and again. A ranking is kept
// with the area's totals it was made at; counters only ever grow, so equal totals mean equal
// counters and the ranking stands. When the totals moved (scans indexed since), the kept ranking is
// answered while one re-ranking runs in the background: the lists are then behind by at most one
// re-ranking (the answer says at which scans they were made), the totals and hours never are.

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
