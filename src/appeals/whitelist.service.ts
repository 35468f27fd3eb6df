import { nameOf } from '../geo/geo.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel, permissionsOf, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { AppealErrors } from './appeals.errors.ts';
import { listAppeals } from './appeals.repo.ts';
import { localDay, PRODUCTION, troubleOf } from './appeals.rules.ts';
import type { ReportInput } from './appeals.schema.ts';
import { appealView } from './appeals.service.ts';
import { accountOf, enterpriseByCode, enterpriseIdsOfCadre, type StoredEnterprise } from './enterprises.repo.ts';
import { submitAppeal } from './intake.service.ts';
import {
  closeTaskRow,
  insertReport,
  insertTasks,
  linkReport,
  missingReports,
  reportOn,
  reportsOfDay,
  taskById,
  tasksOfCadre,
} from './whitelist.repo.ts';

type Reporter = Actor | 'system';

async function reporterMay(ctx: Ctx, actor: Reporter, e: StoredEnterprise) {
  if (actor === 'system') return;
  requirePermission(actor, 'enterprises:report');
  const link = await accountOf(ctx.db.k, actor.username);
  // An enterprise account reports for its own enterprise; a liaison for the enterprises they serve.
  const ok =
    (link?.enterprise_id != null && link.enterprise_id === e.id) ||
    (link?.cadre_id != null && link.cadre_id === e.liaison_cadre_id) ||
    permissionsOf(actor.role).includes('enterprises:write');
  if (!ok) throw new AppError(AppealErrors.REPORT_NOT_YOURS);
}

/**
 * A whitelisted enterprise's daily status. A report that signals trouble opens an appeal (stopped,
 * raw material under 3 days, logistics blocked) and/or a liaison task due the next day; both are
 * linked to the report. One report per enterprise and day (a second one replaces nothing: 409).
 */
export async function submitReport(
  ctx: Ctx,
  actor: Reporter,
  creditCode: string,
  input: ReportInput,
  now = nowIso(),
  random?: () => number,
) {
  const e = await enterpriseByCode(ctx.db.k, creditCode.trim().toUpperCase());
  if (!e) throw new AppError(AppealErrors.ENTERPRISE_NOT_FOUND, { code: creditCode });
  if (!e.whitelisted) throw new AppError(AppealErrors.REPORT_ENTERPRISE_NOT_WHITELISTED, { code: e.credit_code });
  await reporterMay(ctx, actor, e);
  const existing = await reportOn(ctx.db.k, e.id, input.day);
  if (existing)
    return { created: false, reportId: existing.id, appealId: existing.appeal_id, taskId: existing.task_id };
  const who = actor === 'system' ? 'system' : actorLabel(actor);
  const reportId = await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertReport(trx, {
      enterprise_id: e.id,
      day: input.day,
      production: input.production,
      capacity_pct: input.capacityPct,
      material_days: input.materialDays,
      logistics_blocked: input.logisticsBlocked ? 1 : 0,
      staff_on_site: input.staffOnSite,
      staff_closed_loop: input.staffClosedLoop,
      note: input.note ?? null,
      appeal_id: null,
      task_id: null,
      reported_at: now,
      reported_by: who,
    });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: who,
      action: 'whitelist-report',
      entity: 'enterprise',
      entityId: e.credit_code,
      detail: { day: input.day, production: input.production, capacity: input.capacityPct },
    });
    return id;
  });
  const trouble = troubleOf(input);
  let appealId: number | null = null;
  let taskId: number | null = null;
  if (trouble.appeal) {
    const phone = e.phone_enc ? ctx.crypto.decrypt(e.phone_enc) : '00000000';
    const r = await submitAppeal(
      ctx,
      'system',
      'web',
      {
        idempotencyKey: `report-${reportId}`,
        submitter: 'enterprise',
        creditCode: e.credit_code,
        contactName: e.contact_name ?? undefined,
        phone,
        category: trouble.appeal.category,
        urgency: trouble.appeal.urgency,
        title: `白名单日报预警：${trouble.appeal.reason}`.slice(0, 80),
        content: `${e.name} ${input.day} 日报：${trouble.appeal.reason}。产能 ${input.capacityPct}%，原材料 ${input.materialDays} 天，在岗 ${input.staffOnSite} 人，闭环 ${input.staffClosedLoop} 人。${input.note ?? ''}`,
      },
      { now, sourceReportId: reportId, random },
    );
    appealId = r.appeal.id;
  }
  if (trouble.task) {
    [taskId] = (await ctx.db.k.transaction().execute(async (trx) => {
      const ids = await insertTasks(trx, [
        {
          enterprise_id: e.id,
          cadre_id: e.liaison_cadre_id,
          report_id: reportId,
          title: `${e.name}：${trouble.task?.reason}`,
          due_at: new Date(Date.parse(now) + 24 * 3600_000).toISOString(),
          closed_at: null,
          closing_note: null,
          created_at: now,
        },
      ]);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: who,
        action: 'liaison-task-opened',
        entity: 'enterprise',
        entityId: e.credit_code,
        detail: { task: ids[0], report: reportId },
      });
      return ids;
    })) as [number];
  }
  if (appealId || taskId) await ctx.db.k.transaction().execute((trx) => linkReport(trx, reportId, appealId, taskId));
  return { created: true, reportId, appealId, taskId };
}

