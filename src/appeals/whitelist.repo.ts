import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { LiaisonTaskRow, WhitelistReportRow } from './appeals.tables.ts';
import './appeals.tables.ts';

type WithId<T> = Omit<Selectable<T>, 'id'> & { id: number };
export type StoredTask = WithId<LiaisonTaskRow>;
export type StoredReport = WithId<WhitelistReportRow>;
const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) });

// ---------------------------------------------------------------- whitelist daily reports

/** Inserts an enterprise's daily report and returns its id. */
export async function insertReport(trx: Executor, row: Insertable<WhitelistReportRow>): Promise<number> {
  return Number((await trx.insertInto('whitelist_reports').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

/** An enterprise's report of a day. */
export async function reportOn(db: Executor, enterpriseId: number, day: string): Promise<StoredReport | undefined> {
  const r = await db
    .selectFrom('whitelist_reports')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('day', '=', day)
    .executeTakeFirst();
  return r && num(r);
}

/** Records the appeal or liaison task a report opened. */
export async function linkReport(trx: Executor, id: number, appealId: number | null, taskId: number | null) {
  await trx
    .updateTable('whitelist_reports')
    .set({ appeal_id: appealId, task_id: taskId })
    .where('id', '=', id)
    .execute();
}

/** The reports of a day joined to their enterprise (for the status board). */
export async function reportsOfDay(db: Executor, day: string, areaPrefix?: string) {
  let q = db
    .selectFrom('whitelist_reports as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.id',
      'r.enterprise_id',
      'r.production',
      'r.capacity_pct',
      'r.material_days',
      'r.logistics_blocked',
      'r.staff_on_site',
      'r.staff_closed_loop',
      'r.appeal_id',
      'r.task_id',
      'e.name',
      'e.credit_code',
      'e.district_code',
      'e.tiers',
    ])
    .where('r.day', '=', day);
  if (areaPrefix) q = q.where('e.district_code', 'like', `${areaPrefix}%`);
  return (await q.orderBy('e.district_code').orderBy('e.name').execute()).map(num);
}

/** Whitelisted enterprises of a cadre with no report on a day. */
export async function missingReports(db: Executor, day: string, cadreId: number | null, areaPrefix?: string) {
  let q = db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name', 'e.credit_code', 'e.district_code'])
    .where('e.whitelisted', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('whitelist_reports as r')
            .select('r.id')
            .whereRef('r.enterprise_id', '=', 'e.id')
            .where('r.day', '=', day),
        ),
      ),
    );
  if (cadreId !== null) q = q.where('e.liaison_cadre_id', '=', cadreId);
  if (areaPrefix) q = q.where('e.district_code', 'like', `${areaPrefix}%`);
  return (await q.orderBy('e.name').limit(1000).execute()).map(num);
}

// ---------------------------------------------------------------- liaison tasks

/** Inserts liaison tasks and returns their ids in order. */
export async function insertTasks(trx: Executor, rows: Insertable<LiaisonTaskRow>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const r of rows)
    ids.push(Number((await trx.insertInto('liaison_tasks').values(r).returning('id').executeTakeFirstOrThrow()).id));
  return ids;
}

/** A liaison task by id. */
export async function taskById(db: Executor, id: number): Promise<StoredTask | undefined> {
  const r = await db.selectFrom('liaison_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

/** Closes a liaison task with what was done. */
export async function closeTaskRow(trx: Executor, id: number, at: string, note: string): Promise<void> {
  await trx.updateTable('liaison_tasks').set({ closed_at: at, closing_note: note }).where('id', '=', id).execute();
}

/** A cadre's tasks (every cadre's when null), soonest due first, with the enterprise's name. */
export async function tasksOfCadre(db: Executor, cadreId: number | null, openOnly: boolean, areaPrefix?: string) {
  let q = db
    .selectFrom('liaison_tasks as t')
    .innerJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .select([
      't.id',
      't.enterprise_id',
      't.title',
      't.due_at',
      't.closed_at',
      't.closing_note',
      't.created_at',
      'e.name',
    ])
    .orderBy('t.due_at');
  if (cadreId !== null) q = q.where('t.cadre_id', '=', cadreId);
  if (openOnly) q = q.where('t.closed_at', 'is', null);
  if (areaPrefix) q = q.where('e.district_code', 'like', `${areaPrefix}%`);
  return (await q.limit(1000).execute()).map(num);
}
