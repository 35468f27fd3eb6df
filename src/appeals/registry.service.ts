import { nameOf } from '../geo/geo.service.ts';
import { type Actor, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { appealPeriod } from './appeals.dashboard.ts';
import { AppealErrors } from './appeals.errors.ts';
import { listAppeals } from './appeals.repo.ts';
import { localDay, type Production, troubleOf, WHITELIST_TIERS } from './appeals.rules.ts';
import { appealView } from './appeals.service.ts';
import { countByDayAnd } from './counts.repo.ts';
import {
  accountOf,
  cadreNames,
  enterpriseByCode,
  enterpriseById,
  listEnterprises,
  type StoredEnterprise,
} from './enterprises.repo.ts';
import { enterpriseView } from './enterprises.service.ts';
import {
  latestReportDay,
  openTasksOfEnterprise,
  reportsOfEnterprise,
  reportsOn,
  whitelistedEnterprises,
} from './registry.repo.ts';
import { liaisonView, statusBoard } from './whitelist.service.ts';

type ReportRow = Awaited<ReturnType<typeof reportsOn>>[number];

/** A daily report as the screens read it. */
export function reportView(r: ReportRow) {
  return {
    id: r.id,
    day: r.day,
    production: r.production as Production,
    capacityPct: r.capacity_pct,
    materialDays: Number(r.material_days),
    logisticsBlocked: r.logistics_blocked === 1,
    staffOnSite: r.staff_on_site,
    staffClosedLoop: r.staff_closed_loop,
    note: r.note,
    appealId: r.appeal_id,
    taskId: r.task_id,
    reportedAt: r.reported_at,
    reportedBy: r.reported_by,
  };
}

/** Appeals per local day and channel in a period (the dashboard's stacked volume chart). */
export async function appealVolume(
  ctx: Ctx,
  actor: Actor,
  q: { from?: string; to?: string; district?: string },
  now = nowIso(),
) {
  const p = appealPeriod(actor, q, now);
  const items = (await countByDayAnd(ctx.db.k, 'channel', p)).map((r) => ({ day: r.day, channel: r.key, n: r.n }));
  return { from: p.from, to: p.to, items };
}

function inScope(actor: Actor, e: StoredEnterprise) {
  const prefix = scopePrefix(actor.scope);
  return prefix !== null && e.district_code.startsWith(prefix);
}

/** One enterprise with its recent appeals, its last daily reports and its open liaison tasks. */
export async function enterpriseOverview(ctx: Ctx, actor: Actor, code: string, now = nowIso()) {
  requirePermission(actor, 'enterprises:read');
  const e = await enterpriseByCode(ctx.db.k, code.trim().toUpperCase());
  if (!e || !inScope(actor, e)) throw new AppError(AppealErrors.ENTERPRISE_NOT_FOUND, { code });
  const cadres = await cadreNames(ctx.db.k, e.liaison_cadre_id ? [e.liaison_cadre_id] : []);
  const view = enterpriseView(e, cadres);
  const appeals = await listAppeals(ctx.db.k, { enterpriseIds: [e.id] }, 0, 20, ctx.db.dialect);
  const reports = await reportsOfEnterprise(ctx.db.k, e.id, 14);
  const tasks = await openTasksOfEnterprise(ctx.db.k, e.id);
  return {
    enterprise: view,
    appeals: {
      total: appeals.total,
      items: appeals.rows.map((a) => appealView(a, now, { name: e.name, creditCode: e.credit_code })),
    },
    reports: reports.map(reportView),
    tasks: tasks.map((t) => ({ id: t.id, title: t.title, dueAt: t.due_at, overdue: t.due_at < now })),
  };
}

type Tally = { normal: number; reduced: number; stopped: number; missing: number; total: number };
const tally = (): Tally => ({ normal: 0, reduced: 0, stopped: 0, missing: 0, total: 0 });

/**
 * The whitelist status board of a day broken down by tier and district, with the enterprises in
 * trouble (stopped, reduced, short of raw material or with blocked logistics) and those not reported.
 * Without a day, the latest day with reports.
 */
export async function whitelistBreakdown(ctx: Ctx, actor: Actor, dayIn?: string, now = nowIso()) {
  requirePermission(actor, 'enterprises:read');
  // Without a day: the latest day anyone reported, so the board opens on data rather than an empty today.
  const day = dayIn ?? (await latestReportDay(ctx.db.k, localDay(now))) ?? localDay(now);
  const board = await statusBoard(ctx, actor, day);
  const prefix = scopePrefix(actor.scope);
  const population = prefix === null ? [] : await whitelistedEnterprises(ctx.db.k, prefix);
  const stateOf = new Map(board.items.map((i) => [i.enterpriseId, i.production as keyof Tally]));
  const byTier = new Map<string, Tally>(WHITELIST_TIERS.map((t) => [t, tally()]));
  const byDistrict = new Map<string, Tally>();
  for (const e of population) {
    const state = stateOf.get(e.id) ?? 'missing';
    const tiers = e.tiers ? e.tiers.split(',') : [];
    const d = byDistrict.get(e.district_code) ?? tally();
    byDistrict.set(e.district_code, d);
    for (const t of [...tiers.map((x) => byTier.get(x)), d]) {
      if (!t) continue;
      t[state]++;
      t.total++;
    }
  }
  const tiersOf = new Map(population.map((e) => [e.id, e.tiers ? e.tiers.split(',') : []]));
  const troubled = board.items
    .map((i) => ({ ...i, trouble: troubleOf({ ...i, production: i.production as Production }) }))
    .filter((i) => i.production !== 'normal' || i.trouble.appeal || i.trouble.task)
    .map(({ trouble, ...i }) => ({
      ...i,
      reasons: [trouble.appeal?.reason, trouble.task?.reason].filter((x): x is string => !!x),
    }));
  return {
    day,
    counts: board.counts,
    whitelisted: population.length,
    byTier: [...byTier].map(([key, t]) => ({ key, ...t })),
    byDistrict: [...byDistrict]
      .map(([key, t]) => ({ key, name: nameOf(key) ?? key, ...t }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    troubled,
    missing: (board.missing ?? []).map((m) => ({
      ...m,
      districtName: nameOf(m.districtCode) ?? m.districtCode,
      tiers: tiersOf.get(m.id) ?? [],
    })),
  };
}

/**
 * The signed-in liaison's desk: their enterprises (an enterprise account: its own) with the day's
 * report or none, open liaison tasks (overdue first) and the enterprises' overdue appeals.
 */
export async function liaisonDesk(ctx: Ctx, actor: Actor, day?: string, now = nowIso()) {
  requirePermission(actor, 'enterprises:report');
  const link = await accountOf(ctx.db.k, actor.username);
  const on = day ?? localDay(now);
  let ents: StoredEnterprise[] = [];
  let tasks: Array<{ id: number; enterprise: string; title: string; dueAt: string; overdue: boolean }> = [];
  let overdueAppeals: ReturnType<typeof appealView>[] = [];
  if (link?.cadre_id != null) {
    ents = (await listEnterprises(ctx.db.k, { cadreId: link.cadre_id, whitelisted: true, offset: 0, limit: 500 })).rows;
    const v = await liaisonView(ctx, actor, now);
    tasks = v.tasks.map(({ enterpriseId: _e, ...t }) => t);
    overdueAppeals = v.overdueAppeals;
  } else if (link?.enterprise_id != null) {
    const e = await enterpriseById(ctx.db.k, link.enterprise_id);
    if (e) {
      ents = [e];
      tasks = (await openTasksOfEnterprise(ctx.db.k, e.id)).map((t) => ({
        id: t.id,
        enterprise: e.name,
        title: t.title,
        dueAt: t.due_at,
        overdue: t.due_at < now,
      }));
      overdueAppeals = (
        await listAppeals(ctx.db.k, { overdueAt: now, enterpriseIds: [e.id] }, 0, 200, ctx.db.dialect)
      ).rows.map((a) => appealView(a, now));
    }
  }
  const reports = new Map(
    (
      await reportsOn(
        ctx.db.k,
        ents.map((e) => e.id),
        on,
      )
    ).map((r) => [r.enterprise_id, r]),
  );
  const cadres = await cadreNames(ctx.db.k, link?.cadre_id != null ? [link.cadre_id] : []);
  const enterprises = ents.map((e) => {
    const r = reports.get(e.id);
    return { ...enterpriseView(e, cadres), report: r ? reportView(r) : null };
  });
  return {
    day: on,
    cadre: link?.cadre_id != null ? { id: link.cadre_id, ...cadres.get(link.cadre_id) } : null,
    counts: {
      enterprises: enterprises.length,
      reported: enterprises.filter((e) => e.report).length,
      missing: enterprises.filter((e) => !e.report).length,
      overdueTasks: tasks.filter((t) => t.overdue).length,
      overdueAppeals: overdueAppeals.length,
    },
    enterprises,
    tasks,
    overdueAppeals,
  };
}