/** The whitelist status board of a day: counts by production state and the rows behind them. */
export async function statusBoard(ctx: Ctx, actor: Actor, day: string) {
  requirePermission(actor, 'enterprises:read');
  const prefix = scopePrefix(actor.scope);
  if (prefix === null) return { day, counts: { normal: 0, reduced: 0, stopped: 0, missing: 0 }, items: [] };
  const rows = await reportsOfDay(ctx.db.k, day, prefix);
  const missing = await missingReports(ctx.db.k, day, null, prefix);
  const counts = Object.fromEntries(
    PRODUCTION.map((p) => [p, rows.filter((r) => r.production === p).length]),
  ) as Record<(typeof PRODUCTION)[number], number>;
  return {
    day,
    counts: { ...counts, missing: missing.length },
    items: rows.map((r) => ({
      enterpriseId: r.enterprise_id,
      name: r.name,
      creditCode: r.credit_code,
      districtCode: r.district_code,
      districtName: nameOf(r.district_code) ?? r.district_code,
      tiers: r.tiers ? r.tiers.split(',') : [],
      production: r.production,
      capacityPct: r.capacity_pct,
      materialDays: Number(r.material_days),
      logisticsBlocked: r.logistics_blocked === 1,
      staffOnSite: r.staff_on_site,
      staffClosedLoop: r.staff_closed_loop,
      appealId: r.appeal_id,
      taskId: r.task_id,
    })),
    missing: missing.map((m) => ({ id: m.id, name: m.name, creditCode: m.credit_code, districtCode: m.district_code })),
  };
}

/**
 * The liaison's view: their enterprises' open tasks (overdue first), enterprises that have not
 * reported today, and their enterprises' appeals that are overdue.
 */
export async function liaisonView(ctx: Ctx, actor: Actor, now = nowIso(), cadreIdIn?: number) {
  const link = await accountOf(ctx.db.k, actor.username);
  let cadreId = link?.cadre_id ?? null;
  if (cadreIdIn !== undefined) {
    requirePermission(actor, 'enterprises:read');
    cadreId = cadreIdIn;
  } else if (cadreId === null) requirePermission(actor, 'enterprises:read');
  const day = localDay(now);
  // A cadre sees their own enterprises wherever they are; staff looking at a cadre (or at all
  // cadres) see the enterprises of their own area only.
  const area = link?.cadre_id === cadreId && cadreId !== null ? undefined : (scopePrefix(actor.scope) ?? '-');
  const tasks = await tasksOfCadre(ctx.db.k, cadreId, true, area);
  const missing = await missingReports(ctx.db.k, day, cadreId, area);
  let overdue: ReturnType<typeof appealView>[] = [];
  if (cadreId !== null) {
    const ents = await enterpriseIdsOfCadre(ctx.db.k, cadreId, area ?? '');
    overdue = (await listAppeals(ctx.db.k, { overdueAt: now, enterpriseIds: ents }, 0, 200, ctx.db.dialect)).rows.map(
      (a) => appealView(a, now),
    );
  }
  return {
    cadreId,
    day,
    tasks: tasks.map((t) => ({
      id: t.id,
      enterpriseId: t.enterprise_id,
      enterprise: t.name,
      title: t.title,
      dueAt: t.due_at,
      overdue: t.due_at < now,
    })),
    missingReports: missing.map((m) => ({ id: m.id, name: m.name, creditCode: m.credit_code })),
    overdueAppeals: overdue,
  };
}

/** Closes a liaison task with what was done. */
export async function closeTask(ctx: Ctx, actor: Actor, id: number, note: string) {
  requirePermission(actor, 'enterprises:report');
  const t = await taskById(ctx.db.k, id);
  if (!t) throw new AppError(AppealErrors.TASK_NOT_FOUND, { id });
  const link = await accountOf(ctx.db.k, actor.username);
  if (!permissionsOf(actor.role).includes('enterprises:write') && link?.cadre_id !== t.cadre_id)
    throw new AppError(AppealErrors.REPORT_NOT_YOURS);
  const now = nowIso();
  await ctx.db.k.transaction().execute(async (trx) => {
    await closeTaskRow(trx, id, now, note);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'liaison-task-closed',
      entity: 'liaison-task',
      entityId: id,
      detail: {},
    });
  });
  return { id, closedAt: now };
}
