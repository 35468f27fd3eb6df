import { createHash } from 'node:crypto';
import '../people/people.errors.ts';
import { personIdsOfDigests, WARM_AT } from '../people/person-ids.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { beijingToday, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import { readTable } from '../platform/files/table.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { keyedChunks } from './sample-keys.service.ts';
import { SampleCheck, type SampleInput } from './samples.check.ts';
import { listSites } from './sites.repo.ts';
import { TestingErrors } from './testing.errors.ts';
import {
  analyzeSampling,
  existingSamples,
  insertSamples,
  listCampaigns,
  type NewTube,
  tubesByCode,
  upsertFact,
  upsertTubes,
} from './testing.repo.ts';
import { statusIndex } from './testing.status.ts';
import { applyCounts } from './turnaround.repo.ts';
import { CountDeltas } from './turnaround.rules.ts';

const ANALYZE_AFTER = 50_000;

export type { SampleInput };

export interface Issue {
  row: number;
  column: string;
  code: string;
  params?: Record<string, unknown>;
}

/** Turns row issues into the IMPORT_INVALID error listing each one in both languages. */
export function invalidFile(issues: Issue[]): AppError {
  const details = issues
    .sort((a, b) => a.row - b.row)
    .map((i) => ({ row: i.row, column: i.column, code: i.code, message: messagesOf(i.code, i.params) }));
  return new AppError('IMPORT_INVALID', { count: issues.length }, details);
}

/** The distinct tube codes of some rows (rows of one tube mostly come together). */
function tubeCodesOf(rows: SampleInput[]): string[] {
  const codes = new Set<string>();
  let prev: string | undefined;
  for (const r of rows)
    if (r.tubeCode !== prev) {
      prev = r.tubeCode;
      codes.add(prev);
    }
  return [...codes];
}

/** What new tubes add to the kept turnaround counts: one each, summed per round and district first. */
function newTubeCounts(newTubes: NewTube[], stored: Map<string, unknown>): CountDeltas {
  const added = new Map<string, { t: NewTube; n: number }>();
  for (const t of newTubes) {
    if (stored.has(t.code) || t.campaign_id == null) continue;
    const key = `${t.campaign_id}|${t.round}|${t.district_code}`;
    const g = added.get(key);
    if (g) g.n++;
    else added.set(key, { t, n: 1 });
  }
  const deltas = new CountDeltas();
  for (const { t, n } of added.values())
    deltas.add(
      {
        ...t,
        campaign_id: t.campaign_id ?? null,
        round: t.round ?? null,
        received_at: null,
        resulted_at: null,
        lab_code: null,
        receiving_lab: null,
      },
      n,
    );
  return deltas;
}

/**
 * Records samples: every row checked first (pool size, tube capacity, site, resident ID, time);
 * any problem refuses all. Samples already stored are skipped, so re-sending a file changes nothing.
 * A person sampled twice in one campaign round is kept and flagged.
 */
