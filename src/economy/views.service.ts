import { nameOf } from '../geo/geo.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { EconomyErrors } from './economy.errors.ts';
import {
  accountsByNo,
  baselinesOf,
  curvesOf,
  dailyTotals,
  flagsOf,
  historyOf,
  latestReadingDay,
} from './economy.repo.ts';
import { flagMessage, weekdayOf } from './economy.rules.ts';
import { areaBaselines } from './flags.service.ts';
import { DIVISIONS, industryCode } from './industries.rules.ts';
import { settingsView } from './settings.service.ts';

const CURVES = 30;

/** Each day's total against its weekday baseline, from a series and the baselines by subject. */
function against(rows: Array<{ day: string; kwh: number; subject: string }>, base: Map<string, number[]>) {
  return rows.map((r) => {
    const b = base.get(r.subject)?.[weekdayOf(r.day)] ?? null;
    return { ...r, baseline: b, share: b ? r.kwh / b : null };
  });
}

/** The city's (or the caller's district's) series against the baseline, since a day, up to a day. */
export async function citySeries(ctx: Ctx, from: string, to: string, prefix = '') {
  const { window } = await settingsView(ctx);
  const base = window ? await areaBaselines(ctx, window, 'city', prefix) : new Map<string, number[]>();
  return against(await dailyTotals(ctx.db.k, from, to, 'city', prefix), base).map((r) => ({
    day: r.day,
    kwh: r.kwh,
    baseline: r.baseline,
    share: r.share,
  }));
}

/** A day's flags within a division prefix, each with its message (city-wide industry flags for the city only). */
export async function dayFlags(ctx: Ctx, day: string, prefix: string, city: boolean) {
  const rows = await flagsOf(ctx.db.k, day);
  return rows
    .filter((f) =>
      f.kind === 'account'
        ? (f.district_code ?? '').startsWith(prefix)
        : f.kind === 'district'
          ? f.subject.startsWith(prefix)
          : city,
    )
    .map((f) => {
      const label =
        f.kind === 'account'
          ? `${f.name ?? '户号'} ${f.subject}`
          : f.kind === 'district'
            ? (nameOf(f.subject) ?? f.subject)
            : `${industryCode(f.subject)} ${DIVISIONS[f.subject]?.[1] ?? ''}`;
      return {
        kind: f.kind as 'account' | 'district' | 'industry',
        subject: f.subject,
        label,
        rule: f.rule,
        kwh: f.kwh,
        baseline: f.baseline,
        share: f.share,
        threshold: f.threshold,
        days: f.days,
        district: f.district_code,
        industry: f.industry_division,
        creditCode: f.credit_code,
        enterprise: f.name,
        whitelisted: f.whitelisted === 1,
        taskId: f.task_id,
        message: flagMessage({ ...f, label }),
      };
    });
}

/**
 * The 工业用电 screen of a day: the city's daily total against its baseline, the districts and
 * industries of the day, the flags with their rule and numbers, and the flagged accounts' curves.
 */
