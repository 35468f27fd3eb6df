import type { Executor } from '../platform/audit/audit.repo.ts';
import './economy.tables.ts';

// Well under both databases' bound-parameter limits; a firm has a handful of accounts.
const KEYS = 500;

/** The account flags raised for some accounts up to a day, newest first, at most `limit`. */
export async function accountFlagsOf(db: Executor, accounts: string[], to: string, limit: number) {
  if (!accounts.length) return [];
  const rows = await db
    .selectFrom('power_flags')
    .select(['day', 'subject', 'rule', 'kwh', 'baseline', 'share', 'threshold', 'days', 'task_id'])
    .where('kind', '=', 'account')
    .where('subject', 'in', accounts.slice(0, KEYS))
    .where('day', '<=', to)
    .orderBy('day', 'desc')
    .orderBy('subject')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    kwh: Number(r.kwh),
    baseline: Number(r.baseline),
    share: Number(r.share),
    threshold: Number(r.threshold),
    days: Number(r.days),
    task_id: r.task_id === null ? null : Number(r.task_id),
  }));
}
