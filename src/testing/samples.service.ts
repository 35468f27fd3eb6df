import { createHash } from 'node:crypto';
import '../people/people.errors.ts';
import { personIdsByIndex } from '../people/people.repo.ts';
import { parseResidentId } from '../people/people.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import { readTable } from '../platform/files/table.ts';
import { TestingErrors } from './testing.errors.ts';
import {
  analyzeSampling,
  existingSamples,
  insertSamples,
  listCampaigns,
  listSites,
  tubesByCode,
  upsertPersonTests,
  upsertTubes,
} from './testing.repo.ts';
import { POOL_SIZES, roundOf } from './testing.rules.ts';

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

const isoTime = (s: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));
const dayOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

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
  const campaignFor = new Map<string, { id: number; round: number } | null>();
  const idIndex = rows.map((r) => {
    const id = parseResidentId(r.idNumber);
    if (!id.ok) {
      const { code, ...params } = id.problem;
      issues.push({ row: r.row, column: 'id_number', code, params });
      return null;
    }
    return ctx.crypto.blindIndex('id', id.facts.idNumber);
  });
  const persons = await personIdsByIndex(
    ctx.db.k,
    idIndex.filter((x): x is string => !!x),
  );
  const tubes = await tubesByCode(ctx.db, [...new Set(rows.map((r) => r.tubeCode))]);
  const stored = await existingSamples(ctx.db, [...tubes.keys()]);
  const fill = new Map<string, { size: number; count: number }>();
  for (const [code, t] of tubes) fill.set(code, { size: t.pool_size, count: t.samples });
  const fresh: Array<{
    r: SampleInput;
    personId: number;
    campaignId: number | null;
    round: number | null;
    district: string;
  }> = [];
  const seenInFile = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const bad = (column: string, code: string, params?: Record<string, unknown>): void => {
      issues.push({ row: r.row, column, code, params });
    };
    if (!(POOL_SIZES as readonly number[]).includes(r.poolSize)) {
      bad('pool_size', 'TUBE_POOL_SIZE', { value: r.poolSize });
      continue;
    }
    if (!isoTime(r.sampledAt)) {
      bad('sampled_at', 'SAMPLE_TIME_INVALID', { value: r.sampledAt });
      continue;
    }
    const site = sites.get(r.siteCode);
    if (!site) {
      bad('site_code', 'SAMPLE_SITE_UNKNOWN', { code: r.siteCode });
      continue;
    }
    const index = idIndex[i];
    if (!index) continue;
    const personId = persons.get(index);
    if (personId === undefined) {
      bad('id_number', 'SAMPLE_PERSON_UNKNOWN');
      continue;
    }
    const key = `${r.tubeCode}|${personId}`;
    if (stored.has(key) || seenInFile.has(key)) continue; // already recorded: idempotent
    seenInFile.add(key);
    const f = fill.get(r.tubeCode) ?? { size: r.poolSize, count: 0 };
    if (f.size !== r.poolSize) {
      bad('pool_size', 'TUBE_POOL_MISMATCH', { tube: r.tubeCode, expected: f.size, got: r.poolSize });
      continue;
    }
    if (f.count >= f.size) {
      bad('tube_code', 'TUBE_OVER_CAPACITY', { tube: r.tubeCode, size: f.size });
      continue;
    }
    f.count++;
    fill.set(r.tubeCode, f);
    const day = dayOf(r.sampledAt);
    const where = `${site.community_code}|${day}`;
    let c = campaignFor.get(where);
    if (c === undefined) {
      const found = campaigns.find(
        (x) => roundOf(x.span, day) && x.codes.some((code) => site.community_code.startsWith(code)),
      );
      c = found ? { id: found.id, round: roundOf(found.span, day) as number } : null;
      campaignFor.set(where, c);
    }
    fresh.push({ r, personId, campaignId: c?.id ?? null, round: c?.round ?? null, district: site.district_code });
  }
  if (issues.length) throw invalidFile(issues);
  const index = await statusIndex(ctx.db);
  // A second swab of the same person in the same round is kept but flagged.
  const roundSeen = new Set<string>();
  const samples = fresh.map((s) => {
    const k = `${s.campaignId}|${s.round}|${s.personId}`;
    const prev = index.get(s.personId).lastSampledAt;
    const sameRoundBefore =
      s.campaignId !== null && prev !== null && dayOf(new Date(prev).toISOString()) === dayOf(s.r.sampledAt);
    const repeat = s.campaignId !== null && (roundSeen.has(k) || sameRoundBefore) ? 1 : 0;
    roundSeen.add(k);
    return {
      tube_code: s.r.tubeCode,
      person_id: s.personId,
      sampled_at: new Date(s.r.sampledAt).toISOString(),
      repeat_in_round: repeat,
    };
  });
  const newTubes = new Map<
    string,
    {
      code: string;
      pool_size: number;
      site_code: string;
      campaign_id: number | null;
      round: number | null;
      district_code: string;
      first_sampled_at: string;
      samples: number;
      received_at: null;
      result: null;
      resulted_at: null;
      lab_code: null;
      ct_value: null;
      status: string;
    }
  >();
  fresh.forEach((s, i) => {
    const t = newTubes.get(s.r.tubeCode);
    const at = samples[i]?.sampled_at as string;
    if (t) {
      t.samples++;
      if (at < t.first_sampled_at) t.first_sampled_at = at;
    } else {
      newTubes.set(s.r.tubeCode, {
        code: s.r.tubeCode,
        pool_size: s.r.poolSize,
        site_code: s.r.siteCode,
        campaign_id: s.campaignId,
        round: s.round,
        district_code: s.district,
        first_sampled_at: at,
        samples: 1,
        received_at: null,
        result: null,
        resulted_at: null,
        lab_code: null,
        ct_value: null,
        status: 'open',
      });
    }
  });
  const latest = new Map<number, string>();
  for (const s of samples) if ((latest.get(s.person_id) ?? '') < s.sampled_at) latest.set(s.person_id, s.sampled_at);
  await ctx.db.k.transaction().execute(async (trx) => {
    await upsertTubes(trx, [...newTubes.values()]);
    await insertSamples(ctx.db, trx, samples);
    await upsertPersonTests(
      ctx.db,
      trx,
      [...latest].map(([person_id, at]) => ({
        person_id,
        last_sampled_at: at,
        last_negative_sampled_at: null,
        positive_pool_at: null,
        positive_at: null,
      })),
    );
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'samples-recorded',
      entity: 'samples',
      entityId: source.slice(0, 64),
      detail: {
        rows: rows.length,
        recorded: samples.length,
        tubes: newTubes.size,
        repeats: samples.filter((s) => s.repeat_in_round).length,
      },
    });
  });
  for (const [id, at] of latest) index.set(id, { lastSampledAt: Date.parse(at) });
  // After a bulk load PostgreSQL's statistics still describe the table before it, and it would plan
  // the results' member lookups as hash joins over every person; autovacuum catches up only later.
  if (ctx.db.dialect === 'postgres' && samples.length >= ANALYZE_AFTER) await analyzeSampling(ctx.db);
  return {
    rows: rows.length,
    recorded: samples.length,
    unchanged: rows.length - samples.length,
    tubes: newTubes.size,
    repeatsInRound: samples.filter((s) => s.repeat_in_round).length,
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
