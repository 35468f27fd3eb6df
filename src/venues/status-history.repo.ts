import type { Insertable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { VenueStatusChangeRow } from './status-history.tables.ts';
import './status-history.tables.ts';

export type StatusChange = Omit<Insertable<VenueStatusChangeRow>, 'id'>;

/** Records venues' status changes (in the transaction that makes them), in chunks. */
export async function insertStatusChanges(trx: Executor, rows: StatusChange[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('venue_status_changes')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** One venue's status changes, by the moment each holds from (ties in the order written). */
export async function statusChangesOf(k: Executor, venueId: number) {
  return k
    .selectFrom('venue_status_changes')
    .select(['since', 'status', 'notice_no', 'previous_status', 'previous_notice_no'])
    .where('venue_id', '=', venueId)
    .orderBy('since')
    .orderBy('id')
    .execute();
}

/** The moment each of these venues' latest recorded change holds from (venues with none are absent). */
export async function latestChangeOf(k: Executor, venueIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < venueIds.length; i += 500) {
    const rows = await k
      .selectFrom('venue_status_changes')
      .select((e) => ['venue_id', e.fn.max('since').as('since')])
      .where('venue_id', 'in', venueIds.slice(i, i + 500))
      .groupBy('venue_id')
      .execute();
    for (const r of rows) out.set(Number(r.venue_id), String(r.since));
  }
  return out;
}

/**
 * The moment a change holds from for each venue: `since`, but never before the venue's last
 * recorded change (a notice dated back to its day must not slip under a later change, nor a
 * change under a clock set back), so the changes read in their order.
 */
export async function changesSince(trx: Executor, ids: number[], since: string): Promise<(id: number) => string> {
  const latest = await latestChangeOf(trx, ids);
  return (id) => {
    const last = latest.get(id);
    return last !== undefined && last > since ? last : since;
  };
}
