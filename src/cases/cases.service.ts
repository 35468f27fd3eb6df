import { createHash } from 'node:crypto';
import { CITY, divisionOf } from '../geo/geo.data.ts';
import { maskIdNumber, maskName, maskPhone, normalisePhone, parseResidentId } from '../people/people.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, E, messagesOf } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import '../people/people.errors.ts'; // PERSON_ID_* codes are reported for line-list rows
import './cases.errors.ts'; // CASE_* codes are reported by the rules as plain strings
import { beijingToday, nowIso } from '../platform/clock.ts';
import { type FileIssue, fileKindOf, readLineList, toCase } from './cases.import.ts';
import {
  applyCountDeltas,
  casesByNo,
  casesOfPersons,
  insertCases,
  insertImport,
  type NewCase,
  personIdsByIndex,
  type StoredCase,
  updateCase,
} from './cases.repo.ts';
import { type CaseEvent, caseEvents, validateCase } from './cases.rules.ts';
import type { CaseIdentity, CaseRecord, ImportResult, Kind } from './cases.schema.ts';

/** One row to upsert, with the row number it came from. */
export interface CaseInputRow {
  row: number;
  record: CaseRecord;
  identity: CaseIdentity;
}

/** A person's latest case as the colour rules read it. */
export interface Infection {
  kind: Kind;
  reportedOn: string;
  dischargedOn: string | null;
  releasedOn: string | null;
  diedOn: string | null;
}

/** The latest case of every identified person, by person id (the colour state keeps them in memory). */
export async function infectionsByPerson(ctx: Ctx): Promise<Map<number, Infection>> {
  const m = new Map<number, Infection>();
  for (const c of await casesOfPersons(ctx.db)) {
    m.set(Number(c.person_id), {
      kind: c.kind as Kind,
      reportedOn: c.reported_on,
      dischargedOn: c.discharged_on,
      releasedOn: c.released_on,
      diedOn: c.died_on,
    });
  }
  return m;
}

/** Converts a stored row back to the record the rules reason about. */
export function recordOf(r: StoredCase): CaseRecord {
  return {
    caseNo: r.case_no,
    kind: r.kind as CaseRecord['kind'],
    origin: r.origin as CaseRecord['origin'],
    reportedOn: r.reported_on,
    districtCode: r.district_code,
    streetCode: r.street_code,
    communityCode: r.community_code,
    detectedVia: r.detected_via as CaseRecord['detectedVia'],
    reclassifiedOn: r.reclassified_on,
    dischargedOn: r.discharged_on,
    releasedOn: r.released_on,
    diedOn: r.died_on,
  };
}

const RECORD_FIELDS: Array<[keyof CaseRecord, keyof NewCase]> = [
  ['kind', 'kind'],
  ['origin', 'origin'],
  ['reportedOn', 'reported_on'],
  ['districtCode', 'district_code'],
  ['streetCode', 'street_code'],
  ['communityCode', 'community_code'],
  ['detectedVia', 'detected_via'],
  ['reclassifiedOn', 'reclassified_on'],
  ['dischargedOn', 'discharged_on'],
  ['releasedOn', 'released_on'],
  ['diedOn', 'died_on'],
];

function addEvents(deltas: Map<string, { ev: CaseEvent; n: number }>, events: CaseEvent[], sign: 1 | -1): void {
  for (const ev of events) {
    const key = `${ev.day}|${ev.district}|${ev.origin}|${ev.metric}`;
    const d = deltas.get(key) ?? { ev, n: 0 };
    d.n += sign;
    deltas.set(key, d);
  }
}

