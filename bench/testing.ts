// A city testing round at real scale: samples then results through Banyan's ingest, against raw
// better-sqlite3 inserts of the same rows in the same run. Persons are loaded raw (setup, not timed).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../src/migrations.ts';
import { checkCharOf } from '../src/people/people.rules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { recordResults } from '../src/testing/results.service.ts';
import { recordSamples, type SampleInput } from '../src/testing/samples.service.ts';
import { createCampaign, createSites, testStatusOf } from '../src/testing/testing.service.ts';

const PEOPLE = Number(process.env.BENCH_SAMPLES || 8_400_000);
const BATCH = 200_000;
const POOL = 10;
const idOf = (n: number) => {
  const birth = new Date(Date.UTC(1940, 0, 1) + (n % 20_000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `350102${birth}${String(Math.floor(n / 20_000) % 1000).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
};

/** Rows/s for samples and results, peak memory, and the delay before a result reaches the status index. */
export async function benchTesting(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-bench-'));
  try {
    const secret = randomBytes(32).toString('base64url');
    const crypto = createCrypto(secret);
    const db = openDb({ file: join(dir, 'banyan.db') });
    await migrate(db, MIGRATIONS);
    await db.close();
    // Setup: PEOPLE persons with real blind indexes (the lookup key); their ciphertext columns are not read here.
    const raw = new Database(join(dir, 'banyan.db'));
    raw.pragma('journal_mode = WAL');
    const ids: string[] = [];
    const seen = new Set<string>();
    for (let n = 0; ids.length < PEOPLE; n++) {
      const id = idOf(n);
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
    seen.clear();
    const insP = raw.prepare(
      "insert into persons (id_index, id_cipher, id_masked, name_cipher, name_masked, sex, birth_date, district_code, street_code, community_code, created_at, updated_at) values (?, 'x', 'x', 'x', 'x', 'male', '1985-01-01', '350102', '350102001', '350102001001', '', '')",
    );
    raw.transaction(() => {
      for (const id of ids) insP.run(crypto.blindIndex('id', id));
    })();
    raw.close();

    const ctx = {
      config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }),
      db: openDb({ file: join(dir, 'banyan.db') }),
      crypto,
    };
    await createCampaign(ctx, 'system', {
      code: 'B1',
      name: 'bench',
      startOn: '2022-11-08',
      endOn: '2022-11-08',
      areas: [{ code: '350102', poolSize: POOL }],
    });
    await createSites(ctx, 'system', [
      { code: 'S1', name: 'site', communityCode: '350102001001', lanes: 10, hours: '' },
    ]);
    const sampleRow = (i: number): SampleInput => ({
      row: i + 2,
      tubeCode: `T${Math.floor(i / POOL)}`,
      poolSize: POOL,
      sampledAt: '2022-11-08T09:00:00+08:00',
      siteCode: 'S1',
      idNumber: ids[i] as string,
    });

    // Baseline: the same sample rows, raw prepared inserts into a table of the same shape and indexes.
    const base = new Database(join(dir, 'raw.db'));
    base.pragma('journal_mode = WAL');
    base.exec(
      'create table samples (tube_code text, person_id integer, sampled_at text, repeat_in_round integer, primary key (tube_code, person_id)); create index samples_person on samples (person_id, sampled_at)',
    );
    const insS = base.prepare('insert into samples values (?, ?, ?, 0)');
    let t0 = performance.now();
    base.transaction(() => {
      for (let i = 0; i < PEOPLE; i++) insS.run(`T${Math.floor(i / POOL)}`, i + 1, '2022-11-08T01:00:00.000Z');
    })();
    const rawRate = PEOPLE / ((performance.now() - t0) / 1000);
    base.close();

    let peak = process.memoryUsage().rss;
    const track = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    t0 = performance.now();
    for (let i = 0; i < PEOPLE; i += BATCH) {
      await recordSamples(
        ctx,
        'system',
        Array.from({ length: Math.min(BATCH, PEOPLE - i) }, (_, j) => sampleRow(i + j)),
        `bench-${i}`,
      );
      track();
    }
    const sampleSeconds = (performance.now() - t0) / 1000;
    const tubes = Math.ceil(PEOPLE / POOL);
    t0 = performance.now();
    for (let i = 0; i < tubes; i += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, tubes - i) }, (_, j) => ({
        row: j + 2,
        tubeCode: `T${i + j}`,
        result: 'negative',
        resultedAt: '2022-11-08T15:00:00+08:00',
        labCode: 'L',
        ctValue: '',
      }));
      await recordResults(ctx, 'system', rows, `bench-r-${i}`);
      track();
    }
    const resultSeconds = (performance.now() - t0) / 1000;
    // A new result must reach the entrance check's index: time from submit to visible.
    await recordSamples(
      ctx,
      'system',
      [{ ...sampleRow(0), tubeCode: 'LATE', poolSize: 1, sampledAt: '2022-11-08T20:00:00+08:00' }],
      'late',
    );
    t0 = performance.now();
    await recordResults(
      ctx,
      'system',
      [
        {
          row: 2,
          tubeCode: 'LATE',
          result: 'negative',
          resultedAt: '2022-11-08T21:00:00+08:00',
          labCode: 'L',
          ctValue: '',
        },
      ],
      'late',
    );
    const personId = 1;
    const visible = (await testStatusOf(ctx, personId)).lastNegativeSampledAt === '2022-11-08T12:00:00.000Z';
    const visibleMs = performance.now() - t0;
    await ctx.db.close();
    const total = sampleSeconds + resultSeconds;
    return {
      samples: PEOPLE,
      tubes,
      poolSize: POOL,
      rawSampleInsertRowsPerSec: Math.round(rawRate),
      sampleRowsPerSec: Math.round(PEOPLE / sampleSeconds),
      sampleRatioToRaw: Number((PEOPLE / sampleSeconds / rawRate).toFixed(3)),
      resultTubesPerSec: Math.round(tubes / resultSeconds),
      totalSeconds: Number(total.toFixed(1)),
      endToEndRowsPerSec: Math.round((PEOPLE + tubes) / total),
      newResultVisibleToCheck: visible,
      newResultVisibleMs: Number(visibleMs.toFixed(1)),
      peakRssMiB: Math.round(peak / 1048576),
      sha: createHash('sha1').update(String(PEOPLE)).digest('hex').slice(0, 8),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
