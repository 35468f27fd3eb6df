import { sql } from 'kysely';
import type { Db } from '../platform/db/db.ts';
import './testing.tables.ts';

/**
 * Samples of a campaign round by sampling hour and result hour, as known at `upTo` (an ISO instant,
 * the business now): samples taken later are left out and results given later count as none yet.
 * With an area prefix, only those taken at sites inside it: progress is read per jurisdiction like
 * coverage, never city-wide for a district.
 */
export async function progressRows(db: Db, campaignId: number, round: number, upTo: string, areaPrefix?: string) {
  const resultedHour = sql<string | null>`case when t.resulted_at <= ${upTo} then substr(t.resulted_at, 1, 13) end`;
  let q = db.k
    .selectFrom('samples as s')
    .innerJoin('tubes as t', 't.code', 's.tube_code')
    .select((e) => [
      sql<string>`substr(s.sampled_at, 1, 13)`.as('sampled_hour'),
      resultedHour.as('resulted_hour'),
      e.fn.countAll<number>().as('n'),
    ])
    .where('t.campaign_id', '=', campaignId)
    .where('t.round', '=', round)
    .where('s.sampled_at', '<=', upTo);
  if (areaPrefix)
    q = q.where('t.site_code', 'in', (sub) =>
      sub.selectFrom('sampling_sites').select('code').where('community_code', 'like', `${areaPrefix}%`),
    );
  // By position: PostgreSQL does not match the select's bound parameter with a repeated one.
  const rows = await q.groupBy([sql`1`, sql`2`]).execute();
  return rows.map((r) => ({ sampledHour: r.sampled_hour, resultedHour: r.resulted_hour, n: Number(r.n) }));
}

/** Samples a campaign has taken in its rounds up to and including one. */
export async function campaignSamples(db: Db, campaignId: number, lastRound: number): Promise<number> {
  const row = await db.k
    .selectFrom('samples as s')
    .innerJoin('tubes as t', 't.code', 's.tube_code')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('t.campaign_id', '=', campaignId)
    .where('t.round', '<=', lastRound)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