/** Row-level checks beyond the case rules: identity, jurisdiction, duplicates in the file. */
function checkRows(actor: Actor | 'system' | 'cli', rows: CaseInputRow[], today: string): FileIssue[] {
  const issues: FileIssue[] = [];
  const seen = new Map<string, number>();
  for (const { row, record, identity } of rows) {
    for (const i of validateCase(record, today)) issues.push({ row, ...i });
    if (record.caseNo) {
      const first = seen.get(record.caseNo);
      if (first !== undefined)
        issues.push({
          row,
          column: 'case_no',
          code: 'CASE_DUPLICATE_IN_FILE',
          params: { caseNo: record.caseNo, first },
        });
      else seen.set(record.caseNo, row);
    }
    if (identity.idNumber) {
      const id = parseResidentId(identity.idNumber);
      if (!id.ok) {
        const { code, ...params } = id.problem;
        issues.push({ row, column: 'id_number', code, params });
      }
    }
    if (identity.phone && !normalisePhone(identity.phone))
      issues.push({ row, column: 'phone', code: 'PERSON_PHONE_INVALID' });
    if (
      typeof actor !== 'string' &&
      divisionOf(record.districtCode) &&
      !scopeCoversDivision(actor.scope, record.districtCode)
    ) {
      issues.push({ row, column: 'district_code', code: 'CASE_OUT_OF_SCOPE', params: { code: record.districtCode } });
    }
  }
  return issues;
}

function invalid(issues: FileIssue[]): AppError {
  const details = issues
    .sort((a, b) => a.row - b.row)
    .map((i) => ({ row: i.row, column: i.column, code: i.code, message: messagesOf(i.code, i.params) }));
  return new AppError(E.IMPORT_INVALID, { count: issues.length }, details);
}

/**
 * Inserts or updates cases by case number in one transaction, keeping the daily counters in step
 * (old events out, new events in). All rows are checked first; any problem refuses all of them.
 */
export async function upsertCases(
  ctx: Ctx,
  actor: Actor | 'system' | 'cli',
  rows: CaseInputRow[],
  opts: { dryRun: boolean; filename: string; sha256: string; today?: string },
): Promise<ImportResult> {
  const today = opts.today ?? beijingToday();
  const issues = checkRows(actor, rows, today);
  if (issues.length) throw invalid(issues);
  const now = nowIso();
  const out = await ctx.db.k.transaction().execute(async (trx) => {
    const existing = await casesByNo(
      trx,
      rows.map((r) => r.record.caseNo),
    );
    const idIndexes = rows.flatMap((r) =>
      r.identity.idNumber ? [ctx.crypto.blindIndex('id', r.identity.idNumber.trim().toUpperCase())] : [],
    );
    const persons = await personIdsByIndex(trx, idIndexes);
    const deltas = new Map<string, { ev: CaseEvent; n: number }>();
    const inserts: NewCase[] = [];
    const updates: Array<{ id: number; patch: Partial<NewCase>; old: CaseRecord; rec: CaseRecord }> = [];
    for (const { record: rec, identity } of rows) {
      const idNumber = identity.idNumber?.trim().toUpperCase() ?? null;
      const idIndex = idNumber ? ctx.crypto.blindIndex('id', idNumber) : null;
      const phone = identity.phone ? normalisePhone(identity.phone) : null;
      const old = existing.get(rec.caseNo);
      const fields: Partial<NewCase> = Object.fromEntries(RECORD_FIELDS.map(([from, to]) => [to, rec[from]]));
      if (old) {
        const oldRec = recordOf(old);
        const sameRecord = RECORD_FIELDS.every(([f]) => oldRec[f] === rec[f]);
        const sameIdentity =
          old.id_index === idIndex &&
          (old.name_cipher ? ctx.crypto.decrypt(old.name_cipher) : null) === (identity.name ?? null) &&
          (old.phone_cipher ? ctx.crypto.decrypt(old.phone_cipher) : null) === phone;
        if (sameRecord && sameIdentity) continue;
        const patch: Partial<NewCase> = { ...fields, updated_at: now };
        if (!sameIdentity)
          Object.assign(patch, sealIdentity(ctx, idNumber, idIndex, identity.name, phone), {
            person_id: idIndex ? (persons.get(idIndex) ?? null) : null,
          });
        updates.push({ id: old.id, patch, old: oldRec, rec });
      } else {
        inserts.push({
          case_no: rec.caseNo,
          ...(fields as Omit<NewCase, 'case_no' | 'created_at' | 'updated_at'>),
          ...sealIdentity(ctx, idNumber, idIndex, identity.name, phone),
          person_id: idIndex ? (persons.get(idIndex) ?? null) : null,
          import_id: null,
          created_at: now,
          updated_at: now,
        });
      }
    }
    const result: ImportResult = {
      rows: rows.length,
      inserted: inserts.length,
      updated: updates.length,
      unchanged: rows.length - inserts.length - updates.length,
      dryRun: opts.dryRun,
      importId: null,
    };
    if (opts.dryRun) return result;
    const importId = await insertImport(trx, {
      filename: opts.filename,
      sha256: opts.sha256,
      rows: result.rows,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      actor: actorLabel(actor),
      at: now,
    });
    await insertCases(
      trx,
      inserts.map((r) => ({ ...r, import_id: importId })),
    );
    for (const r of inserts) addEvents(deltas, caseEvents(recordOf({ ...(r as StoredCase), id: 0 })), 1);
    for (const u of updates) {
      await updateCase(trx, u.id, { ...u.patch, import_id: importId });
      addEvents(deltas, caseEvents(u.old), -1);
      addEvents(deltas, caseEvents(u.rec), 1);
    }
    await applyCountDeltas(trx, deltas);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'cases-imported',
      entity: 'case-import',
      entityId: importId,
      detail: {
        filename: opts.filename,
        sha256: opts.sha256,
        rows: result.rows,
        inserted: result.inserted,
        updated: result.updated,
        updatedCaseNos: updates.map((u) => u.rec.caseNo),
      },
    });
    return { ...result, importId };
  });
  // Colour indexes of other modules reload from the committed cases.
  if (!opts.dryRun && out.inserted + out.updated > 0) announce('cases-changed');
  return out;
}

