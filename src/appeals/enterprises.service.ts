import ExcelJS from 'exceljs';
import { fileKindOf } from '../cases/cases.import.ts';
import { nameOf } from '../geo/geo.service.ts';
import { maskName, maskPhone, normalisePhone } from '../people/people.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel, scopeCoversDivision, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import { parseCsv } from '../platform/files/csv.ts';
import { decodeText } from '../platform/files/text.ts';
import { AppealErrors } from './appeals.errors.ts';
import { checkCreditCode, SIZES, WHITELIST_TIERS } from './appeals.rules.ts';
import { EnterpriseInput, type EnterprisesQuery } from './appeals.schema.ts';
import type { EnterpriseRow } from './appeals.tables.ts';
import {
  cadreNames,
  enterpriseByCode,
  enterprisesByCodes,
  insertEnterprises,
  listEnterprises as listRows,
  type StoredEnterprise,
  updateEnterprise,
} from './enterprises.repo.ts';

/** The credit code normalised, or the error naming its wrong part. */
export function creditCodeOrThrow(raw: string): string {
  const r = checkCreditCode(raw);
  if (r.ok) return r.code;
  const { code, ...params } = r.problem;
  throw new AppError(code, params);
}

/** An enterprise as the API serves it (the contact phone masked). */
export function enterpriseView(e: StoredEnterprise, cadres?: Map<number, { name: string; rank: string }>) {
  return {
    id: e.id,
    creditCode: e.credit_code,
    name: e.name,
    industry: e.industry,
    districtCode: e.district_code,
    districtName: nameOf(e.district_code) ?? e.district_code,
    size: e.size,
    tiers: e.tiers ? e.tiers.split(',') : [],
    whitelisted: e.whitelisted === 1,
    liaison:
      e.liaison_cadre_id == null
        ? null
        : {
            id: e.liaison_cadre_id,
            name: cadres?.get(e.liaison_cadre_id)?.name ?? null,
            rank: cadres?.get(e.liaison_cadre_id)?.rank ?? null,
          },
    contactName: e.contact_name ? maskName(e.contact_name) : null,
    phone: e.phone_mask,
  };
}

/** Row values of an enterprise input (the phone sealed and indexed). */
export function enterpriseRow(ctx: Ctx, input: EnterpriseInput, now: string): Omit<EnterpriseRow, 'id'> {
  const code = creditCodeOrThrow(input.creditCode);
  if (!nameOf(input.districtCode)) throw new AppError(AppealErrors.APPEAL_UNIT_UNKNOWN, { unit: input.districtCode });
  const tiers = [...new Set(input.tiers)].sort((a, b) => WHITELIST_TIERS.indexOf(a) - WHITELIST_TIERS.indexOf(b));
  return {
    credit_code: code,
    name: input.name,
    industry: input.industry,
    district_code: input.districtCode,
    size: input.size,
    tiers: tiers.join(','),
    whitelisted: tiers.length > 0 ? 1 : 0,
    liaison_cadre_id: input.liaisonCadreId ?? null,
    contact_name: input.contactName || null,
    phone_enc: input.phone ? ctx.crypto.encrypt(input.phone) : null,
    phone_hash: input.phone ? ctx.crypto.blindIndex('phone', input.phone) : null,
    phone_mask: input.phone ? maskPhone(input.phone) : null,
    created_at: now,
    updated_at: now,
  };
}

async function assertCadres(ctx: Ctx, ids: number[]) {
  const known = await cadreNames(ctx.db.k, ids);
  for (const id of ids) if (!known.has(id)) throw new AppError(AppealErrors.LIAISON_CADRE_NOT_FOUND, { id });
}

/** Registers or updates an enterprise by credit code; audited. */
export async function saveEnterprise(ctx: Ctx, actor: Actor | 'cli' | 'system', input: EnterpriseInput) {
  if (typeof actor !== 'string') requirePermission(actor, 'enterprises:write');
  const now = nowIso();
  const row = enterpriseRow(ctx, EnterpriseInput.parse(input), now);
  if (row.liaison_cadre_id != null) await assertCadres(ctx, [row.liaison_cadre_id]);
  const id = await ctx.db.k.transaction().execute(async (trx) => {
    const existing = await enterpriseByCode(trx, row.credit_code);
    let id: number;
    if (existing) {
      const { created_at: _c, ...patch } = row;
      await updateEnterprise(trx, existing.id, patch);
      id = existing.id;
    } else [id] = (await insertEnterprises(trx, [row])) as [number];
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: existing ? 'enterprise-updated' : 'enterprise-registered',
      entity: 'enterprise',
      entityId: row.credit_code,
      detail: { tiers: row.tiers, liaison: row.liaison_cadre_id },
    });
    return id;
  });
  return getEnterprise(ctx, 'system', row.credit_code, id);
}