export async function powerOverview(ctx: Ctx, actor: Actor, q: { date?: string; from?: string }) {
  requirePermission(actor, 'economy:read');
  const prefix = scopePrefix(actor.scope);
  if (prefix === null) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const city = actor.scope.kind === 'city';
  const sv = await settingsView(ctx);
  const date = q.date ?? (await latestReadingDay(ctx.db.k));
  const empty = { ...sv, date, series: [], sinceOutbreak: null, districts: [], industries: [], flags: [], curves: [] };
  if (!date) return empty;
  const from = q.from ?? (sv.window ? sv.window.from : addDays(date, -60));
  const series = await citySeries(ctx, from, date, prefix);
  const win = sv.window;
  const dBase = win ? await areaBaselines(ctx, win, 'district', prefix) : new Map<string, number[]>();
  const iBase = win ? await areaBaselines(ctx, win, 'industry', prefix) : new Map<string, number[]>();
  const flags = await dayFlags(ctx, date, prefix, city);
  const flagged = new Set(flags.map((f) => `${f.kind}|${f.subject}`));
  const districts = against(await dailyTotals(ctx.db.k, date, date, 'district', prefix), dBase).map((r) => ({
    code: r.subject,
    name: nameOf(r.subject) ?? r.subject,
    kwh: r.kwh,
    baseline: r.baseline,
    share: r.share,
    flagged: flagged.has(`district|${r.subject}`),
  }));
  const industries = against(await dailyTotals(ctx.db.k, date, date, 'industry', prefix), iBase).map((r) => ({
    division: r.subject,
    code: industryCode(r.subject),
    name: DIVISIONS[r.subject]?.[1] ?? r.subject,
    nameEn: DIVISIONS[r.subject]?.[2] ?? r.subject,
    kwh: r.kwh,
    baseline: r.baseline,
    share: r.share,
    flagged: flagged.has(`industry|${r.subject}`),
  }));
  const since =
    sv.firstLocalCase && sv.firstLocalCase <= date ? series.filter((s) => s.day >= (sv.firstLocalCase as string)) : [];
  const withBase = since.filter((s) => s.baseline !== null);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const sinceOutbreak = withBase.length
    ? {
        from: sv.firstLocalCase as string,
        to: date,
        days: withBase.length,
        avgKwh: avg(withBase.map((s) => s.kwh)),
        baselineAvgKwh: avg(withBase.map((s) => s.baseline as number)),
        ratio: avg(withBase.map((s) => s.kwh)) / avg(withBase.map((s) => s.baseline as number)),
      }
    : null;
  const accounts = flags.filter((f) => f.kind === 'account').slice(0, CURVES);
  const curves = await accountCurves(
    ctx,
    accounts.map((f) => f.subject),
    addDays(date, -41),
    date,
  );
  return { ...sv, date, series, sinceOutbreak, districts, industries, flags, curves };
}

/** Accounts' daily curves over a period, each day against the account's weekday baseline. */
export async function accountCurves(ctx: Ctx, accounts: string[], from: string, to: string) {
  if (!accounts.length) return [];
  const base = await baselinesOf(ctx.db.k, accounts);
  const points = await curvesOf(ctx.db.k, accounts, from, to);
  return accounts.map((a) => ({
    account: a,
    points: points
      .filter((p) => p.account_no === a)
      .map((p) => ({ day: p.day, kwh: p.kwh, baseline: base.get(a)?.[weekdayOf(p.day)] ?? null })),
  }));
}

/** One account: its attributes, its curve against its baseline and its corrected values. */
export async function accountView(ctx: Ctx, actor: Actor, account: string, until?: string) {
  requirePermission(actor, 'economy:read');
  const to = until ?? (await latestReadingDay(ctx.db.k)) ?? '1970-01-01';
  const a = (await accountsByNo(ctx.db.k, [account])).get(account);
  const prefix = scopePrefix(actor.scope);
  if (!a || prefix === null || !a.district_code.startsWith(prefix))
    throw new AppError(EconomyErrors.POWER_ACCOUNT_NOT_FOUND, { account });
  const [curve] = await accountCurves(ctx, [account], addDays(to, -89), to);
  return {
    account,
    creditCode: a.credit_code,
    enterpriseId: a.enterprise_id === null ? null : Number(a.enterprise_id),
    district: a.district_code,
    districtName: nameOf(a.district_code) ?? a.district_code,
    industry: industryCode(a.industry_division),
    industryName: DIVISIONS[a.industry_division]?.[1] ?? '',
    points: curve?.points ?? [],
    history: (await historyOf(ctx.db.k, account)).map((h) => ({
      day: h.day,
      oldKwh: Number(h.old_kwh),
      newKwh: Number(h.new_kwh),
      replacedAt: h.replaced_at,
    })),
  };
}
