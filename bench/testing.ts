// A city testing round at real scale: samples then results through Banyan's ingest, against raw
// inserts of the same rows in the same run. Persons are loaded raw (setup, not timed).
// BENCH_DIALECT=postgres runs it on a random PostgreSQL database that it creates and drops;
// BENCH_SAMPLES sets the scale (default the full 8.4 M).
import { createHash, randomBytes } from 'node:crypto';
import { MODULES } from '../src/modules.ts';
import { checkCharOf } from '../src/people/people.rules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { turnaround } from '../src/testing/receipts.service.ts';
import { recordResults } from '../src/testing/results.service.ts';
import { recordSamples, type SampleInput } from '../src/testing/samples.service.ts';
import { createCampaign, createSites, testStatusOf } from '../src/testing/testing.service.ts';
import { benchDb, type RawRows } from './testing-db.ts';

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
  const dialect = process.env.BENCH_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
  const bench = await benchDb(dialect);
  try {
    const secret = randomBytes(32).toString('base64url');
    const crypto = createCrypto(secret);
    // Setup: PEOPLE persons with real blind indexes (the lookup key); their ciphertext columns are not read here.
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
    await bench.loadPersons(ids.map((id) => crypto.blindIndex('id', id)));
    const ctx = {
      config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: '/nonexistent' }),
      db: bench.db,
      crypto,
      modules: MODULES,
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

    // Baselines, same run: (1) the sample rows alone into a table of the same shape and its two
    // indexes; (2) the same samples plus the tube and person-fact rows Banyan writes for them, into
    // the full migrated schema with all its indexes. Raw prepared inserts (SQLite) or unnest (PostgreSQL).
    const tubes = Math.ceil(PEOPLE / POOL);
    const raw: RawRows = {
      samples: PEOPLE,
      tubes,
      sample: (i) => [`T${Math.floor(i / POOL)}`, i + 1, '2022-11-08T01:00:00.000Z'],
      tube: (i) => [`T${i}`, Math.min(POOL, PEOPLE - i * POOL)],
    };
    const rawRate = await bench.rawSamplesOnly(raw);
    const rawSameSchemaRate = await bench.rawSameSchema(raw);
    let t0 = 0;

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
    // The dashboard's turnaround card over the whole round (every tube of the campaign is read).
    t0 = performance.now();
    const ta = await turnaround(
      ctx,
      { userId: 0, username: 'bench', role: 'commander', scope: { kind: 'city', code: '3501' } },
      'B1',
      { round: 1 },
    );
    const turnaroundMs = performance.now() - t0;
    const total = sampleSeconds + resultSeconds;
    return {
      dialect,
      machine: 'shared 2-core machine; other helpers were running tests and builds at the same time',
      samples: PEOPLE,
      tubes,
      poolSize: POOL,
      rawSampleInsertRowsPerSec: Math.round(rawRate),
      sampleRowsPerSec: Math.round(PEOPLE / sampleSeconds),
      sampleRatioToRaw: Number((PEOPLE / sampleSeconds / rawRate).toFixed(3)),
      rawSameSchemaSamplesPerSec: Math.round(rawSameSchemaRate),
      sampleRatioToRawSameSchema: Number((PEOPLE / sampleSeconds / rawSameSchemaRate).toFixed(3)),
      resultTubesPerSec: Math.round(tubes / resultSeconds),
      totalSeconds: Number(total.toFixed(1)),
      endToEndRowsPerSec: Math.round((PEOPLE + tubes) / total),
      newResultVisibleToCheck: visible,
      newResultVisibleMs: Number(visibleMs.toFixed(1)),
      peakRssMiB: Math.round(peak / 1048576),
      turnaroundRoundMs: Number(turnaroundMs.toFixed(0)),
      turnaroundTubes: ta.selected.tubes,
      sha: createHash('sha1').update(String(PEOPLE)).digest('hex').slice(0, 8),
    };
  } finally {
    await bench.close();
  }
}