/** One enterprise by credit code; outside the actor's scope it is not found, as on its overview. */
export async function getEnterprise(ctx: Ctx, actor: Actor | 'system', code: string, _id?: number) {
  if (actor !== 'system') requirePermission(actor, 'enterprises:read');
  const e = await enterpriseByCode(ctx.db.k, code.trim().toUpperCase());
  if (!e || (actor !== 'system' && !scopeCoversDivision(actor.scope, e.district_code)))
    throw new AppError(AppealErrors.ENTERPRISE_NOT_FOUND, { code });
  const cadres = await cadreNames(ctx.db.k, e.liaison_cadre_id ? [e.liaison_cadre_id] : []);
  return enterpriseView(e, cadres);
}

/** The registry, filtered; a district officer sees their district's enterprises. */
export async function listEnterprises(ctx: Ctx, actor: Actor, q: EnterprisesQuery) {
  requirePermission(actor, 'enterprises:read');
  const areaPrefix = scopePrefix(actor.scope);
  if (areaPrefix === null) return { total: 0, items: [] };
  const { total, rows } = await listRows(ctx.db.k, {
    q: q.q,
    district: q.district,
    areaPrefix,
    tier: q.tier,
    whitelisted: q.whitelisted === undefined ? undefined : q.whitelisted === 'true',
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
  });
  const cadres = await cadreNames(ctx.db.k, [
    ...new Set(rows.map((r) => r.liaison_cadre_id).filter((x): x is number => x != null)),
  ]);
  return { total, items: rows.map((r) => enterpriseView(r, cadres)) };
}

// ------------------------------------------------------------------------------------ import

const COLUMNS: Record<string, keyof EnterpriseInput> = {
  credit_code: 'creditCode',
  统一社会信用代码: 'creditCode',
  name: 'name',
  企业名称: 'name',
  industry: 'industry',
  行业: 'industry',
  所属行业: 'industry',
  district_code: 'districtCode',
  区县代码: 'districtCode',
  size: 'size',
  规模: 'size',
  企业规模: 'size',
  tiers: 'tiers',
  白名单: 'tiers',
  白名单类别: 'tiers',
  liaison_cadre_id: 'liaisonCadreId',
  挂钩干部编号: 'liaisonCadreId',
  contact_name: 'contactName',
  联系人: 'contactName',
  phone: 'phone',
  联系电话: 'phone',
};
const REQUIRED: Array<keyof EnterpriseInput> = ['creditCode', 'name', 'industry', 'districtCode', 'size'];
const VALUE_ZH: Record<string, string> = {
  大型: 'large',
  中型: 'medium',
  小型: 'small',
  微型: 'micro',
  国家级: 'national',
  省级: 'provincial',
  市级: 'city',
  龙头企业: 'leader',
  工业龙头: 'leader',
};

export interface ImportIssue {
  row: number;
  column: string;
  code: string;
  message: Record<'zh-CN' | 'en', string>;
}

async function readTable(
  buf: Buffer,
  filename: string,
  contentType?: string,
): Promise<Array<{ row: number; cells: string[] }>> {
  const kind = fileKindOf(contentType, filename, buf);
  if (kind === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const out: Array<{ row: number; cells: string[] }> = [];
    ws?.eachRow((row, n) => {
      const vals = (row.values as ExcelJS.CellValue[]).slice(1);
      out.push({
        row: n,
        cells: vals.map((v) => (v == null ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v))),
      });
    });
    return out;
  }
  return parseCsv(decodeText(buf).text).map((r) => ({ row: r.line, cells: r.cells }));
}

/**
 * Imports enterprises from CSV or XLSX (English or Chinese headers): every row is checked first and
 * any problem, listed with its row and column, leaves the registry untouched. Existing credit
 * codes are updated, new ones registered; one audit entry for the file.
 */
