import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { PolicyRow } from './policy.tables.ts';
import './policy.tables.ts';

/** Every version, oldest first. */
export async function allPolicies(db: Db): Promise<PolicyRow[]> {
  return db.k.selectFrom('policy_versions').selectAll().orderBy('effective_from').execute();
}

/** One version by id. */
export async function findPolicy(db: Db | Executor, id: string): Promise<PolicyRow | undefined> {
  const k = 'k' in db ? db.k : db;
  return k.selectFrom('policy_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts or replaces a version. */
export async function savePolicy(trx: Executor, row: PolicyRow): Promise<void> {
  await trx
    .insertInto('policy_versions')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...row }))
    .execute();
}
