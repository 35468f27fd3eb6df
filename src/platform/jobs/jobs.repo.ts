import type { Db } from '../db/db.ts';
import './jobs.tables.ts';

/** Whether a job already ran successfully for a day. */
export async function ranOn(db: Db, name: string, day: string): Promise<boolean> {
  return !!(await db.k
    .selectFrom('job_runs')
    .select('id')
    .where('name', '=', name)
    .where('day', '=', day)
    .where('ok', '=', 1)
    .executeTakeFirst());
}

/** Records one run. */
export async function insertRun(
  db: Db,
  row: { name: string; day: string; started_at: string; finished_at: string; ok: number; summary: string },
): Promise<void> {
  await db.k.insertInto('job_runs').values(row).execute();
}

/** The latest runs, newest first. */
export async function latestRuns(db: Db, limit: number) {
  return db.k.selectFrom('job_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
