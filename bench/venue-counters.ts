// Venue statistics read from the kept counters at a city's day: 100,000 venues and 2 M scans spread
// over them (each venue's scans in its hours 7–21, 5 % denied), the five counters filled as the scan
// writer would have kept them; timed for the city, a district, one venue and the big screen's tile,
// first asked (the ranking made), asked again (kept) and asked right after new scans were indexed
// (kept ranking answering, re-ranking behind). In the same run, the scan path (the writer: log,
// index and counters on SQLite; the group insert on PostgreSQL) with the counters, without them and
// with them kept the way before (five insert … select statements a batch: COUNTS_BY_SQL), in
// alternating rounds. `npm run bench -- venue-counters`; BENCH_DIALECT=postgres for PostgreSQL.
import { randomBytes } from 'node:crypto';
import { performance as perf } from 'node:perf_hooks';
import { DIVISIONS } from '../src/geo/geo.data.ts';
import { MODULES } from '../src/modules.ts';
import type { Actor } from '../src/platform/auth/auth.rules.ts';
import { setClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import type { Db } from '../src/platform/db/db.ts';
import { analyzeCounters } from '../src/venues/counters.repo.ts';
import { busiestVenueDays, unusualCandidates } from '../src/venues/ranking.repo.ts';
import { ScanWriter } from '../src/venues/scan-writer.ts';
import { rankingsSettled } from '../src/venues/statistics.ts';
import type { Counting } from '../src/venues/venues.repo.ts';
import { allVenues } from '../src/venues/venues.repo.ts';
import { createVenues, venueStats, venueTotals } from '../src/venues/venues.service.ts';
import type { ScanRow } from '../src/venues/venues.tables.ts';
import { benchDb } from './testing-db.ts';

const VENUES = Number(process.env.BENCH_VENUES || 100_000);
const SCANS = Number(process.env.BENCH_DAY_SCANS || 2_000_000);
// Scans per round of the scan path, and rounds with and without the counters.
const PATH_SCANS = Number(process.env.BENCH_PATH_SCANS || 40_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const DAY = '2022-11-09';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.floor((s.length - 1) / 2)] ?? 0).toFixed(1));
}

async function once(f: () => Promise<unknown>): Promise<number> {
  const t = perf.now();
  await f();
  return Number((perf.now() - t).toFixed(1));
}

async function timed(n: number, f: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) ms.push(await once(f));
  return median(ms);
}

// xorshift32: the same city every run.
function rng(seed = 0x9e3779b9) {
  return () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
}

/** Fills the five counters with a city's day, as the writer would have kept them. */
async function fillCounters(db: Db, district: Map<number, string>): Promise<number> {
  const rand = rng();
  const hours = new Map<number, { scans: number; denied: number }>();
  for (let i = 0; i < SCANS; i++) {
    // Busier venues first (a few markets take many), at an hour of 7–21.
    const venue = 1 + Math.floor(VENUES * rand() ** 2);
    const k = venue * 24 + 7 + Math.floor(15 * rand());
    const c = hours.get(k) ?? { scans: 0, denied: 0 };
    c.scans++;
    if (rand() < 0.05) c.denied++;
    hours.set(k, c);
  }
  const days = new Map<number, { scans: number; denied: number }>();
  const districts = new Map<string, { scans: number; denied: number }>();
  const add = <K>(m: Map<K, { scans: number; denied: number }>, k: K, c: { scans: number; denied: number }) => {
    const x = m.get(k) ?? { scans: 0, denied: 0 };
    x.scans += c.scans;
    x.denied += c.denied;
    m.set(k, x);
  };
  const venueHours = [...hours].map(([k, c]) => {
    const venue = Math.floor(k / 24);
    add(days, venue, c);
    add(districts, `${district.get(venue)}|${k % 24}`, c);
    return { day: DAY, venue_id: venue, hour: k % 24, scans: c.scans, denied: c.denied, paper: 0 };
  });
  const inParts = async <T>(rows: T[], put: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 2000) await put(rows.slice(i, i + 2000));
  };
  await inParts(venueHours, (p) => db.k.insertInto('venue_hour_counts').values(p).execute());
  await inParts(
    venueHours.filter((r) => r.denied),
    (p) =>
      db.k
        .insertInto('venue_hour_reasons')
        .values(p.map((r) => ({ day: DAY, venue_id: r.venue_id, hour: r.hour, reason: 'colour-yellow', n: r.denied })))
        .execute(),
  );
  await inParts(
    [...days].map(([venue, c]) => ({
      day: DAY,
      venue_id: venue,
      district_code: district.get(venue) as string,
      ...c,
      paper: 0,
    })),
    (p) => db.k.insertInto('venue_day_counts').values(p).execute(),
  );
  const byDistrict = [...districts].map(([k, c]) => {
    const [code, hour] = k.split('|') as [string, string];
    return { day: DAY, district_code: code, hour: Number(hour), ...c };
  });
  await db.k
    .insertInto('district_hour_counts')
    .values(byDistrict.map((r) => ({ ...r, paper: 0 })))
    .execute();
  await db.k
    .insertInto('district_hour_reasons')
    .values(
      byDistrict
        .filter((r) => r.denied)
        .map((r) => ({ day: DAY, district_code: r.district_code, hour: r.hour, reason: 'colour-yellow', n: r.denied })),
    )
    .execute();
  return venueHours.length;
}

