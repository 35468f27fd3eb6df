// Industrial electricity: Banyan's all-or-nothing import of daily readings against a raw insert of
// the same rows into a table of the same key in the same run, and the screen's views and the flags
// of one day. BENCH_POWER_ACCOUNTS × BENCH_POWER_DAYS rows (default 5,000 × 60 = 300,000, under two
// minutes on a shared machine); BENCH_DIALECT=postgres runs on a PostgreSQL database it creates and drops.
// BENCH_POWER_MODE=views skips the import and loads the rows raw inside the database (economy-load.ts),
// for the views and flags at the issue's size: BENCH_POWER_ACCOUNTS=50000 BENCH_POWER_DAYS=365 (18 M).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { rebuildDaily } from '../src/economy/economy.repo.ts';
import { weekdayOf } from '../src/economy/economy.rules.ts';
import { importReadings } from '../src/economy/economy.service.ts';
import { evaluateFlags } from '../src/economy/flags.service.ts';
import { updateSettings } from '../src/economy/settings.service.ts';
import { powerOverview } from '../src/economy/views.service.ts';
import { MIGRATIONS } from '../src/migrations.ts';
import { MODULES } from '../src/modules.ts';
import type { Actor } from '../src/platform/auth/auth.rules.ts';
import { setClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { addDays } from '../src/platform/dates.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { pgDatabase } from '../test/helpers/db.ts';
import { loadRaw } from './economy-load.ts';

const ACCOUNTS = Number(process.env.BENCH_POWER_ACCOUNTS || 5000);
const DAYS = Number(process.env.BENCH_POWER_DAYS || 60);
const FIRST = '2022-09-08';
const CITY: Actor = { userId: 0, username: 'bench', role: 'industry-bureau', scope: { kind: 'city', code: '3501' } };
const GULOU: Actor = {
  userId: 0,
  username: 'bench-gulou',
  role: 'district-officer',
  scope: { kind: 'district', code: '350102' },
};
const DISTRICTS = [
  '350102',
  '350103',
  '350104',
  '350105',
  '350111',
  '350112',
  '350121',
  '350122',
  '350123',
  '350124',
  '350125',
  '350128',
  '350181',
];
const DIVISIONS = ['13', '17', '26', '28', '30', '31', '33', '34', '38', '39'];

/** The readings as CSV and as rows: every account every day, a tenth of them falling in the last fortnight. */
function readings(): { csv: Buffer; rows: Array<[string, string, number, number]> } {
  const lines = ['date,account_no,credit_code,district,industry,kwh'];
  const rows: Array<[string, string, number, number]> = [];
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(FIRST, d);
    const wd = weekdayOf(day);
    for (let a = 0; a < ACCOUNTS; a++) {
      const base = 1000 + ((a * 7919) % 50_000);
      const falling = a % 10 === 0 && d >= DAYS - 14;
      const kwh = Math.round(base * (wd === 0 ? 0.9 : 1) * (falling ? 0.5 : 1));
      const no = `B${String(a).padStart(7, '0')}`;
      lines.push(`${day},${no},,${DISTRICTS[a % DISTRICTS.length]},C${DIVISIONS[a % DIVISIONS.length]},${kwh}`);
      rows.push([no, day, wd, kwh]);
    }
  }
  return { csv: Buffer.from(lines.join('\n')), rows };
}

