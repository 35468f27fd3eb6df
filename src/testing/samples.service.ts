import { createHash } from 'node:crypto';
import '../people/people.errors.ts';
import { personIdsOf, WARM_AT } from '../people/person-ids.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import { readTable } from '../platform/files/table.ts';
import { keyedChunks } from './sample-keys.service.ts';
import { beijingDayNo, type Campaign, type Moment, momentOf, seenBefore, type TubeFill } from './samples.rules.ts';
import { TestingErrors } from './testing.errors.ts';
import {
  analyzeSampling,
  existingSamples,
  insertSamples,
  listCampaigns,
  listSites,
  type NewTube,
  tubesByCode,
  upsertFact,
  upsertTubes,
} from './testing.repo.ts';
import { POOL_SIZES, roundOf } from './testing.rules.ts';
import type { SampleRow } from './testing.tables.ts';
import { applyCounts } from './turnaround.repo.ts';
import { CountDeltas } from './turnaround.rules.ts';

const ANALYZE_AFTER = 50_000;

import { statusIndex } from './testing.status.ts';

/** One sampling as a site's scanner or a file reports it. */
export interface SampleInput {
  row: number;
  tubeCode: string;
  poolSize: number;
  sampledAt: string;
  siteCode: string;
  idNumber: string;
}

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

/**
 * Records samples: every row checked first (pool size, tube capacity, site, resident ID, time);
 * any problem refuses all. Samples already stored are skipped, so re-sending a file changes nothing.
 * A person sampled twice in one campaign round is kept and flagged.
 */