function sealIdentity(
  ctx: Ctx,
  idNumber: string | null,
  idIndex: string | null,
  name: string | null,
  phone: string | null,
) {
  return {
    id_index: idIndex,
    id_cipher: idNumber ? ctx.crypto.encrypt(idNumber) : null,
    id_masked: idNumber ? maskIdNumber(idNumber) : null,
    name_cipher: name ? ctx.crypto.encrypt(name) : null,
    name_masked: name ? maskName(name) : null,
    phone_cipher: phone ? ctx.crypto.encrypt(phone) : null,
    phone_masked: phone ? maskPhone(phone) : null,
  };
}

/** Imports a CSV or XLSX line list: all-or-nothing, every bad row reported, idempotent by case number. */
export async function importCases(
  ctx: Ctx,
  actor: Actor | 'system' | 'cli',
  file: { buf: Buffer; filename: string; contentType?: string },
  opts: { dryRun: boolean },
): Promise<ImportResult> {
  if (typeof actor !== 'string') requirePermission(actor, 'cases:write');
  const kind = fileKindOf(file.contentType, file.filename, file.buf);
  if (!kind) throw new AppError(E.IMPORT_CONTENT_TYPE);
  const { rows, issues } = await readLineList(file.buf, kind);
  if (issues.length) throw invalid(issues);
  const sha256 = createHash('sha256').update(file.buf).digest('hex');
  return upsertCases(
    ctx,
    actor,
    rows.map((r) => ({ row: r.row, ...toCase(r) })),
    { dryRun: opts.dryRun, filename: file.filename, sha256 },
  );
}

/** The jurisdiction label of a district code or the city. */
export function jurisdictionOf(district: string | undefined): { code: string; name: string } {
  return district ? { code: district, name: divisionOf(district)?.name ?? district } : CITY;
}
