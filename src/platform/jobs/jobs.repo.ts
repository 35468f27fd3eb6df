import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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

/** When the latest run of a job started (machine time, ISO), or null if it never ran. */
export async function lastStarted(db: Db, name: string): Promise<string | null> {
  const row = await db.k
    .selectFrom('job_runs')
    .select('started_at')
    .where('name', '=', name)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.started_at ?? null;
}

// The advisory lock key of a job: its name hashed into PostgreSQL's bigint key space, beside the
// migrator's and the audit chain's fixed keys.
function lockKey(name: string): string {
  return createHash('sha256').update(`banyan-job:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * Runs `fn` only if no other process on the database is running the job `name`: on PostgreSQL a
 * transaction-scoped advisory lock is tried (never waited for) on one pooled connection and held
 * while `fn` runs on the others; false when another process holds it. The embedded database has
 * one server process, so `fn` simply runs.
 */
export async function withJobLock(db: Db, name: string, fn: () => Promise<void>): Promise<boolean> {
  if (db.dialect !== 'postgres') {
    await fn();
    return true;
  }
  return db.k.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      got: boolean;
    }>`select pg_try_advisory_xact_lock(${lockKey(name)}::bigint) as got`.execute(trx);
    if (!rows[0]?.got) return false;
    await fn();
    return true;
  });
}
