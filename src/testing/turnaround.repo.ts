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

const TUBE_TIMES = [
  'code',
  'campaign_id',
  'round',
  'district_code',
  'first_sampled_at',
  'received_at',
  'resulted_at',
  'lab_code',
  'receiving_lab',
] as const;

/**
 * Tubes of a campaign with a time after an instant (sampled, received or resulted later): what the
 * kept counts hold that had not happened yet. Three range searches, one index each (tubes_resulted,
 * tubes_waiting, tubes_received_open): one query with an OR reads every tube of the campaign.
 */
export async function tubesAfter(db: Db, campaignId: number, asOf: string, district?: string) {
  const base = () => {
    const q = db.k
      .selectFrom('tubes')
      .select([...TUBE_TIMES])
      .where('campaign_id', '=', campaignId);
    return district ? q.where('district_code', '=', district) : q;
  };
  const found = await Promise.all([
    base().where('resulted_at', 'is not', null).where('resulted_at', '>', asOf).execute(),
    base().where('resulted_at', 'is', null).where('first_sampled_at', '>', asOf).execute(),
    base()
      .where('resulted_at', 'is', null)
      .where('received_at', 'is not', null)
      .where('received_at', '>', asOf)
      .execute(),
  ]);
  // a tube sampled and received after the instant is found twice
  return [...new Map(found.flat().map((t) => [t.code, t])).values()];
}