export async function recordSamples(ctx: Ctx, actor: Actor | 'cli' | 'system', rows: SampleInput[], source: string) {
  if (typeof actor !== 'string') requirePermission(actor, 'testing:write');
  // A site outside the actor's scope is as unknown to them as one that does not exist.
  const mine = (s: { community_code: string }) =>
    typeof actor === 'string' || scopeCoversDivision(actor.scope, s.community_code);
  const sites = new Map((await listSites(ctx.db)).filter(mine).map((s) => [s.code, s]));
  const campaigns = await listCampaigns(ctx.db);
  // The IDs are checked and keyed chunk by chunk (on the keying thread for a large import) while
  // this thread reads the tubes; the import is judged against one "today".
  const keyed = keyedChunks(
    ctx,
    rows.map((r) => r.idNumber),
    nowMs(),
  );
  const tubes = await tubesByCode(ctx.db, tubeCodesOf(rows));
  const stored = await existingSamples(ctx.db, [...tubes.keys()]);
  // Pool sizes allowed by the version in force today (the day of the import).
  const pools = policyOn(await listPolicies(ctx), beijingToday()).params.pools.allowedSizes;
  const check = new SampleCheck(rows, sites, campaigns, tubes, stored, new Set(pools));
  const warm = rows.length >= WARM_AT;
  for await (const { start, chunk } of keyed) {
    for (const p of chunk.problems)
      check.issues.push({
        row: (rows[start + p.at] as SampleInput).row,
        column: 'id_number',
        code: p.code,
        params: p.params,
      });
    check.check(start, await personIdsOfDigests(ctx.db, chunk, { warm }), chunk.valid);
  }
  if (check.issues.length) throw invalidFile(check.issues);
  const { cols } = check;
  const index = await statusIndex(ctx.db);
  const { repeats, people, times, lastMs } = check.flagRepeats(index);
  const newTubes: NewTube[] = [];
  for (const f of check.fills.values()) if (f.row) newTubes.push(f.row);
  const deltas = newTubeCounts(newTubes, tubes);
  await ctx.db.k.transaction().execute(async (trx) => {
    await upsertTubes(ctx.db, trx, newTubes);
    await applyCounts(trx, deltas.rows());
    await insertSamples(ctx.db, trx, cols);
    await upsertFact(ctx.db, trx, 'last_sampled_at', people, times);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'samples-recorded',
      entity: 'samples',
      entityId: source.slice(0, 64),
      detail: { rows: rows.length, recorded: cols.n, tubes: newTubes.length, repeats },
    });
  });
  index.advance('lastSampledAt', people, lastMs);
  // After a bulk load PostgreSQL's statistics still describe the table before it, and it would plan
  // the results' member lookups as hash joins over every person; autovacuum catches up only later.
  if (ctx.db.dialect === 'postgres' && cols.n >= ANALYZE_AFTER) await analyzeSampling(ctx.db);
  return {
    rows: rows.length,
    recorded: cols.n,
    unchanged: rows.length - cols.n,
    tubes: newTubes.length,
    repeatsInRound: repeats,
  };
}

const SAMPLE_COLUMNS = ['tube_code', 'pool_size', 'sampled_at', 'site_code', 'id_number'] as const;

/** `banyan import samples FILE` and the upload endpoint: CSV or XLSX, all or nothing. */
export async function importSamples(ctx: Ctx, actor: Actor | 'cli', buf: Buffer, filename: string) {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(buf);
  } catch (e) {
    throw invalidFile([
      e instanceof AppError
        ? { row: Number(e.params.row ?? 0), column: '', code: e.code, params: e.params }
        : {
            row: 0,
            column: '',
            code: 'IMPORT_UNREADABLE',
            params: { reason: e instanceof Error ? e.message : String(e) },
          },
    ]);
  }
  const col = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, table.header.indexOf(c)]));
  const missing = SAMPLE_COLUMNS.filter((c) => (col[c] as number) < 0);
  if (missing.length)
    throw invalidFile(
      missing.map((c) => ({ row: 1, column: c, code: 'IMPORT_MISSING_COLUMN', params: { column: c } })),
    );
  const cell = (cells: string[], c: (typeof SAMPLE_COLUMNS)[number]) => (cells[col[c] as number] ?? '').trim();
  const rows = table.rows.map((r) => ({
    row: r.row,
    tubeCode: cell(r.cells, 'tube_code'),
    poolSize: Number(cell(r.cells, 'pool_size')),
    sampledAt: cell(r.cells, 'sampled_at'),
    siteCode: cell(r.cells, 'site_code'),
    idNumber: cell(r.cells, 'id_number'),
  }));
  const sha = createHash('sha256').update(buf).digest('hex').slice(0, 16);
  return recordSamples(ctx, actor, rows, `${filename}#${sha}`);
}

export { TestingErrors };
