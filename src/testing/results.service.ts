import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { readTable } from '../platform/files/table.ts';
import { insertAlerts } from './alerts.repo.ts';
import { distinctLatest, FactList, msOf } from './results.rules.ts';
import { closeTasks, insertTasks, openTasksOf, poolsStillOpen } from './retests.repo.ts';
import { type Issue, invalidFile } from './samples.service.ts';
import {
  advanceNegatives,
  clearPoolFlags,
  closePools,
  insertTubeResults,
  membersOf,
  recomputeNegatives,
  setTubeResults,
  tubesByCode,
  upsertFact,
} from './testing.repo.ts';
import { type Cascade, cascadeOf, parseResult, type TubeResult } from './testing.rules.ts';
import { statusIndex } from './testing.status.ts';
import type { TubeRow } from './testing.tables.ts';
import { applyCounts } from './turnaround.repo.ts';
import { CountDeltas } from './turnaround.rules.ts';
import './testing.errors.ts';
import { nowIso } from '../platform/clock.ts';

/** One lab result as a file or the lab API reports it. */
export interface ResultInput {
  row: number;
  tubeCode: string;
  result: string;
  resultedAt: string;
  labCode: string;
  ctValue: string;
  correctionReason?: string;
  /** When the lab received the tube, if the file says; never assumed to be the result time. */
  receivedAt?: string;
}

/** Positions 0…n-1 of `tube` ordered by tube, stable (a counting sort: rows come mostly in order already). */
function inTubeOrder(tube: number[], tubes: number): Uint32Array {
  const start = new Uint32Array(tubes + 1);
  for (const t of tube) (start[t + 1] as number)++;
  for (let t = 0; t < tubes; t++) (start[t + 1] as number) += start[t] as number;
  const out = new Uint32Array(tube.length);
  for (let i = 0; i < tube.length; i++) out[(start[tube[i] as number] as number)++] = i;
  return out;
}

/**
 * What results change in the kept turnaround counts: each tube's state before leaves and its state
 * after arrives. Tubes whose times, labs and divisions are alike are counted once, times their number
 * (a round's rack of tubes is mostly alike; one tube at a time was most of the import's own work).
 */
function resultCounts(
  rows: Parameters<typeof setTubeResults>[2],
  stored: Map<string, Selectable<TubeRow>>,
): CountDeltas {
  const groups = new Map<string, { before: Selectable<TubeRow>; row: (typeof rows)[number]; n: number }>();
  const f = (v: unknown) => (v === null || v === undefined ? '\u0000' : String(v));
  for (const row of rows) {
    const b = stored.get(row.code) as Selectable<TubeRow>;
    const key = [
      b.campaign_id,
      b.round,
      b.district_code,
      b.first_sampled_at,
      b.received_at,
      b.resulted_at,
      b.lab_code,
      b.receiving_lab,
      row.resulted_at,
      row.lab_code,
      row.received_at,
      row.receiving_lab,
    ]
      .map(f)
      .join('\u0001');
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { before: b, row, n: 1 });
  }
  const deltas = new CountDeltas();
  for (const { before, row, n } of groups.values()) {
    deltas.add(before, -n);
    deltas.add(
      {
        ...before,
        resulted_at: row.resulted_at,
        lab_code: row.lab_code,
        received_at: before.received_at ?? row.received_at,
        receiving_lab: before.receiving_lab ?? row.receiving_lab,
      },
      n,
    );
  }
  return deltas;
}

const isoTime = (s: string) => !Number.isNaN(Date.parse(s)) && /T\d{2}:\d{2}/.test(s);

/**
 * Records lab results and runs their consequences in one transaction: negatives become each
 * member's latest negative sampling time; a positive pool flags its members and opens a single-tube
 * retest for each; a positive single tube is a positive person and settles their open retest; an
 * invalid tube sends everyone back to be sampled. A pool closes when its last retest is in.
 */
