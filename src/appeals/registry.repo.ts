import type { Executor } from '../platform/audit/audit.repo.ts';
import './appeals.tables.ts';

// The screens' extra reads (enterprise page, liaison desk, whitelist breakdown). Kept apart from appeals.repo.ts, whose list and dashboard queries are tuned for volume.

const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) });

/** The latest daily reports of one enterprise, newest first. */
export async function reportsOfEnterprise(db: Executor, enterpriseId: number, limit: number) {
  const rows = await db
    .selectFrom('whitelist_reports')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('day', 'desc')
    .limit(limit)
    .execute();
  return rows.map(num);
}

/** The reports of some enterprises on one day. */
export async function reportsOn(db: Executor, enterpriseIds: number[], day: string) {
  if (!enterpriseIds.length) return [];
  const rows = await db
    .selectFrom('whitelist_reports')
    .selectAll()
    .where('enterprise_id', 'in', enterpriseIds)
    .where('day', '=', day)
    .execute();
  return rows.map(num);
}

/** The open liaison tasks of one enterprise, soonest due first. */
export async function openTasksOfEnterprise(db: Executor, enterpriseId: number) {
  const rows = await db
    .selectFrom('liaison_tasks')
    .select(['id', 'title', 'due_at', 'created_at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('closed_at', 'is', null)
    .orderBy('due_at')
    .limit(50)
    .execute();
  return rows.map(num);
}

/** Every whitelisted enterprise of an area (the population the status board counts). */
export async function whitelistedEnterprises(db: Executor, areaPrefix?: string) {
  let q = db
    .selectFrom('enterprises')
    .select(['id', 'name', 'credit_code', 'district_code', 'tiers', 'liaison_cadre_id'])
    .where('whitelisted', '=', 1);
  if (areaPrefix) q = q.where('district_code', 'like', `${areaPrefix}%`);
  return (await q.orderBy('district_code').orderBy('name').limit(20_000).execute()).map(num);
}

/** The latest day with any whitelist report on or before a day (null when none). */
export async function latestReportDay(db: Executor, onOrBefore: string): Promise<string | null> {
  const r = await db
    .selectFrom('whitelist_reports')
    .select((e) => e.fn.max('day').as('day'))
    .where('day', '<=', onOrBefore)
    .executeTakeFirst();
  return r?.day ? String(r.day) : null;
}
