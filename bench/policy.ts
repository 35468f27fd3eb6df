// Switching a city over to a new policy version (#19 item 4): the 20 measures take effect on
// 11 November over the 9th edition, and Banyan recomputes zones, colours and entrance rules for the
// whole city and records every change with its rule, against a raw read of the same rows in the
// same run. BENCH_SCALE is the share of the 8.4 M residents (default 0.05); BENCH_DIALECT=postgres
// runs on a PostgreSQL database it creates and drops.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Insertable, sql } from 'kysely';
import pg from 'pg';
import { MODULES } from '../src/modules.ts';
import { setClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { addDays } from '../src/platform/dates.ts';
import { getPolicy } from '../src/policy/policy.service.ts';
import { compareVersions } from '../src/replay/replay.service.ts';
import { switchOver } from '../src/replay/switchover.service.ts';
import { Rng } from '../src/sim/rng.ts';
import '../src/tracing/marks.state.ts';
import { CLI_READER } from '../src/platform/cli/context.cli.ts';
import type { RiskMarkRow } from '../src/tracing/tracing.tables.ts';
import { insertEvents, insertZone } from '../src/zones/zones.repo.ts';
import { event } from '../src/zones/zones.service.ts';
import type { ZoneEventRow } from '../src/zones/zones.tables.ts';
import { benchDb } from './testing-db.ts';

const CITY_RESIDENTS = 8_400_000;
const SCALE = Number(process.env.BENCH_SCALE || 0.05);
// Shares of the residents the rules speak of (a November 2022 day): zone residents, contacts.
const ZONE_SHARE = 0.02;
const ZONE_SIZE = 200;
const MARK_SHARE = 0.005;
const CHUNK = 4000;
const ROUNDS = ['2022-11-08', '2022-11-10'];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, Number((performance.now() - t0).toFixed(1))];
}