export async function recordResults(
  ctx: Ctx,
  actor: Actor | 'cli' | 'system',
  rows: ResultInput[],
  source: string,
  opts: { dryRun?: boolean } = {},
) {
  if (typeof actor !== 'string') requirePermission(actor, 'testing:results');
  const tubes = await tubesByCode(ctx.db, [...new Set(rows.map((r) => r.tubeCode))]);
  const issues: Issue[] = [];
  const inFile = new Map<string, string>();
  const changes: Array<{
    r: ResultInput;
    result: TubeResult;
    poolSize: number;
    correction: boolean;
    ct: number | null;
    receivedAt: string | null;
    tube: { district_code: string; campaign_id: number | null; received_at: string | null };
  }> = [];
  for (const r of rows) {
    const bad = (column: string, code: string, params?: Record<string, unknown>) =>
      issues.push({ row: r.row, column, code, params });
    const tube = tubes.get(r.tubeCode);
    if (!tube) {
      bad('tube_code', 'TUBE_UNKNOWN', { tube: r.tubeCode });
      continue;
    }
    const result = parseResult(r.result);
    if (!result) {
      bad('result', 'TUBE_RESULT_INVALID', { value: r.result });
      continue;
    }
    if (!isoTime(r.resultedAt)) {
      bad('resulted_at', 'SAMPLE_TIME_INVALID', { value: r.resultedAt });
      continue;
    }
    if (Date.parse(r.resultedAt) < Date.parse(tube.first_sampled_at)) bad('resulted_at', 'TUBE_RESULT_BEFORE_SAMPLING');
    const ct = r.ctValue === '' ? null : Number(r.ctValue);
    if (ct !== null && !Number.isFinite(ct)) bad('ct_value', 'CT_INVALID', { value: r.ctValue });
    const receivedAt = r.receivedAt ? r.receivedAt : null;
    if (receivedAt !== null) {
      if (!isoTime(receivedAt)) bad('received_at', 'SAMPLE_TIME_INVALID', { value: receivedAt });
      else if (Date.parse(receivedAt) < Date.parse(tube.first_sampled_at))
        bad('received_at', 'TUBE_RECEIVED_BEFORE_SAMPLING', { tube: r.tubeCode });
      else if (Date.parse(receivedAt) > Date.parse(r.resultedAt))
        bad('received_at', 'TUBE_RECEIVED_AFTER_RESULT', { tube: r.tubeCode });
    }
    const earlier = inFile.get(r.tubeCode) ?? tube.result;
    if (earlier && earlier !== result && !r.correctionReason) {
      bad('result', 'TUBE_RESULT_CONFLICT', { tube: r.tubeCode, current: earlier });
      continue;
    }
    if (earlier === result || inFile.has(r.tubeCode)) continue; // the same result again: nothing to do
    inFile.set(r.tubeCode, result);
    changes.push({
      r,
      result,
      poolSize: tube.pool_size,
      correction: !!tube.result,
      ct,
      receivedAt: receivedAt && new Date(receivedAt).toISOString(),
      tube,
    });
  }
  if (issues.length) throw invalidFile(issues);
  const counts = {
    rows: rows.length,
    recorded: changes.length,
    unchanged: rows.length - changes.length,
    positive: changes.filter((c) => c.result === 'positive').length,
    withoutReceipt: changes.filter((c) => !c.receivedAt && !c.tube.received_at).length,
  };
  // A preview: every row checked as for real, and what it would record, with nothing written.
  if (opts.dryRun) return counts;
  const now = nowIso();
  const me = actorLabel(actor);
  const index = await statusIndex(ctx.db);
  const codes = changes.map((c) => c.r.tubeCode);
  const cascades = changes.map((c) => cascadeOf(c.poolSize, c.result));
  const resultedAt = changes.map((c) => new Date(c.r.resultedAt).toISOString());
  // Each fact as one list of persons: a negative moves forward to the later sampling; a pool flag
  // and a positive are those of the person's last tube in the file.
  const negative = new FactList(true);
  const pool = new FactList(false);
  const positive = new FactList(false);
  let negatives = { ids: [] as number[], at: [] as string[] };
  let cleared: number[] = [];
  let recomputed = new Map<number, string | null>();
  await ctx.db.k.transaction().execute(async (trx) => {
    // Most tubes of a round are negative pools: their members only gain a negative, which one
    // statement reads and writes per 50,000 tubes. Every other tube's members are read here.
    const rest: number[] = [];
    const plainNegative: string[] = [];
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i] as (typeof changes)[number];
      if (c.result === 'negative' && !c.correction && c.poolSize > 1) plainNegative.push(c.r.tubeCode);
      else rest.push(i);
    }
    const advanced = await advanceNegatives(ctx.db, trx, plainNegative);
    negatives = distinctLatest(advanced.person, advanced.at);
    // Home divisions are read only where a result opens retest tasks.
    const restCodes = rest.map((i) => codes[i] as string);
    const withHome = new Set(restCodes.filter((_, j) => (cascades[rest[j] as number] as Cascade).tasks));
    const m = await membersOf(ctx.db, trx, restCodes, withHome);
    const tasks: Array<{
      kind: string;
      pool_tube: string;
      person_id: number;
      district_code: string;
      community_code: string;
      created_at: string;
      done_at: null;
      outcome: null;
    }> = [];
    // A single-tube result's outcome and time: the retest it settles is done when the result was
    // made, not when it was recorded (a file of yesterday's results, the demo's 2022 scenario).
    const singleOutcomes = new Map<number, { result: TubeResult; at: string }>();
    const corrected: number[] = [];
    // Members in the order of their tubes in the file (the last pool flag met wins).
    const order = inTubeOrder(m.tube, rest.length);
    for (const i of order) {
      const t = rest[m.tube[i] as number] as number;
      const c = changes[t] as (typeof changes)[number];
      const cascade = cascades[t] as Cascade;
      const pid = m.person[i] as number;
      if (c.correction) corrected.push(pid);
      if (cascade.negative) negative.add(pid, m.sampledAt[i] as string);
      if (cascade.flagPool) pool.add(pid, resultedAt[t] as string);
      if (cascade.positive) positive.add(pid, resultedAt[t] as string);
      if (cascade.tasks)
        tasks.push({
          kind: cascade.tasks,
          pool_tube: c.r.tubeCode,
          person_id: pid,
          district_code: m.district[i] as string,
          community_code: m.community[i] as string,
          created_at: resultedAt[t] as string,
          done_at: null,
          outcome: null,
        });
      if (c.poolSize === 1 && c.result !== 'invalid')
        singleOutcomes.set(pid, { result: c.result, at: resultedAt[t] as string });
    }
    const tubeRows: Parameters<typeof setTubeResults>[2] = changes.map((c, i) => ({
      code: c.r.tubeCode,
      result: c.result,
      resulted_at: resultedAt[i] as string,
      lab_code: c.r.labCode,
      ct_value: c.ct,
      received_at: c.receivedAt,
      receiving_lab: c.receivedAt ? c.r.labCode : null,
      status: c.result === 'positive' && c.poolSize > 1 ? 'retesting' : 'resulted',
    }));
    await setTubeResults(ctx.db, trx, tubeRows);
    // The turnaround counts move with the tubes, in the same commit.
    const deltas = resultCounts(tubeRows, tubes);
    await applyCounts(trx, deltas.rows());
    await insertTubeResults(
      ctx.db,
      trx,
      changes.map((c, i) => ({
        tube_code: c.r.tubeCode,
        result: c.result,
        resulted_at: resultedAt[i] as string,
        lab_code: c.r.labCode,
        ct_value: c.ct,
        correction_reason: c.r.correctionReason ?? null,
        actor: me,
        recorded_at: now,
      })),
    );
    await upsertFact(ctx.db, trx, 'last_negative_sampled_at', negative.ids, negative.at);
    await upsertFact(ctx.db, trx, 'positive_pool_at', pool.ids, pool.at);
    await upsertFact(ctx.db, trx, 'positive_at', positive.ids, positive.at);
    // A single-tube result settles that person's open retest or resample.
    const open = await openTasksOf(trx, [...singleOutcomes.keys()]);
    const pools = new Set<string>();
    const closing = new Map<string, { at: string; outcome: TubeResult; ids: number[] }>();
    for (const t of open) {
      const o = singleOutcomes.get(Number(t.person_id));
      if (!o || (o.result !== 'negative' && o.result !== 'positive')) continue;
      const key = `${o.result}|${o.at}`;
      const group = closing.get(key) ?? { at: o.at, outcome: o.result, ids: [] };
      group.ids.push(Number(t.id));
      closing.set(key, group);
    }
    for (const g of closing.values()) await closeTasks(trx, g.ids, g.at, g.outcome);
    for (const t of open) pools.add(t.pool_tube);
    cleared = [...singleOutcomes].filter(([, o]) => o.result === 'negative').map(([id]) => id);
    await clearPoolFlags(trx, cleared);
    await insertTasks(trx, tasks);
    // The district hears of a positive tube in the same commit that records it.
    await insertAlerts(
      trx,
      changes
        .filter((c) => c.result === 'positive')
        .map((c) => ({
          kind: c.poolSize > 1 ? 'positive-pool' : 'positive-single',
          district_code: c.tube.district_code,
          campaign_id: c.tube.campaign_id === null ? null : Number(c.tube.campaign_id),
          tube_code: c.r.tubeCode,
          // Dated like the retest tasks: by the result that raised it.
          created_at: new Date(c.r.resultedAt).toISOString(),
          acknowledged_by: null,
          acknowledged_at: null,
        })),
    );
    const stillOpen = await poolsStillOpen(trx, [...pools]);
    await closePools(
      trx,
      [...pools].filter((p) => !stillOpen.has(p)),
    );
    if (corrected.length) recomputed = await recomputeNegatives(trx, corrected);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: me,
      action: 'results-recorded',
      entity: 'results',
      entityId: source.slice(0, 64),
      detail: {
        rows: rows.length,
        recorded: changes.length,
        positives: changes.filter((c) => c.result === 'positive').map((c) => c.r.tubeCode),
        corrections: changes.filter((c) => c.correction).map((c) => c.r.tubeCode),
      },
    });
  });
  // Only after the commit: the entrance check must never see a fact that was rolled back.
  if (negatives.ids.length) index.advance('lastNegativeSampledAt', negatives.ids, msOf(negatives.at));
  if (negative.ids.length) index.advance('lastNegativeSampledAt', negative.ids, negative.ms());
  if (pool.ids.length) index.advance('positivePoolAt', pool.ids, pool.ms());
  if (positive.ids.length) index.advance('positiveAt', positive.ids, positive.ms());
  for (const id of cleared) index.replace(id, 'positivePoolAt', null);
  for (const [id, at] of recomputed) index.replace(id, 'lastNegativeSampledAt', at ? Date.parse(at) : null);
  return counts;
}