export async function importEnterprises(
  ctx: Ctx,
  actor: Actor | 'cli',
  file: { buf: Buffer; filename: string; contentType?: string },
  opts: { dryRun?: boolean } = {},
) {
  if (actor !== 'cli') requirePermission(actor, 'enterprises:write');
  const issues: ImportIssue[] = [];
  const issue = (row: number, column: string, reason: string) =>
    issues.push({
      row,
      column,
      code: 'ENTERPRISE_IMPORT_FIELD',
      message: messagesOf('ENTERPRISE_IMPORT_FIELD', { row, column, reason }),
    });
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file.buf, file.filename, file.contentType);
  } catch (e) {
    // An XLSX that is not a zip, or a CSV in no known encoding: one issue, like any other.
    if (e instanceof AppError) issue(Number(e.params.row ?? 1), '', `${e.messageIn('zh-CN')} / ${e.messageIn('en')}`);
    else issue(1, '', `${e instanceof Error ? e.message : String(e)} / 无法读取文件`);
    throw new AppError(AppealErrors.ENTERPRISE_IMPORT_INVALID, { count: issues.length }, { issues });
  }
  const [head, ...body] = table;
  if (!head || body.length === 0) {
    issue(1, '', 'empty file / 文件为空');
    throw new AppError(AppealErrors.ENTERPRISE_IMPORT_INVALID, { count: issues.length }, { issues });
  }
  const keys = head.cells.map((h) => COLUMNS[h.trim()] ?? COLUMNS[h.trim().toLowerCase()]);
  head.cells.forEach((h, i) => {
    if (!keys[i] && h.trim()) issue(head.row, h.trim(), 'unknown column / 未知列');
  });
  for (const r of REQUIRED) if (!keys.includes(r)) issue(head.row, r, 'missing column / 缺少必填列');
  const now = nowIso();
  const rows: Array<Omit<EnterpriseRow, 'id'>> = [];
  const rowNo: number[] = [];
  const seen = new Map<string, number>();
  if (issues.length === 0) {
    for (const r of body) {
      const raw: Record<string, unknown> = {};
      keys.forEach((k, i) => {
        if (!k) return;
        const v = (r.cells[i] ?? '').trim();
        if (k === 'tiers')
          raw.tiers = v
            ? v
                .split(/[,;，、\s]+/)
                .filter(Boolean)
                .map((t) => VALUE_ZH[t] ?? t)
            : [];
        else if (k === 'liaisonCadreId') raw.liaisonCadreId = v ? Number(v) : null;
        else if (k === 'size') raw.size = VALUE_ZH[v] ?? v;
        else if (k === 'phone') raw.phone = v ? (normalisePhone(v) ?? v) : null;
        else raw[k] = v;
      });
      const parsed = EnterpriseInput.safeParse(raw);
      if (!parsed.success) {
        for (const i of parsed.error.issues) issue(r.row, String(i.path[0] ?? ''), i.message);
        continue;
      }
      try {
        const row = enterpriseRow(ctx, parsed.data, now);
        const dup = seen.get(row.credit_code);
        if (dup) issue(r.row, 'credit_code', `duplicate of row ${dup} / 与第 ${dup} 行重复`);
        seen.set(row.credit_code, r.row);
        rows.push(row);
        rowNo.push(r.row);
      } catch (e) {
        if (e instanceof AppError) issue(r.row, 'credit_code', `${e.messageIn('zh-CN')} / ${e.messageIn('en')}`);
        else throw e;
      }
    }
  }
  const cadreIds = [...new Set(rows.map((r) => r.liaison_cadre_id).filter((x): x is number => x != null))];
  if (cadreIds.length) {
    const known = await cadreNames(ctx.db.k, cadreIds);
    rows.forEach((r, i) => {
      const id = r.liaison_cadre_id;
      if (id != null && !known.has(id))
        issue(rowNo[i] as number, 'liaison_cadre_id', `no cadre ${id} / 干部 ${id} 不存在`);
    });
  }
  if (issues.length) throw new AppError(AppealErrors.ENTERPRISE_IMPORT_INVALID, { count: issues.length }, { issues });
  const existing = await enterprisesByCodes(
    ctx.db.k,
    rows.map((r) => r.credit_code),
  );
  const created = rows.filter((r) => !existing.has(r.credit_code));
  const updated = rows.filter((r) => existing.has(r.credit_code));
  if (!opts.dryRun) {
    await ctx.db.k.transaction().execute(async (trx) => {
      await insertEnterprises(trx, created);
      for (const r of updated) {
        const { created_at: _c, ...patch } = r;
        await updateEnterprise(trx, existing.get(r.credit_code)?.id as number, patch);
      }
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'enterprises-imported',
        entity: 'enterprise-import',
        entityId: file.filename,
        detail: { created: created.length, updated: updated.length },
      });
    });
  }
  return { dryRun: !!opts.dryRun, rows: rows.length, created: created.length, updated: updated.length };
}

export { SIZES };
