import { createHash } from 'node:crypto';
import { enterprisesByCodes } from '../appeals/enterprises.repo.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays, dayOf } from '../platform/dates.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import type { SheetIssue } from '../platform/files/sheet.ts';
import { EconomyErrors } from './economy.errors.ts';
import { dayOfCell, districtOf, type RawReading, readReadingSheet } from './economy.import.ts';
import {
  accountsByNo,
  baselinesOf,
  insertHistory,
  insertImport,
  insertReadings,
  readingsOf,
  rebuildBaselines,
  rebuildDaily,
  updateReading,
  upsertAccounts,
} from './economy.repo.ts';
import { isAbsurd, parseKwh, weekdayOf } from './economy.rules.ts';
import type { PowerReadingRow } from './economy.tables.ts';
import { evaluateFlags } from './flags.service.ts';
import { parseIndustry } from './industries.rules.ts';
import { loadSettings, settingsView } from './settings.service.ts';

type Who = Actor | 'system' | 'cli';
const ACCOUNT_RE = /^[A-Za-z0-9-]{1,32}$/;

/** A function of one string argument remembered per argument. */
function memo<T>(fn: (v: string) => T): (v: string) => T {
  const seen = new Map<string, T>();
  return (v) => {
    let r = seen.get(v);
    if (r === undefined && !seen.has(v)) {
      r = fn(v);
      seen.set(v, r);
    }
    return r as T;
  };
}

interface Parsed {
  row: number;
  day: string;
  account: string;
  creditCode: string | null;
  district: string;
  section: string;
  division: string;
  kwh: number;
}