export async function recordSamples(ctx: Ctx, actor: Actor | 'cli' | 'system', rows: SampleInput[], source: string) {
  if (typeof actor !== 'string') requirePermission(actor, 'testing:write');
  const issues: Issue[] = [];
  const sites = new Map((await listSites(ctx.db)).map((s) => [s.code, s]));
  const campaigns = (await listCampaigns(ctx.db)).map((c) => ({
    ...c,
    span: { startOn: c.start_on, endOn: c.end_on },
    codes: (JSON.parse(c.areas) as Array<{ code: string }>).map((a) => a.code),
  }));
  // The IDs are checked and keyed chunk by chunk (on the keying thread for a large import) while
  // this thread reads the tubes; the import is judged against one "today".
  const keyed = keyedChunks(
    ctx,
    rows.map((r) => r.idNumber),
    nowMs(),
  );
  const tubes = await tubesByCode(ctx.db, [...new Set(rows.map((r) => r.tubeCode))]);
  const stored = await existingSamples(ctx.db, [...tubes.keys()]);
  const fills = new Map<string, TubeFill<NewTube>>();
  const moments = new Map<string, Moment | null>();
  const campaignFor = new Map<string, Map<string, Campaign | null>>();
  const canonical = new Map<string, Campaign>();
  // The rows to write, with each one's campaign round and time alongside (no object per row beyond the row).
  const samples: SampleRow[] = [];
  const sampleRound: Array<Campaign | null> = [];
  const sampleAt: Moment[] = [];
  const warm = rows.length >= WARM_AT;
  for await (const { start, chunk } of keyed) {
    for (const p of chunk.problems)
      issues.push({
        row: (rows[start + p.at] as SampleInput).row,
        column: 'id_number',
        code: p.code,
        params: p.params,
      });
    const valid = chunk.index.filter(Boolean);
    const ids = await personIdsOf(ctx.db, valid, { warm });
    let v = 0;
    const end = start + chunk.index.length;
    for (let i = start; i < end; i++) {
      const r = rows[i] as SampleInput;
      const personId = chunk.index[i - start] ? ids[v++] : null;
      if (!(POOL_SIZES as readonly number[]).includes(r.poolSize)) {
        issues.push({ row: r.row, column: 'pool_size', code: 'TUBE_POOL_SIZE', params: { value: r.poolSize } });
        continue;
      }
      let at = moments.get(r.sampledAt);
      if (at === undefined) {
        at = momentOf(r.sampledAt);
        moments.set(r.sampledAt, at);
      }
      if (!at) {
        issues.push({ row: r.row, column: 'sampled_at', code: 'SAMPLE_TIME_INVALID', params: { value: r.sampledAt } });
        continue;
      }
      const site = sites.get(r.siteCode);
      if (!site) {
        issues.push({ row: r.row, column: 'site_code', code: 'SAMPLE_SITE_UNKNOWN', params: { code: r.siteCode } });
        continue;
      }
      if (personId === null) continue;
      if (personId === undefined) {
        issues.push({ row: r.row, column: 'id_number', code: 'SAMPLE_PERSON_UNKNOWN', params: undefined });
        continue;
      }
      let f = fills.get(r.tubeCode);
      if (!f) {
        const t = tubes.get(r.tubeCode);
        f = { size: t ? t.pool_size : -1, count: t ? t.samples : 0, seen: stored.get(r.tubeCode) ?? [], row: null };
        fills.set(r.tubeCode, f);
      }
      if (seenBefore(f, personId)) continue; // already recorded: idempotent
      const size = f.size < 0 ? r.poolSize : f.size;
      if (size !== r.poolSize) {
        const params = { tube: r.tubeCode, expected: size, got: r.poolSize };
        issues.push({ row: r.row, column: 'pool_size', code: 'TUBE_POOL_MISMATCH', params });
        continue;
      }
      if (f.count >= size) {
        const params = { tube: r.tubeCode, size };
        issues.push({ row: r.row, column: 'tube_code', code: 'TUBE_OVER_CAPACITY', params });
        continue;
      }
      f.size = size;
      f.count++;
      let bySite = campaignFor.get(site.code);
      if (!bySite) {
        bySite = new Map();
        campaignFor.set(site.code, bySite);
      }
      let c = bySite.get(at.day);
      if (c === undefined) {
        const day = at.day;
        const found = campaigns.find(
          (x) => roundOf(x.span, day) && x.codes.some((code) => site.community_code.startsWith(code)),
        );
        c = null;
        if (found) {
          const round = roundOf(found.span, day) as number;
          const key = `${found.id}|${round}`;
          c = canonical.get(key) ?? { id: found.id, round };
          canonical.set(key, c);
        }
        bySite.set(at.day, c);
      }
      samples.push({ tube_code: r.tubeCode, person_id: personId, sampled_at: at.iso, repeat_in_round: 0 });
      sampleRound.push(c);
      sampleAt.push(at);
      if (f.row) {
        f.row.samples++;
        if (at.iso < f.row.first_sampled_at) f.row.first_sampled_at = at.iso;
      } else {
        f.row = {
          code: r.tubeCode,
          pool_size: r.poolSize,
          site_code: r.siteCode,
          campaign_id: c?.id ?? null,
          round: c?.round ?? null,
          district_code: site.district_code,
          first_sampled_at: at.iso,
          samples: 1,
          status: 'open',
        };
      }
    }
  }
  if (issues.length) throw invalidFile(issues);
  const index = await statusIndex(ctx.db);
  // A second swab of the same person in the same round is kept but flagged: an earlier row of the
  // file in that campaign round, or a stored sampling the same Beijing day. `latest` holds each
  // person's latest row of the file; the rounds seen are kept only for persons listed more than once.
  const latest = new Map<number, number>();
  const rounds = new Map<number, Set<Campaign | null>>();
  let repeats = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as SampleRow;
    const c = sampleRound[i] as Campaign | null;
    const at = sampleAt[i] as Moment;
    const last = latest.get(s.person_id);
    let inFile = false;
    if (last !== undefined) {
      let seen = rounds.get(s.person_id);
      if (!seen) {
        seen = new Set([sampleRound[last] as Campaign | null]);
        rounds.set(s.person_id, seen);
      }
      inFile = seen.has(c);
      seen.add(c);
    }
    if (last === undefined || (sampleAt[last] as Moment).ms < at.ms) latest.set(s.person_id, i);
    if (c === null) continue;
    const prev = index.lastSampledAt(s.person_id);
    if (inFile || (!Number.isNaN(prev) && beijingDayNo(prev) === at.dayNo)) {
      s.repeat_in_round = 1;
      repeats++;
    }
  }
  const newTubes: NewTube[] = [];
  for (const f of fills.values()) if (f.row) newTubes.push(f.row);
  await ctx.db.k.transaction().execute(async (trx) => {
    await upsertTubes(ctx.db, trx, newTubes);
    const deltas = new CountDeltas();
    for (const t of newTubes)
      if (!tubes.has(t.code))
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
          1,
        );
    await applyCounts(trx, deltas.rows());
    await insertSamples(ctx.db, trx, samples);
    await upsertFact(
      ctx.db,
      trx,
      'last_sampled_at',
      [...latest.keys()],
      [...latest.values()].map((i) => (sampleAt[i] as Moment).iso),
    );
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'samples-recorded',
      entity: 'samples',
      entityId: source.slice(0, 64),
      detail: { rows: rows.length, recorded: samples.length, tubes: newTubes.length, repeats },
    });
  });
  for (const [id, i] of latest) index.set(id, { lastSampledAt: (sampleAt[i] as Moment).ms });
  // After a bulk load PostgreSQL's statistics still describe the table before it, and it would plan
  // the results' member lookups as hash joins over every person; autovacuum catches up only later.
  if (ctx.db.dialect === 'postgres' && samples.length >= ANALYZE_AFTER) await analyzeSampling(ctx.db);
  return {
    rows: rows.length,
    recorded: samples.length,
    unchanged: rows.length - samples.length,
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
      { row: 0, column: '', code: 'IMPORT_UNREADABLE', params: { reason: e instanceof Error ? e.message : String(e) } },
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
