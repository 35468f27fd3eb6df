import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import './testing.tables.ts';

const CHUNK = 500;

/** Marks tubes received by a lab, leaving any tube already received as it was; returns how many changed. */
export async function markReceived(trx: Executor, codes: string[], lab: string, at: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < codes.length; i += CHUNK) {
    const r = await trx
      .updateTable('tubes')
      .set({ received_at: at, receiving_lab: lab })
      .where('code', 'in', codes.slice(i, i + CHUNK))
      .where('received_at', 'is', null)
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** The times of every tube of a campaign (optionally one round, one district) for turnaround figures. */
export async function turnaroundRows(db: Db, campaignId: number, f: { round?: number; district?: string }) {
  let q = db.k
    .selectFrom('tubes')
    .select(['round', 'first_sampled_at', 'received_at', 'resulted_at', 'lab_code', 'receiving_lab'])
    .where('campaign_id', '=', campaignId);
  if (f.round !== undefined) q = q.where('round', '=', f.round);
  if (f.district) q = q.where('district_code', '=', f.district);
  return q.execute();
}
