import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { PolicyDraftRow } from './policy.tables.ts';
import './policy.tables.ts';

/** Every draft, newest first. */
export async function allDrafts(db: Db): Promise<PolicyDraftRow[]> {
  return db.k.selectFrom('policy_drafts').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

/** One draft by id. */
export async function findDraft(db: Db | Executor, id: string): Promise<PolicyDraftRow | undefined> {
  const k = 'k' in db ? db.k : db;
  return k.selectFrom('policy_drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds a draft. */
export async function insertDraft(trx: Executor, row: PolicyDraftRow): Promise<void> {
  await trx.insertInto('policy_drafts').values(row).execute();
}

/** Changes a draft's fields. */
export async function updateDraft(trx: Executor, id: string, set: Partial<PolicyDraftRow>): Promise<void> {
  await trx.updateTable('policy_drafts').set(set).where('id', '=', id).execute();
}