const RESULT_COLUMNS = ['tube_code', 'result', 'resulted_at', 'lab_code', 'ct_value', 'received_at'] as const;
const OPTIONAL: readonly string[] = ['ct_value', 'received_at'];

/**
 * `banyan import results FILE`: CSV or XLSX from a lab (received_at optional), all or nothing,
 * idempotent; with `dryRun` the lab sees what it would record (or every bad row) before confirming.
 */
export async function importResults(
  ctx: Ctx,
  actor: Actor | 'cli',
  buf: Buffer,
  filename: string,
  opts: { dryRun?: boolean } = {},
) {
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
  const col = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, table.header.indexOf(c)]));
  const missing = RESULT_COLUMNS.filter((c) => !OPTIONAL.includes(c) && (col[c] as number) < 0);
  if (missing.length)
    throw invalidFile(
      missing.map((c) => ({ row: 1, column: c, code: 'IMPORT_MISSING_COLUMN', params: { column: c } })),
    );
  const cell = (cells: string[], c: (typeof RESULT_COLUMNS)[number]) =>
    (col[c] as number) < 0 ? '' : (cells[col[c] as number] ?? '').trim();
  const rows = table.rows.map((r) => ({
    row: r.row,
    tubeCode: cell(r.cells, 'tube_code'),
    result: cell(r.cells, 'result'),
    resultedAt: cell(r.cells, 'resulted_at'),
    labCode: cell(r.cells, 'lab_code'),
    ctValue: cell(r.cells, 'ct_value'),
    receivedAt: cell(r.cells, 'received_at'),
  }));
  const sha = createHash('sha256').update(buf).digest('hex').slice(0, 16);
  return recordResults(ctx, actor, rows, `${filename}#${sha}`, opts);
}
