import { MARK_KINDS, type MarkKind } from '../health-code/marks.rules.ts';
import { personIdsByIndex } from '../people/people.repo.ts';
import { parseResidentId } from '../people/people.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import type { SheetIssue } from '../platform/files/sheet.ts';
import { TracingErrors } from './tracing.errors.ts';
import { caseIdsByNo, closeMark, insertMarks, markById, personsBrief } from './tracing.repo.ts';
import { kindOf, parseTime } from './tracing.rules.ts';
// Plugs the marks into health-code's colour state; wherever marks can change, colours read them.
import './marks.state.ts';

/** One mark as a tracer records it (a form, a sheet row, the CLI). */
export interface MarkInput {
  idNumber: string;
  kind: string;
  since: string;
  caseNo?: string;
  zone?: string;
  origin?: string;
  note?: string;
}

/** A problem with one record: its row, column and catalogued message. */
export type MarkIssue = SheetIssue;

const SKEW_MS = 5 * 60_000;

/**
 * Records risk marks (close and secondary contacts, trace lists, leavers, fever-clinic visits,
 * arrivals). All or nothing: any bad row refuses the batch with every problem by row. The same
 * person, kind and moment again is recognised and not recorded twice.
 */
export async function addMarks(
  ctx: Ctx,
  actor: Actor,
  records: Array<MarkInput & { row?: number }>,
  source: 'manual' | 'import' = 'manual',
  now = nowMs(),
  opts: { dryRun?: boolean } = {},
): Promise<{ added: number; duplicates: number; valid?: number }> {
  requirePermission(actor, 'tracing:write');
  const issues: MarkIssue[] = [];
  const problem = (row: number, column: string, code: string, params: Record<string, unknown> = {}) =>
    issues.push({ row, column, code, message: messagesOf(code, params) });
  const parsed = records.map((r, i) => {
    const row = r.row ?? i + 1;
    const idNumber = r.idNumber.trim().toUpperCase();
    const id = parseResidentId(idNumber);
    if (!id.ok) {
      const { code, ...params } = id.problem;
      problem(row, 'idNumber', code, params);
    }
    const kind = kindOf(r.kind);
    if (!kind) problem(row, 'kind', TracingErrors.MARK_KIND_UNKNOWN, { kind: r.kind });
    const since = parseTime(r.since);
    if (since === null) problem(row, 'since', TracingErrors.MARK_TIME_INVALID);
    else if (since > now + SKEW_MS) problem(row, 'since', TracingErrors.MARK_TIME_FUTURE);
    const zone = r.zone?.trim() || null;
    const origin = r.origin?.trim() || null;
    if (kind === 'left-zone' && !zone) problem(row, 'zone', TracingErrors.MARK_ZONE_MISSING);
    if (kind === 'arrival' && !origin) problem(row, 'origin', TracingErrors.MARK_ORIGIN_MISSING);
    const caseNo = r.caseNo?.trim() || null;
    return { row, idIndex: ctx.crypto.blindIndex('id', idNumber), kind, since, zone, origin, caseNo, note: r.note };
  });
  const persons = await personIdsByIndex(
    ctx.db.k,
    parsed.map((p) => p.idIndex),
  );
  const divisions = new Map(
    (await personsBrief(ctx.db, [...persons.values()])).map((p) => [p.id, p.community_code] as const),
  );
  const cases = await caseIdsByNo(ctx.db, [...new Set(parsed.flatMap((p) => (p.caseNo ? [p.caseNo] : [])))]);
  for (const p of parsed) {
    const pid = persons.get(p.idIndex);
    if (pid === undefined) {
      if (!issues.some((i) => i.row === p.row && i.column === 'idNumber'))
        problem(p.row, 'idNumber', TracingErrors.MARK_PERSON_UNKNOWN);
    } else if (!scopeCoversDivision(actor.scope, divisions.get(pid) ?? ''))
      problem(p.row, 'idNumber', AuthErrors.OUT_OF_SCOPE);
    if (p.caseNo && !cases.has(p.caseNo))
      problem(p.row, 'caseNo', TracingErrors.MARK_CASE_UNKNOWN, { caseNo: p.caseNo });
  }
  if (issues.length) throw new AppError(TracingErrors.MARK_ROWS_INVALID, { count: issues.length }, { issues });
  // A dry run checks every row (the sheet screen validates before importing) and stores nothing.
  if (opts.dryRun) return { added: 0, duplicates: 0, valid: parsed.length };
  const at = new Date(now).toISOString();
  const rows = parsed.map((p) => ({
    person_id: persons.get(p.idIndex) as number,
    kind: p.kind as MarkKind,
    since: new Date(p.since as number).toISOString(),
    index_case_id: p.caseNo ? (cases.get(p.caseNo) ?? null) : null,
    zone_code: p.zone,
    origin: p.origin,
    source,
    note: p.note?.trim() || null,
    created_by: actorLabel(actor),
    created_at: at,
    status: 'active',
    closed_by: null,
    closed_at: null,
    close_reason: null,
  }));
  const added = await storeMarks(ctx, actor, rows, { action: 'risk-marks-added', entityId: source });
  return { added: added.length, duplicates: rows.length - added.length };
}

/** Stores marks in one transaction with their audit entry, then tells the colour state. */
export async function storeMarks(
  ctx: Ctx,
  actor: Actor | 'system',
  rows: Parameters<typeof insertMarks>[1],
  audit: { action: string; entityId: string; detail?: Record<string, unknown> },
): Promise<number[]> {
  let ids: number[] = [];
  await ctx.db.k.transaction().execute(async (trx) => {
    ids = await insertMarks(trx, rows);
    if (!ids.length) return;
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: audit.action,
      entity: 'risk-mark',
      entityId: audit.entityId,
      detail: {
        added: ids.length,
        duplicates: rows.length - ids.length,
        kinds: Object.fromEntries(MARK_KINDS.map((k) => [k, rows.filter((r) => r.kind === k).length])),
        ...audit.detail,
      },
    });
  });
  if (ids.length) announce('marks-changed');
  return ids;
}

/** Ends or withdraws a mark with a reason (a withdrawn mark was recorded by mistake). */
export async function closeRiskMark(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: { reason: string; status?: 'withdrawn' | 'ended' },
): Promise<{ id: number; status: string }> {
  requirePermission(actor, 'tracing:write');
  const reason = input.reason.trim();
  if (!reason) throw new AppError(TracingErrors.MARK_REASON_MISSING);
  const m = await markById(ctx.db, id);
  if (!m || !scopeCoversDivision(actor.scope, m.community_code))
    throw new AppError(TracingErrors.MARK_NOT_FOUND, { id });
  if (m.status !== 'active') throw new AppError(TracingErrors.MARK_NOT_ACTIVE);
  const status = input.status ?? 'withdrawn';
  await ctx.db.k.transaction().execute(async (trx) => {
    await closeMark(trx, id, { status, closed_by: actorLabel(actor), closed_at: nowIso(), close_reason: reason });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: `risk-mark-${status}`,
      entity: 'risk-mark',
      entityId: String(id),
      detail: { kind: m.kind, since: m.since, reason },
    });
  });
  announce('marks-changed');
  return { id, status };
}
