import { sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { CountKey } from './turnaround.rules.ts';
import './testing.tables.ts';

const KEY = ['campaign_id', 'round', 'district_code', 'lab', 'measure', 'r', 'c'] as const;

/** Adds changes to the kept turnaround counts (in the transaction that changed the tubes). */
export async function applyCounts(trx: Executor, rows: Array<CountKey & { n: number }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('turnaround_counts')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({ n: eb('turnaround_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
}

/** A campaign's kept counts per round, lab, measure and duration (optionally one district). */
export async function keptCounts(db: Db, campaignId: number, district?: string) {
  let q = db.k
    .selectFrom('turnaround_counts')
    .select((e) => ['round', 'lab', 'measure', 'r', 'c', e.fn.sum<number>('n').as('n')])
    .where('campaign_id', '=', campaignId);
  if (district) q = q.where('district_code', '=', district);
  const rows = await q.groupBy(['round', 'lab', 'measure', 'r', 'c']).execute();
  return rows
    .map((x) => ({ ...x, round: Number(x.round), r: Number(x.r), c: Number(x.c), n: Number(x.n) }))
    .filter((x) => x.n !== 0);
}

/** Tubes of a campaign without a result, sampled before an instant, per round and lab (a partial index holds just these). */
export async function waitingBefore(db: Db, campaignId: number, beforeIso: string, district?: string) {
  let q = db.k
    .selectFrom('tubes')
    .select((e) => [
      'round',
      sql<string>`coalesce(lab_code, receiving_lab, '')`.as('lab'),
      e.fn.countAll<number>().as('n'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('resulted_at', 'is', null)
    .where('first_sampled_at', '<', beforeIso);
  if (district) q = q.where('district_code', '=', district);
  const rows = await q.groupBy(['round', sql`coalesce(lab_code, receiving_lab, '')`]).execute();
  return rows.map((x) => ({ round: Number(x.round), lab: x.lab, n: Number(x.n) }));
}