/** One index batch's worth of new counters (what 500 ms of scans add), so that the day's totals move. */
async function newScansIndexed(db: Db, district: string, venueId: number, n: number): Promise<void> {
  await db.k
    .updateTable('venue_day_counts')
    .set((e) => ({ scans: e('scans', '+', n) }))
    .where('day', '=', DAY)
    .where('venue_id', '=', venueId)
    .execute();
  await db.k
    .updateTable('venue_hour_counts')
    .set((e) => ({ scans: e('scans', '+', n) }))
    .where('day', '=', DAY)
    .where('venue_id', '=', venueId)
    .where('hour', '=', 21)
    .execute();
  await db.k
    .updateTable('district_hour_counts')
    .set((e) => ({ scans: e('scans', '+', n) }))
    .where('day', '=', DAY)
    .where('district_code', '=', district)
    .where('hour', '=', 21)
    .execute();
}

/**
 * The scan path's CPU per scan (this process, every thread: the writer's log, index and counters
 * on SQLite, the group's insert on PostgreSQL), with the counters and without them in alternating
 * rounds: writes as the scan route does, groups committed as they fill, then settled into the index.
 */
async function scanPath(db: Db, venueIds: number[], indexEveryMs: number) {
  const writer = new ScanWriter(db, { indexEveryMs });
  const rand = rng(0x1234567);
  let n = 0;
  const at = '2022-11-10T02:00:00.000Z';
  const row = (): ScanRow => {
    const deny = rand() < 0.05;
    return {
      id: `p${n++}`,
      venue_id: venueIds[Math.floor(venueIds.length * rand() ** 2)] as number,
      person_id: 1 + Math.floor(rand() * 8_400_000),
      at,
      day: '2022-11-10',
      verdict: deny ? 'deny' : 'allow',
      colour: deny ? 'yellow' : 'green',
      reasons: deny ? '["colour-yellow"]' : '[]',
      proxy: 0,
      source: 'code',
      request_hash: null,
      reply: null,
      policy_id: null,
      policy_rule: null,
    };
  };
  const round = async (counting: Counting) => {
    writer.countVenues(counting);
    const cpu = process.cpuUsage();
    const t = perf.now();
    // 256 scans in flight, as many connections' requests wait on their group's commit.
    for (let i = 0; i < PATH_SCANS; i += 256)
      await Promise.all(Array.from({ length: Math.min(256, PATH_SCANS - i) }, () => writer.write(row())));
    await writer.settle();
    const used = process.cpuUsage(cpu);
    return {
      cpuUsPerScan: Number(((used.user + used.system) / PATH_SCANS).toFixed(2)),
      scansPerSecond: Math.round(PATH_SCANS / ((perf.now() - t) / 1000)),
    };
  };
  await round(true);
  await round(false);
  await round('sql');
  const on: Array<{ cpuUsPerScan: number; scansPerSecond: number }> = [];
  const off: typeof on = [];
  const before: typeof on = [];
  for (let i = 0; i < ROUNDS; i++) {
    on.push(await round(true));
    off.push(await round(false));
    before.push(await round('sql'));
  }
  writer.countVenues(true);
  const withCounters = median(on.map((r) => r.cpuUsPerScan));
  const withoutCounters = median(off.map((r) => r.cpuUsPerScan));
  const bySql = median(before.map((r) => r.cpuUsPerScan));
  return {
    scansPerRound: PATH_SCANS,
    rounds: ROUNDS,
    withCountersCpuUsPerScan: withCounters,
    withoutCountersCpuUsPerScan: withoutCounters,
    // The counters kept the way before (five insert … select statements a batch), in the same run.
    countersBySqlCpuUsPerScan: bySql,
    // What the counters add, as a share of this path without them (the writer's part of a scan
    // only: the request, the code check and the answer are not in it, so a share of a whole scan is lower).
    countersShareOfWriterPath: Number((withCounters / withoutCounters - 1).toFixed(3)),
    countersBySqlShareOfWriterPath: Number((bySql / withoutCounters - 1).toFixed(3)),
    roundsWith: on,
    roundsWithout: off,
    roundsBySql: before,
  };
}

