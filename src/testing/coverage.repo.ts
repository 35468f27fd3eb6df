import type { Db } from '../platform/db/db.ts';
import './testing.tables.ts';
import '../zones/zones.tables.ts';

/**
 * Coverage of a round per zone: the zone's recorded residents, and how many of them were sampled,
 * resulted and positive. Zones of the area (a division code prefix) only.
 */
export async function zoneCoverageRows(db: Db, campaignId: number, round: number, prefix?: string) {
  let pop = db.k
    .selectFrom('zones as z')
    .innerJoin('zone_residents as r', 'r.zone_id', 'z.id')
    .select((e) => ['z.code', 'z.name', 'z.community_code', 'z.level', 'z.status', e.fn.countAll<number>().as('n')]);
  if (prefix) pop = pop.where('z.community_code', 'like', `${prefix}%`);
  let sampled = db.k
    .selectFrom('zone_residents as r')
    .innerJoin('zones as z', 'z.id', 'r.zone_id')
    .innerJoin('samples as s', 's.person_id', 'r.person_id')
    .innerJoin('tubes as t', 't.code', 's.tube_code')
    .select((e) => [
      'z.code',
      e.fn.count<number>('s.person_id').distinct().as('sampled'),
      e.fn
        .count<number>(e.case().when('t.result', 'is not', null).then(e.ref('s.person_id')).end())
        .distinct()
        .as('resulted'),
      e.fn
        .count<number>(e.case().when('t.result', '=', 'positive').then(e.ref('s.person_id')).end())
        .distinct()
        .as('positive'),
    ])
    .where('t.campaign_id', '=', campaignId)
    .where('t.round', '=', round);
  if (prefix) sampled = sampled.where('z.community_code', 'like', `${prefix}%`);
  const [p, s] = await Promise.all([
    pop.groupBy(['z.code', 'z.name', 'z.community_code', 'z.level', 'z.status']).execute(),
    sampled.groupBy('z.code').execute(),
  ]);
  const by = new Map(s.map((r) => [r.code, r]));
  return p.map((r) => ({
    code: r.code,
    name: r.name,
    communityCode: r.community_code,
    level: r.level,
    status: r.status,
    population: Number(r.n),
    sampled: Number(by.get(r.code)?.sampled ?? 0),
    resulted: Number(by.get(r.code)?.resulted ?? 0),
    positive: Number(by.get(r.code)?.positive ?? 0),
  }));
}