async function rawSqlite(dir: string, rows: Array<[string, string, number, number]>): Promise<number> {
  const raw = new Database(join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.exec(
    'create table r (account_no text, day text, wd integer, kwh real, primary key (account_no, day)); create index r_day on r (day, account_no)',
  );
  const ins = raw.prepare('insert into r values (?, ?, ?, ?)');
  const t0 = performance.now();
  raw.transaction(() => {
    for (const r of rows) ins.run(...r);
  })();
  const rate = rows.length / ((performance.now() - t0) / 1000);
  raw.close();
  return rate;
}

async function rawPostgres(url: string, rows: Array<[string, string, number, number]>): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(
    'create table r (account_no text, day text, wd integer, kwh double precision, primary key (account_no, day)); create index r_day on r (day, account_no)',
  );
  const t0 = performance.now();
  await c.query('begin');
  for (let i = 0; i < rows.length; i += 2000) {
    const part = rows.slice(i, i + 2000);
    await c.query(
      `insert into r values ${part.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`).join(',')}`,
      part.flat(),
    );
  }
  await c.query('commit');
  const rate = rows.length / ((performance.now() - t0) / 1000);
  await c.end();
  return rate;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, Number((performance.now() - t0).toFixed(1))];
}

type Ctx = Parameters<typeof powerOverview>[0];

/** The views and flags of the last day, each timed twice (first and again) where a cache could matter. */
async function timeDay(ctx: Ctx, day: string) {
  const [flags, flagsMs] = await timed(() => evaluateFlags(ctx, day));
  const [, flagsAgainMs] = await timed(() => evaluateFlags(ctx, day));
  const [view, viewMs] = await timed(() => powerOverview(ctx, CITY, { date: day }));
  const [, viewAgainMs] = await timed(() => powerOverview(ctx, CITY, { date: day }));
  const [district, districtMs] = await timed(() => powerOverview(ctx, GULOU, { date: day }));
  return {
    flagsOfDayMs: flagsMs,
    flagsOfDayAgainMs: flagsAgainMs,
    flagged: flags.length,
    screenOfDayMs: viewMs,
    screenOfDayAgainMs: viewAgainMs,
    screenFlags: view.flags.length,
    screenDistricts: view.districts.length,
    screenIndustries: view.industries.length,
    districtScreenMs: districtMs,
    districtScreenFlags: district.flags.length,
  };
}

/** Import rows/s against raw inserts of the same rows, and the views and flags of one day. */
export async function benchEconomy(): Promise<Record<string, unknown>> {
  const postgres = process.env.BENCH_DIALECT === 'postgres';
  const viewsOnly = process.env.BENCH_POWER_MODE === 'views';
  const dir = mkdtempSync(join(tmpdir(), 'banyan-bench-'));
  const pgdb = postgres ? await pgDatabase() : null;
  const rawdb = postgres && !viewsOnly ? await pgDatabase() : null;
  setClock('2022-11-30T12:00:00+08:00');
  try {
    const data = viewsOnly ? null : readings();
    const rawRate = !data ? 0 : rawdb ? await rawPostgres(rawdb.url, data.rows) : await rawSqlite(dir, data.rows);
    const db = pgdb ? openDb({ url: pgdb.url }) : openDb({ file: join(dir, 'banyan.db') });
    await migrate(db, MIGRATIONS);
    const secret = randomBytes(32).toString('base64url');
    const ctx = {
      config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }),
      db,
      crypto: createCrypto(secret),
      modules: MODULES,
    };
    const day = addDays(FIRST, DAYS - 1);
    const head = { dialect: postgres ? 'postgres' : 'sqlite', accounts: ACCOUNTS, days: DAYS, rows: ACCOUNTS * DAYS };
    if (!data) {
      const load = await loadRaw(db, {
        accounts: ACCOUNTS,
        days: DAYS,
        first: FIRST,
        districts: DISTRICTS,
        divisions: DIVISIONS,
      });
      const all = Array.from({ length: DAYS }, (_, d) => addDays(FIRST, d));
      const [, dailySeconds] = await timed(() => db.k.transaction().execute((trx) => rebuildDaily(trx, all)));
      const [, baselineMs] = await timed(() =>
        updateSettings(ctx, 'cli', { baselineFrom: FIRST, baselineTo: addDays(FIRST, 27) }),
      );
      const result = {
        mode: 'views',
        ...head,
        loadSeconds: load,
        dailyTotalsSeconds: Number((dailySeconds / 1000).toFixed(1)),
        baselinesSeconds: Number((baselineMs / 1000).toFixed(1)),
        ...(await timeDay(ctx, day)),
      };
      await db.close();
      return result;
    }
    await updateSettings(ctx, 'cli', { baselineFrom: FIRST, baselineTo: addDays(FIRST, 27) });
    const file = { buf: data.csv, filename: 'bench.csv' };
    const [r, importMs] = await timed(() => importReadings(ctx, CITY, file, { evaluate: false }));
    const [again, reimportMs] = await timed(() => importReadings(ctx, CITY, file, { evaluate: false }));
    const days = await timeDay(ctx, day);
    await db.close();
    const importRate = data.rows.length / (importMs / 1000);
    return {
      mode: 'import',
      ...head,
      csvMiB: Number((data.csv.length / 1048576).toFixed(1)),
      rawInsertRowsPerSec: Math.round(rawRate),
      banyanImportRowsPerSec: Math.round(importRate),
      ratio: Number((importRate / rawRate).toFixed(3)),
      importSeconds: Number((importMs / 1000).toFixed(1)),
      inserted: r.inserted,
      reimportUnchanged: again.unchanged,
      reimportSeconds: Number((reimportMs / 1000).toFixed(1)),
      ...days,
    };
  } finally {
    setClock(null);
    rmSync(dir, { recursive: true, force: true });
    await pgdb?.drop();
    await rawdb?.drop();
  }
}