/** Venue statistics and the tile at a city's day of scans, from the kept counters; the scan path with and without them. */
export async function benchVenueCounters(): Promise<Record<string, unknown>> {
  const dialect = process.env.BENCH_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
  const b = await benchDb(dialect);
  try {
    const secret = randomBytes(32).toString('base64url');
    const db = b.db;
    const ctx = {
      config: { ...loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: b.dir || '/tmp' }), logLevel: 'warn' },
      db,
      crypto: createCrypto(secret),
      modules: MODULES,
    };
    setClock('2022-11-10T10:00:00+08:00');
    const communities = DIVISIONS.filter((d) => d.level === 'community');
    await createVenues(
      ctx,
      'system',
      Array.from({ length: VENUES }, (_, i) => ({
        code: `CV${i}`,
        name: `CV${i}`,
        category: i % 3 ? 'office' : 'mall-market',
        communityCode: (communities[i % communities.length] as { code: string }).code,
      })),
    );
    const venues = await allVenues(db);
    const started = perf.now();
    const counterRows = await fillCounters(db, new Map(venues.map((v) => [v.id, v.district_code])));
    const fillMs = perf.now() - started;
    // As autovacuum would have by the time a city's day is in the counters.
    await analyzeCounters(db);
    const city: Actor = { userId: 0, username: 'bench', role: 'commander', scope: { kind: 'city', code: '3501' } };
    // The busiest venue and its district: new scans move the city's and the district's totals.
    const busiest = venues[0] as { id: number; district_code: string };
    const district: Actor = { ...city, scope: { kind: 'district', code: busiest.district_code } };
    // After new scans: the answer (the kept ranking, totals read afresh), then the re-ranking behind it.
    const afterNewScans = async (actor: Actor) => {
      const answer: number[] = [];
      const rerank: number[] = [];
      for (let i = 0; i < 5; i++) {
        await newScansIndexed(db, busiest.district_code, busiest.id, 10);
        answer.push(await once(() => venueStats(ctx, actor, DAY)));
        rerank.push(await once(() => rankingsSettled()));
      }
      return { answerMs: median(answer), reRankingMs: median(rerank) };
    };
    const statistics = {
      cityFirstMs: await once(() => venueStats(ctx, city, DAY)),
      cityMs: await timed(5, () => venueStats(ctx, city, DAY)),
      cityAfterNewScans: await afterNewScans(city),
      districtFirstMs: await once(() => venueStats(ctx, district, DAY)),
      districtMs: await timed(5, () => venueStats(ctx, district, DAY)),
      districtAfterNewScans: await afterNewScans(district),
      oneVenueMs: await timed(5, () => venueStats(ctx, city, DAY, undefined, 'CV0')),
      // The two parts of a city's first answer: the busiest from the index (ten rows a district),
      // and the database's pass over the day's venue-days for the unusual candidates.
      cityBusiestMs: await timed(5, async () =>
        busiestVenueDays(db, DAY, [...new Set(venues.map((v) => v.district_code))], 10),
      ),
      cityUnusualPassMs: await timed(3, () => unusualCandidates(db, DAY, undefined)),
      tileCityMs: await timed(5, () => venueTotals(ctx, city, DAY)),
      tileDistrictMs: await timed(5, () => venueTotals(ctx, district, DAY)),
    };
    const path = await scanPath(
      db,
      venues.map((v) => v.id),
      dialect === 'sqlite' ? 500 : 0,
    );
    return {
      dialect,
      venues: VENUES,
      scansOfTheDay: SCANS,
      counterRows,
      fillSeconds: Number((fillMs / 1000).toFixed(1)),
      statistics,
      scanPath: path,
    };
  } finally {
    setClock(null);
    await b.close();
  }
}
