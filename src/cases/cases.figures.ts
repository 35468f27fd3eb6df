import { DIVISIONS, divisionOf } from '../geo/geo.data.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { beijingToday } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { CaseErrors } from './cases.errors.ts';
import { dailyCounts, latestDay, listCases, totalsAt, totalsByDistrict } from './cases.repo.ts';
import { type CounterMetric, caseAsOf, figuresFromTotals, type Totals, totalsKey } from './cases.rules.ts';
import type { CasesQuery, CaseView, Figures } from './cases.schema.ts';
import { jurisdictionOf, recordOf } from './cases.service.ts';

/**
 * The district an actor's figures are limited to: a requested district must lie in their scope;
 * district and street scopes see their own district; only a city scope sees the city total.
 */
export function figuresDistrict(actor: Actor, requested?: string): string | undefined {
  requirePermission(actor, 'cases:read');
  // Counters are per district: narrower scopes could see numbers whose records they may not open.
  if (actor.scope.kind === 'zone' || actor.scope.kind === 'street') throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const own = actor.scope.kind === 'city' ? undefined : actor.scope.code.slice(0, 6);
  if (requested) {
    if (own && requested !== own) throw new AppError(AuthErrors.OUT_OF_SCOPE);
    if (divisionOf(requested)?.level !== 'district') {
      throw new AppError(CaseErrors.CASE_DIVISION_UNKNOWN, { code: requested, level: 'district', levelZh: '区县' });
    }
    return requested;
  }
  return own;
}

function toTotals(rows: Array<{ metric: string; origin: string; day_n: number; cum_n: number }>): Totals {
  return new Map(rows.map((r) => [totalsKey(r.metric as CounterMetric, r.origin), { day: r.day_n, cum: r.cum_n }]));
}

/** Refuses a day after the business today: its counters hold the demo's future, not yet reported. */
function notAfterToday(date: string): void {
  const today = beijingToday();
  if (date > today) throw new AppError(CaseErrors.FIGURES_AFTER_TODAY, { date, today });
}

/** The figures of one day and the day before, for a district or the city. */
export async function figuresOf(ctx: Ctx, actor: Actor, date: string, requested?: string) {
  const district = figuresDistrict(actor, requested);
  notAfterToday(date);
  const [today, yesterday] = await Promise.all([
    totalsAt(ctx.db, date, district),
    totalsAt(ctx.db, addDays(date, -1), district),
  ]);
  return {
    date,
    jurisdiction: jurisdictionOf(district),
    figures: figuresFromTotals(toTotals(today)),
    previous: figuresFromTotals(toTotals(yesterday)),
  };
}

/**
 * The latest day up to the business today that has any figures (what screens open on), or null
 * before the first case. Days after the business clock are never offered (the demo's line list
 * runs to 15 November while its clock stands on the 11th).
 */
export async function latestFiguresDay(ctx: Ctx, actor: Actor): Promise<string | null> {
  figuresDistrict(actor);
  return latestDay(ctx.db, beijingToday());
}

/** The city's figures of a day and the day before, for documents any reader of them may see. */
export async function cityFigures(ctx: Ctx, date: string): Promise<{ figures: Figures; previous: Figures }> {
  const [today, yesterday] = await Promise.all([totalsAt(ctx.db, date), totalsAt(ctx.db, addDays(date, -1))]);
  return { figures: figuresFromTotals(toTotals(today)), previous: figuresFromTotals(toTotals(yesterday)) };
}

/** Figures for every day of a range (at most 366 days), from one pass over the daily counters. */
export async function seriesOf(ctx: Ctx, actor: Actor, from: string, to: string, requested?: string) {
  const district = figuresDistrict(actor, requested);
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(span >= 0 && span <= 366)) throw new AppError(CaseErrors.FIGURES_RANGE);
  // A range reaching past the business today stops at today: no figures after the clock.
  const today = beijingToday();
  const last = to > today ? today : to;
  const rows = await dailyCounts(ctx.db, last, district);
  const cum = new Map<string, number>();
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const k = totalsKey(r.metric as CounterMetric, r.origin);
    const m = byDay.get(r.day) ?? new Map<string, number>();
    m.set(k, (m.get(k) ?? 0) + r.n);
    byDay.set(r.day, m);
  }
  const days: Array<{ date: string; figures: Figures }> = [];
  const sortedDays = [...byDay.keys()].sort();
  let i = 0;
  for (let d = from; d <= last; d = addDays(d, 1)) {
    // Fold in every counter day up to d (including days before `from`).
    for (; i < sortedDays.length && (sortedDays[i] as string) <= d; i++) {
      for (const [k, n] of byDay.get(sortedDays[i] as string) ?? []) cum.set(k, (cum.get(k) ?? 0) + n);
    }
    const todays = byDay.get(d) ?? new Map<string, number>();
    const totals: Totals = new Map([...cum.keys()].map((k) => [k, { day: todays.get(k) ?? 0, cum: cum.get(k) ?? 0 }]));
    days.push({ date: d, figures: figuresFromTotals(totals) });
  }
  return { jurisdiction: jurisdictionOf(district), days };
}

/** Figures of one day for every district the actor may see. */
export async function districtsOf(ctx: Ctx, actor: Actor, date: string) {
  const own = figuresDistrict(actor);
  notAfterToday(date);
  const rows = await totalsByDistrict(ctx.db, date);
  const districts = DIVISIONS.filter((d) => d.level === 'district' && (!own || d.code === own)).map((d) => ({
    code: d.code,
    name: d.name,
    figures: figuresFromTotals(toTotals(rows.filter((r) => r.district_code === d.code))),
  }));
  return { date, districts };
}

/** Cases, masked, optionally exactly the records behind one figure; inside the actor's scope. */
export async function casesOf(ctx: Ctx, actor: Actor, q: CasesQuery) {
  const district = figuresDistrict(actor, q.district);
  // As the records stood at the business today: none reported later, no later date on a row.
  const today = beijingToday();
  const { rows, total } = await listCases(
    ctx.db,
    { date: q.date, metric: q.metric, district, upTo: today },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
  );
  const items: CaseView[] = rows.map((r) => ({
    id: r.id,
    ...(caseAsOf(recordOf(r), today) ?? recordOf(r)),
    districtName: divisionOf(r.district_code)?.name ?? r.district_code,
    communityName: r.community_code ? (divisionOf(r.community_code)?.name ?? null) : null,
    nameMasked: r.name_masked,
    idNumberMasked: r.id_masked,
    personId: r.person_id === null ? null : Number(r.person_id),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
