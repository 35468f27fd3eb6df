import type { Ctx } from '../platform/context.ts';
import { samplesWithResults, samplesWithResultsOf } from './history.repo.ts';

/** A person's test facts as they stood at a past instant, and every negative known by then. */
export interface FactsAt {
  lastNegativeSampledAt: number | null;
  positivePoolAt: number | null;
  positiveAt: number | null;
  negatives: number[];
}

/**
 * The test facts at `at`, read from the records rather than the status index (which keeps only the
 * latest): a result counts once it was known (resulted by `at`), a correction from when it was
 * made; a positive pool's flag is cleared by a single-tube negative resulted after it.
 */
export async function testFactsAt(ctx: Ctx, personId: number, at: number): Promise<FactsAt> {
  return factsOf(await samplesWithResults(ctx.db, personId, new Date(at).toISOString()), at);
}

/** The test facts of many persons at `at` (a replay of the whole city), read in chunks; everyone asked has an entry. */
export async function testFactsAtMany(ctx: Ctx, personIds: number[], at: number): Promise<Map<number, FactsAt>> {
  const rows = new Map<number, SampleRow[]>(personIds.map((id) => [id, []]));
  for (const r of await samplesWithResultsOf(ctx.db, personIds, new Date(at).toISOString()))
    rows.get(Number(r.person_id))?.push(r);
  return new Map([...rows].map(([id, rs]) => [id, factsOf(rs, at)]));
}

type SampleRow = Awaited<ReturnType<typeof samplesWithResults>>[number];

function factsOf(rows: SampleRow[], at: number): FactsAt {
  // The result of each tube known at `at`: its latest history row by then, else its own columns.
  const byTube = new Map<string, { sampledAt: number; pool: number; result: string | null; resultedAt: number }>();
  const hasHistory = new Set(rows.filter((r) => r.result_id !== null).map((r) => r.tube_code));
  for (const r of rows) {
    const [result, resulted] = hasHistory.has(r.tube_code)
      ? [r.result, r.resulted_at]
      : [r.tube_result, r.tube_resulted_at];
    if (result === null || resulted === null || Date.parse(resulted) > at) continue;
    const t = Date.parse(resulted);
    const known = byTube.get(r.tube_code);
    if (!known || t >= known.resultedAt)
      byTube.set(r.tube_code, {
        sampledAt: Date.parse(r.sampled_at),
        pool: Number(r.pool_size),
        result,
        resultedAt: t,
      });
  }
  const out: FactsAt = { lastNegativeSampledAt: null, positivePoolAt: null, positiveAt: null, negatives: [] };
  const tubes = [...byTube.values()];
  for (const t of tubes) {
    if (t.result === 'negative') {
      out.negatives.push(t.sampledAt);
      if (out.lastNegativeSampledAt === null || t.sampledAt > out.lastNegativeSampledAt)
        out.lastNegativeSampledAt = t.sampledAt;
    }
    if (t.result === 'positive' && t.pool === 1 && (out.positiveAt === null || t.resultedAt > out.positiveAt))
      out.positiveAt = t.resultedAt;
    if (t.result === 'positive' && t.pool > 1 && (out.positivePoolAt === null || t.resultedAt > out.positivePoolAt))
      out.positivePoolAt = t.resultedAt;
  }
  const pool = out.positivePoolAt;
  if (pool !== null && tubes.some((t) => t.pool === 1 && t.result === 'negative' && t.resultedAt > pool))
    out.positivePoolAt = null;
  out.negatives.sort((a, b) => a - b);
  return out;
}
