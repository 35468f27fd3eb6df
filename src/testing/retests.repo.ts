import type { Insertable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import { chunked } from './testing.repo.ts';
import type { RetestTaskRow } from './testing.tables.ts';
import './testing.tables.ts';

// Retest and resample tasks: what a positive pool or an invalid tube asks of its members.

const CHUNK = 500;

/** Creates retest or resample tasks. */
export async function insertTasks(trx: Executor, rows: Insertable<RetestTaskRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('retest_tasks')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Open tasks of some people. */
export async function openTasksOf(trx: Executor, personIds: number[]) {
  return chunked(personIds, CHUNK, (part) =>
    trx.selectFrom('retest_tasks').selectAll().where('person_id', 'in', part).where('done_at', 'is', null).execute(),
  );
}

/** Marks tasks done with an outcome. */
export async function closeTasks(trx: Executor, ids: number[], at: string, outcome: string): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK)
    await trx
      .updateTable('retest_tasks')
      .set({ done_at: at, outcome })
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
}

/** Pools with retests still open, among some pools. */
export async function poolsStillOpen(trx: Executor, pools: string[]): Promise<Set<string>> {
  const rows = await chunked(pools, CHUNK, (part) =>
    trx
      .selectFrom('retest_tasks')
      .select('pool_tube')
      .where('pool_tube', 'in', part)
      .where('done_at', 'is', null)
      .execute(),
  );
  return new Set(rows.map((r) => r.pool_tube));
}

/** Tasks of a pool (the retest story of a positive pool). */
export async function tasksOfPool(db: Db, pool: string) {
  return db.k.selectFrom('retest_tasks').selectAll().where('pool_tube', '=', pool).orderBy('id').execute();
}

/**
 * Tasks open at `asOf` in a district or community: made by then and not yet done then (nothing
 * after the business clock: a demo's or a replay's records run past it).
 */
export async function openTasks(db: Db, f: { district?: string; community?: string }, asOf: string, limit = 1000) {
  let q = db.k
    .selectFrom('retest_tasks')
    .selectAll()
    .where('created_at', '<=', asOf)
    .where((e) => e.or([e('done_at', 'is', null), e('done_at', '>', asOf)]));
  if (f.district) q = q.where('district_code', '=', f.district);
  if (f.community) q = q.where('community_code', '=', f.community);
  return q.orderBy('created_at').limit(limit).execute();
}
