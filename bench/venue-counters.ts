// Venue statistics read from the kept counters at a city's day: 100,000 venues and 2 M scans spread
// over them (each venue's scans in its hours 7–21, 5 % denied), the counters filled as the scan
// writer would have kept them; timed for the city, a district, one venue and the big screen's tile.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance as perf } from 'node:perf_hooks';
import { DIVISIONS } from '../src/geo/geo.data.ts';
import { MIGRATIONS } from '../src/migrations.ts';
import { MODULES } from '../src/modules.ts';
import type { Actor } from '../src/platform/auth/auth.rules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { createVenues, venueStats, venueTotals } from '../src/venues/venues.service.ts';

const VENUES = Number(process.env.BENCH_VENUES || 100_000);
const SCANS = Number(process.env.BENCH_DAY_SCANS || 2_000_000);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.floor((s.length - 1) / 2)] ?? 0).toFixed(1));
}

async function timed(n: number, f: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = perf.now();
    await f();
    ms.push(perf.now() - t);
  }
  return median(ms);
}

/** Venue statistics and the tile at a city's day of scans, from the kept counters. */
export async function benchVenueCounters(url?: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-counters-'));
  try {
    const secret = randomBytes(32).toString('base64url');
    const db = url ? openDb({ url }) : openDb({ file: join(dir, 'banyan.db') });
    await migrate(db, MIGRATIONS);
    const ctx = {
      config: { ...loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }), logLevel: 'warn' },
      db,
      crypto: createCrypto(secret),
      modules: MODULES,
    };
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
    const day = '2022-11-09';
    // Each scan to a venue (busier venues first: a few markets take many) at an hour of 7–21.
    const counts = new Map<string, { scans: number; denied: number }>();
    let seed = 0x9e3779b9;
    // xorshift32: the same city every run.
    const rand = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 4294967296;
    };
    for (let i = 0; i < SCANS; i++) {
      const venue = 1 + Math.floor(VENUES * rand() ** 2);
      const hour = 7 + Math.floor(15 * rand());
      const k = `${venue}|${hour}`;
      const c = counts.get(k) ?? { scans: 0, denied: 0 };
      c.scans++;
      if (rand() < 0.05) c.denied++;
      counts.set(k, c);
    }
    const rows = [...counts].map(([k, c]) => {
      const [venue, hour] = k.split('|').map(Number) as [number, number];
      return { day, venue_id: venue, hour, scans: c.scans, denied: c.denied, paper: 0 };
    });
    const started = perf.now();
    for (let i = 0; i < rows.length; i += 2000) {
      const part = rows.slice(i, i + 2000);
      await db.k.insertInto('venue_hour_counts').values(part).execute();
      await db.k
        .insertInto('venue_hour_reasons')
        .values(
          part
            .filter((r) => r.denied)
            .map((r) => ({ day, venue_id: r.venue_id, hour: r.hour, reason: 'NO_CERTIFICATE', n: r.denied })),
        )
        .execute();
    }
    const fillMs = perf.now() - started;
    const city: Actor = { userId: 0, username: 'bench', role: 'commander', scope: { kind: 'city', code: '3501' } };
    const district: Actor = { ...city, scope: { kind: 'district', code: '350102' } };
    const venue = 'CV0';
    await venueStats(ctx, city, day);
    const result = {
      dialect: db.dialect,
      venues: VENUES,
      scansOfTheDay: SCANS,
      counterRows: rows.length,
      fillSeconds: Number((fillMs / 1000).toFixed(1)),
      venueStatsCityMs: await timed(5, () => venueStats(ctx, city, day)),
      venueStatsDistrictMs: await timed(5, () => venueStats(ctx, district, day)),
      venueStatsOneVenueMs: await timed(5, () => venueStats(ctx, city, day, undefined, venue)),
      tileCityMs: await timed(5, () => venueTotals(ctx, city, day)),
      tileDistrictMs: await timed(5, () => venueTotals(ctx, district, day)),
    };
    await db.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchVenueCounters());