/** Checks every row; the problems of the whole file, by row and column, or the parsed rows. */
async function check(ctx: Ctx, raw: RawReading[], today: string, confirmAbsurd: boolean) {
  const issues: SheetIssue[] = [];
  const problem = (row: number, column: string, code: string, params: Record<string, unknown> = {}) =>
    issues.push({ row, column, code, message: messagesOf(code, params) });
  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  const attrs = new Map<string, Parsed>();
  // A grid file repeats a few dates, districts and industries over thousands of rows: each is read once.
  const days = memo(dayOfCell);
  const districts = memo(districtOf);
  const industries = memo(parseIndustry);
  for (const r of raw) {
    const day = days(r.date);
    if (!day) problem(r.row, 'date', EconomyErrors.POWER_DATE_INVALID, { value: r.date });
    else if (day > today) problem(r.row, 'date', EconomyErrors.POWER_DATE_FUTURE, { value: day });
    const account = r.account.trim();
    if (!account) problem(r.row, 'account_no', EconomyErrors.POWER_ACCOUNT_MISSING);
    else if (!ACCOUNT_RE.test(account))
      problem(r.row, 'account_no', EconomyErrors.POWER_ACCOUNT_INVALID, { value: account });
    const district = districts(r.district);
    if (!district) problem(r.row, 'district', EconomyErrors.POWER_DISTRICT_UNKNOWN, { value: r.district });
    const industry = industries(r.industry);
    if (!industry) problem(r.row, 'industry', EconomyErrors.POWER_INDUSTRY_UNKNOWN, { value: r.industry });
    const kwh = parseKwh(r.kwh);
    if (kwh === null) problem(r.row, 'kwh', EconomyErrors.POWER_KWH_INVALID, { value: r.kwh });
    else if (kwh < 0) problem(r.row, 'kwh', EconomyErrors.POWER_KWH_NEGATIVE, { value: r.kwh });
    if (!day || !account || !district || !industry || kwh === null) continue;
    const key = `${account}|${day}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(r.row, 'account_no', EconomyErrors.POWER_ROW_DUPLICATE, { account, day, first });
      continue;
    }
    seen.set(key, r.row);
    const p: Parsed = {
      row: r.row,
      day,
      account,
      creditCode: r.creditCode.trim().toUpperCase() || null,
      district,
      section: industry.section,
      division: industry.division,
      kwh,
    };
    const a = attrs.get(account);
    if (!a) attrs.set(account, p);
    else if (a.district !== p.district || a.division !== p.division || a.creditCode !== p.creditCode)
      for (const [field, zh, same] of [
        ['district', '区县', a.district === p.district],
        ['industry', '行业', a.division === p.division],
        ['credit_code', '信用代码', a.creditCode === p.creditCode],
      ] as const)
        if (!same) problem(r.row, field, EconomyErrors.POWER_ACCOUNT_CONFLICT, { account, field: zh, first: a.row });
    parsed.push(p);
  }
  const codes = [...new Set(parsed.flatMap((p) => (p.creditCode ? [p.creditCode] : [])))];
  const enterprises = await enterprisesByCodes(ctx.db.k, codes);
  for (const p of parsed)
    if (p.creditCode && !enterprises.has(p.creditCode))
      problem(p.row, 'credit_code', EconomyErrors.POWER_CREDIT_CODE_UNKNOWN, { value: p.creditCode });
  const settings = await loadSettings(ctx);
  const baselines = await baselinesOf(ctx.db.k, [...attrs.keys()]);
  // Each account's baseline is read once, not once per row of a year's file.
  const known = new Map<string, number[]>();
  const baselineOf = (account: string) => {
    let b = known.get(account);
    if (!b) {
      b = baselines.get(account)?.filter((x): x is number => x !== undefined) ?? [];
      known.set(account, b);
    }
    return b;
  };
  if (!confirmAbsurd)
    for (const p of parsed) {
      const b = baselineOf(p.account);
      if (b.length && isAbsurd(p.kwh, b, settings.absurdFactor))
        problem(p.row, 'kwh', EconomyErrors.POWER_KWH_ABSURD, {
          value: p.kwh,
          baseline: Math.round(Math.max(...b)),
          factor: settings.absurdFactor,
        });
    }
  issues.sort((a, b) => a.row - b.row);
  return { issues, parsed, attrs, enterprises };
}

/** What an import did. */
export interface PowerImportResult {
  dryRun: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  accounts: number;
  from: string | null;
  to: string | null;
  flagged: number;
}

/**
 * Imports a grid company's daily readings (CSV/XLSX, UTF-8 or GBK, English or Chinese headers). All or
 * nothing: any bad row refuses the file with every problem by row and column. Idempotent by account
 * and day; a correction replaces the day's value and keeps the old one in the history.
 */
export async function importReadings(
  ctx: Ctx,
  actor: Who,
  file: { buf: Buffer; filename: string },
  opts: { dryRun?: boolean; confirmAbsurd?: boolean; evaluate?: boolean } = {},
): Promise<PowerImportResult> {
  if (typeof actor !== 'string') requirePermission(actor, 'economy:write');
  const raw = await readReadingSheet(file.buf);
  const now = nowIso();
  const { issues, parsed, attrs, enterprises } = await check(ctx, raw, dayOf(now), !!opts.confirmAbsurd);
  if (issues.length) throw new AppError(EconomyErrors.POWER_ROWS_INVALID, { count: issues.length }, { issues });
  return storeReadings(ctx, actor, parsed, attrs, enterprises, { ...opts, now, file });
}

async function storeReadings(
  ctx: Ctx,
  actor: Who,
  parsed: Parsed[],
  attrs: Map<string, Parsed>,
  enterprises: Awaited<ReturnType<typeof enterprisesByCodes>>,
  opts: { dryRun?: boolean; evaluate?: boolean; now: string; file: { buf: Buffer; filename: string } },
): Promise<PowerImportResult> {
  const days = [...new Set(parsed.map((p) => p.day))].sort();
  const from = days[0] ?? null;
  const to = days[days.length - 1] ?? null;
  const accounts = [...attrs.keys()];
  const known = from && to ? await readingsOf(ctx.db.k, accounts, from, to) : new Map<string, number>();
  const stored = await accountsByNo(ctx.db.k, accounts);
  const fresh: PowerReadingRow[] = [];
  const changed: Array<PowerReadingRow & { old: number }> = [];
  const wd = memo(weekdayOf);
  // A first import of a period finds nothing stored: no key is built per row to look up.
  const lookup = known.size > 0;
  for (const p of parsed) {
    const old = lookup ? known.get(`${p.account}|${p.day}`) : undefined;
    const row = { account_no: p.account, day: p.day, wd: wd(p.day), kwh: p.kwh, import_id: null };
    if (old === undefined) fresh.push(row);
    else if (old !== p.kwh) changed.push({ ...row, old });
  }
  const accountRows = [...attrs.values()]
    .filter((a) => {
      const s = stored.get(a.account);
      return (
        !s || s.district_code !== a.district || s.industry_division !== a.division || s.credit_code !== a.creditCode
      );
    })
    .map((a) => ({
      account_no: a.account,
      credit_code: a.creditCode,
      enterprise_id: a.creditCode ? (enterprises.get(a.creditCode)?.id ?? null) : null,
      district_code: a.district,
      industry_section: a.section,
      industry_division: a.division,
      created_at: stored.get(a.account)?.created_at ?? opts.now,
      updated_at: opts.now,
    }));
  const result: PowerImportResult = {
    dryRun: !!opts.dryRun,
    rows: parsed.length,
    inserted: fresh.length,
    updated: changed.length,
    unchanged: parsed.length - fresh.length - changed.length,
    accounts: accounts.length,
    from,
    to,
    flagged: 0,
  };
  // A retried file changes nothing and records nothing.
  if (opts.dryRun || (!fresh.length && !changed.length && !accountRows.length)) return result;
  const touched = [...new Set([...fresh, ...changed].map((r) => r.day))].sort();
  // An account moved to another district or industry moves its whole history in the totals.
  const moved = accountRows.filter((a) => stored.has(a.account_no)).map((a) => a.account_no);
  const who = actorLabel(actor);
  const win = (await settingsView(ctx)).window;
  await ctx.db.k.transaction().execute(async (trx) => {
    const importId = await insertImport(trx, {
      filename: opts.file.filename,
      sha256: createHash('sha256').update(opts.file.buf).digest('hex'),
      rows: parsed.length,
      inserted: fresh.length,
      updated: changed.length,
      unchanged: result.unchanged,
      actor: who,
      at: opts.now,
    });
    await upsertAccounts(trx, accountRows);
    for (const r of fresh) r.import_id = importId;
    await insertReadings(ctx.db, trx, fresh);
    for (const c of changed) await updateReading(trx, { ...c, import_id: importId });
    await insertHistory(
      trx,
      changed.map((c) => ({
        account_no: c.account_no,
        day: c.day,
        old_kwh: c.old,
        new_kwh: c.kwh,
        import_id: importId,
        replaced_at: opts.now,
      })),
    );
    const movedDays = moved.length ? [...(await readingsOf(trx, moved, '0000-00-00', '9999-12-31')).keys()] : [];
    await rebuildDaily(trx, [...new Set([...touched, ...movedDays.map((k) => k.split('|')[1] as string)])]);
    if (win && touched.some((d) => d >= win.from && d <= win.to)) await rebuildBaselines(trx, win.from, win.to);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: who,
      action: 'power-readings-imported',
      entity: 'power-import',
      entityId: importId,
      detail: { filename: opts.file.filename, inserted: fresh.length, updated: changed.length, from, to },
    });
  });
  if (opts.evaluate !== false && win) {
    // A day's account flags look back N days, so a changed day also changes the N − 1 days after it.
    const n = (await loadSettings(ctx)).accountDays;
    const last = touched[touched.length - 1] as string;
    const redo = new Set(touched.flatMap((d) => Array.from({ length: n }, (_, i) => addDays(d, i))));
    for (const d of [...redo].sort())
      if (d > win.to && d <= last) result.flagged += (await evaluateFlags(ctx, d)).length;
  }
  return result;
}
