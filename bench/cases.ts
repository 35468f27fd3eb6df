// Case import and figures: Banyan's all-or-nothing import of a line list against raw
// better-sqlite3 inserts of the same rows, in the same run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { districtsOf, figuresOf } from '../src/cases/cases.figures.ts';
import { COLUMNS } from '../src/cases/cases.import.ts';
import { importCases } from '../src/cases/cases.service.ts';
import { DIVISIONS } from '../src/geo/geo.data.ts';
import { MIGRATIONS } from '../src/migrations.ts';
import { MODULES } from '../src/modules.ts';
import type { Actor } from '../src/platform/auth/auth.rules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { addDays } from '../src/platform/dates.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { csvCell } from '../src/platform/files/csv.ts';
import { residentsOf } from '../src/sim/residents.ts';
import { Rng } from '../src/sim/rng.ts';

const ROWS = Number(process.env.BENCH_CASES || 200_000);
const CITY: Actor = { userId: 0, username: 'bench', role: 'commander', scope: { kind: 'city', code: '3501' } };

/** A synthetic city-wide line list of ROWS cases over 60 days, every row with a valid identity. */
function lineList(): { csv: Buffer; rows: string[][] } {
  const rng = new Rng(9);
  const districts = DIVISIONS.filter((d) => d.level === 'district').map((d) => d.code);
  const used = new Set<string>();
  const rows: string[][] = [];
  const people = districts.flatMap((d) =>
    [...residentsOf(rng, d, Math.ceil(ROWS / districts.length), used)].map((p) => ({ ...p, district: d })),
  );
  for (let i = 0; i < ROWS; i++) {
    const p = people[i] as (typeof people)[number];
    const district = p.district;
    const reported = addDays('2022-10-01', rng.int(0, 59));
    const confirmed = rng.next() < 0.2;
    const closed = rng.next() < 0.5 ? addDays(reported, rng.int(5, 12)) : '';
    rows.push([
      `B${i}`,
      confirmed ? 'confirmed' : 'asymptomatic',
      rng.next() < 0.97 ? 'local' : 'imported',
      reported,
      district,
      p.communityCode.slice(0, 9),
      p.communityCode,
      rng.pick(['quarantine', 'home-isolation', 'community-screening']),
      '',
      confirmed ? closed : '',
      confirmed ? '' : closed,
      '',
      p.idNumber,
      p.name,
      p.phone ?? '',
    ]);
  }
  const text = [COLUMNS.map((c) => c.key).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n');
  return { csv: Buffer.from(text), rows };
}

/** Import rows/s against raw inserts, and the time to compute a day's figures for every district. */
export async function benchCases(): Promise<Record<string, unknown>> {
  const { csv, rows } = lineList();
  const dir = mkdtempSync(join(tmpdir(), 'banyan-bench-'));
  try {
    const raw = new Database(join(dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.exec(`create table cases (${COLUMNS.map((c) => `${c.key} text`).join(', ')})`);
    const ins = raw.prepare(`insert into cases values (${COLUMNS.map(() => '?').join(',')})`);
    let t0 = performance.now();
    raw.transaction(() => {
      for (const r of rows) ins.run(...r);
    })();
    const rawRate = ROWS / ((performance.now() - t0) / 1000);
    raw.close();

    const db = openDb({ file: join(dir, 'banyan.db') });
    await migrate(db, MIGRATIONS);
    const secret = randomBytes(32).toString('base64url');
    const ctx = {
      config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }),
      db,
      crypto: createCrypto(secret),
      modules: MODULES,
    };
    t0 = performance.now();
    const r = await importCases(
      ctx,
      CITY,
      { buf: csv, filename: 'bench.csv', contentType: 'text/csv' },
      { dryRun: false },
    );
    const importSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const again = await importCases(
      ctx,
      CITY,
      { buf: csv, filename: 'bench.csv', contentType: 'text/csv' },
      { dryRun: false },
    );
    const reimportSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const all = await districtsOf(ctx, CITY, '2022-11-15');
    const districtsMs = performance.now() - t0;
    t0 = performance.now();
    for (const d of all.districts) await figuresOf(ctx, CITY, '2022-11-15', d.code);
    const perDistrictMs = performance.now() - t0;
    await db.close();
    return {
      rows: ROWS,
      csvMiB: Number((csv.length / 1048576).toFixed(1)),
      rawBetterSqlite3RowsPerSec: Math.round(rawRate),
      banyanImportRowsPerSec: Math.round(ROWS / importSeconds),
      ratio: Number((ROWS / importSeconds / rawRate).toFixed(3)),
      importSeconds: Number(importSeconds.toFixed(1)),
      inserted: r.inserted,
      reimportUnchanged: again.unchanged,
      reimportSeconds: Number(reimportSeconds.toFixed(1)),
      figuresAllDistrictsOneQueryMs: Number(districtsMs.toFixed(1)),
      figuresEachDistrictMs: Number(perDistrictMs.toFixed(1)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