/** Seconds to switch the city over at BENCH_SCALE, beside the raw read of the rows it reads. */
export async function benchPolicy(): Promise<Record<string, unknown>> {
  const dialect = process.env.BENCH_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
  const n = Math.round(CITY_RESIDENTS * SCALE);
  const b = await benchDb(dialect);
  setClock('2022-11-11T10:00:00+08:00');
  try {
    const t0 = performance.now();
    await b.loadPersons(Array.from({ length: n }, (_, i) => `ix${i}`));
    const db = b.db;
    const rng = new Rng(19);
    // Everyone swabbed in two city rounds (10-person tubes, negative by the afternoon): the samples
    // a switch-over reads for the persons some rule speaks of are found among the whole city's.
    for (const [round, day] of ROUNDS.entries())
      for (let first = 1; first <= n; first += CHUNK) {
        const last = Math.min(n, first + CHUNK - 1);
        const tubes = [];
        const samples = [];
        for (let t = first; t <= last; t += 10) {
          const code = `R${round}-${t}`;
          const count = Math.min(10, last - t + 1);
          tubes.push({
            code,
            pool_size: 10,
            site_code: 'S1',
            campaign_id: null,
            round: round + 1,
            district_code: '350102',
            first_sampled_at: `${day}T01:00:00.000Z`,
            samples: count,
            received_at: `${day}T03:00:00.000Z`,
            receiving_lab: 'LAB1',
            result: 'negative',
            resulted_at: `${day}T07:00:00.000Z`,
            lab_code: 'LAB1',
            ct_value: null,
            status: 'resulted',
          });
          for (let p = t; p < t + count; p++)
            samples.push({ tube_code: code, person_id: p, sampled_at: `${day}T01:00:00.000Z`, repeat_in_round: 0 });
        }
        await db.k.insertInto('tubes').values(tubes).execute();
        for (let k = 0; k < samples.length; k += CHUNK / 2)
          await db.k
            .insertInto('samples')
            .values(samples.slice(k, k + CHUNK / 2))
            .execute();
      }
    const zones = Math.max(1, Math.round((n * ZONE_SHARE) / ZONE_SIZE));
    let next = 1;
    await db.k.transaction().execute(async (trx) => {
      for (let i = 0; i < zones; i++) {
        const day = addDays('2022-11-01', rng.int(0, 8));
        const level = i % 2 ? 'high' : 'medium';
        const id = await insertZone(trx, {
          code: `P${i}`,
          name: `z${i}`,
          level,
          status: 'active',
          unit: 'building',
          district_code: '350102',
          street_code: '350102001',
          community_code: '350102001001',
          polygon: null,
          residents: ZONE_SIZE,
          designated_on: day,
          lifted_on: null,
          created_at: '',
        });
        const events: Insertable<ZoneEventRow>[] = [
          { ...event(id, day, 'round', 'bench', {}), kind: 'designate', to_level: level },
        ];
        for (let d = addDays(day, 1); d <= '2022-11-10'; d = addDays(d, 1))
          events.push(event(id, d, 'round', 'bench', { tested: ZONE_SIZE, positives: 0 }));
        await insertEvents(trx, events);
        const residents = Array.from({ length: ZONE_SIZE }, () => ({ zone_id: id, person_id: next++ }));
        await trx.insertInto('zone_residents').values(residents).execute();
      }
    });
    const marks: Insertable<RiskMarkRow>[] = [];
    for (let i = 0; i < Math.round(n * MARK_SHARE); i++)
      marks.push({
        person_id: next++,
        kind: i % 3 ? 'secondary-contact' : 'close-contact',
        since: '2022-11-09T12:00:00.000Z',
        index_case_id: null,
        zone_code: null,
        origin: null,
        source: 'bench',
        note: null,
        created_by: 'bench',
        created_at: '2022-11-09T12:00:00.000Z',
        status: 'active',
        closed_by: null,
        closed_at: null,
        close_reason: null,
      });
    // 14 columns a row: a thousand rows stay under SQLite's 32 766 parameters.
    for (let i = 0; i < marks.length; i += 1000)
      await db.k
        .insertInto('risk_marks')
        .values(marks.slice(i, i + 1000))
        .execute();
    // A city's tables have planner statistics (autovacuum analyses them after a load); freshly
    // loaded ones have none until it comes round, and PostgreSQL then hash-joined the whole of
    // tubes for every chunk of persons: 595 s at 8.4 M against 6.1 s at 420,000. Time the city as
    // it runs, not the minutes after a bulk load.
    if (dialect === 'postgres') await sql`analyze`.execute(db.k);
    const setupS = Number(((performance.now() - t0) / 1000).toFixed(1));

    const rawMs = await rawRead(b);

    const secret = randomBytes(32).toString('base64url');
    const ctx = {
      config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: tmpdir() }),
      // Nothing of the colour state is built yet on this handle: the switch-over starts cold.
      db,
      crypto: createCrypto(secret),
      modules: MODULES,
    };
    // Cold: nothing of the city is in memory; every change is recorded.
    const [s, switchMs] = await timed(() => switchOver(ctx, 'cli', 'cn-20-measures'));
    // Warm: the same comparison again from the live state (nothing written).
    const [ninth, twenty] = [await getPolicy(ctx, 'cn-9th-edition'), await getPolicy(ctx, 'cn-20-measures')];
    const [, warmMs] = await timed(() => compareVersions(ctx, CITY_READER, twenty, '2022-11-11', ninth));
    return {
      dialect,
      scale: SCALE,
      residents: n,
      zones,
      zoneResidents: zones * ZONE_SIZE,
      marks: marks.length,
      setupSeconds: setupS,
      rawReadMs: rawMs,
      banyanSwitchOverMs: switchMs,
      banyanCompareWarmMs: warmMs,
      ratio: Number((switchMs / rawMs).toFixed(2)),
      warmRatio: Number((warmMs / rawMs).toFixed(2)),
      switchOver: { previous: s.previous, ...s.counts },
      // Linear in the persons some rule speaks of (shares of the population): the figure at 8.4 M.
      projectedFullCitySeconds: Number((switchMs / 1000 / SCALE).toFixed(1)),
    };
  } finally {
    setClock(null);
    await b.close();
  }
}

const CITY_READER = CLI_READER;

/**
 * The rows a switch-over reads, read raw: zones, their events and residents, the marks, and the
 * samples with their tubes and the area of each person some rule speaks of.
 */
async function rawRead(b: Awaited<ReturnType<typeof benchDb>>): Promise<number> {
  const who = 'select person_id from zone_residents union select person_id from risk_marks';
  const queries = [
    'select * from cases',
    'select * from zones',
    'select * from zone_events',
    'select * from zone_residents',
    "select * from risk_marks where status = 'active'",
    `select s.*, t.pool_size, t.result, t.resulted_at from samples s join tubes t on t.code = s.tube_code where s.person_id in (${who})`,
    `select id, community_code from persons where id in (${who})`,
  ];
  if (b.dialect === 'sqlite') {
    const raw = new Database(join(b.dir, 'banyan.db'), { readonly: true });
    const t0 = performance.now();
    for (const q of queries) raw.prepare(q).all();
    const ms = performance.now() - t0;
    raw.close();
    return Number(ms.toFixed(1));
  }
  const c = new pg.Client({ connectionString: b.url });
  await c.connect();
  const t0 = performance.now();
  for (const q of queries) await c.query(q);
  const ms = performance.now() - t0;
  await c.end();
  return Number(ms.toFixed(1));
}
