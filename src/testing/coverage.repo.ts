import type { Db } from '../platform/db/db.ts';
import './testing.tables.ts';
import '../people/people.tables.ts';
import '../zones/zones.tables.ts';

/** What coverage is counted by: a division level of the residents' address, or the zones they live in. */
export type CoverageBy = 'district_code' | 'street_code' | 'community_code' | 'zone';

// Who belongs to which unit: every resident to their division, or a zone's recorded residents —
// only those living inside the campaign's areas: a campaign over two streets of a district is not
// owed a swab by the district's other residents, so they are neither its population nor missing.
function members(db: Db, by: CoverageBy, areas: string[], prefix?: string) {
  if (by === 'zone') {
    let q = db.k
      .selectFrom('zone_residents as r')
      .innerJoin('zones as z', 'z.id', 'r.zone_id')
      .select(['r.person_id as person_id', 'z.code as code'])
      .where((e) => e.or(areas.map((a) => e('z.community_code', 'like', `${a}%`))));
    if (prefix) q = q.where('z.community_code', 'like', `${prefix}%`);
    return q.as('m');
  }
  let q = db.k
    .selectFrom('persons')
    .select(['id as person_id', `${by} as code`])
    .where((e) => e.or(areas.map((a) => e('community_code', 'like', `${a}%`))));
  if (prefix) q = q.where('community_code', 'like', `${prefix}%`);
  return q.as('m');
}

/**
 * Coverage of one campaign round per unit (division or zone) within an area prefix: members living
 * in the campaign's areas, and how many of them were sampled, resulted and confirmed positive by
 * `asOf` (an ISO instant in UTC, as sampled_at and resulted_at are stored): nothing after the clock.
 */
export async function coverageRows(
  db: Db,
  campaignId: number,
  round: number,
  by: CoverageBy,
  areas: string[],
  prefix: string | undefined,
  asOf: string,
) {
  if (!areas.length) return [];
  const pop = db.k
    .selectFrom(members(db, by, areas, prefix))
    .select((e) => ['m.code', e.fn.countAll<number>().as('n')])
    .groupBy('m.code');
  const sampled = db.k
    .selectFrom(members(db, by, areas, prefix))
    .innerJoin('samples as s', 's.person_id', 'm.person_id')
    .innerJoin('tubes as t', 't.code', 's.tube_code')
    .select((e) => [
      'm.code',
      e.fn.count<number>('s.person_id').distinct().as('sampled'),
      e.fn
        .count<number>(
          e
            .case()
            .when(e.and([e('t.result', 'is not', null), e('t.resulted_at', '<=', asOf)]))
            .then(e.ref('s.person_id'))
            .end(),
        )
        .distinct()
        .as('resulted'),
      // Positive means confirmed (RULES.md): a positive single tube, or a pool member whose
      // single-tube retest came back positive. The other members of a positive pool are yellow
      // for 12 h and then green — they are not positives.
      e.fn
        .count<number>(
          e
            .case()
            .when(
              e.and([
                e('t.result', '=', 'positive'),
                e('t.resulted_at', '<=', asOf),
                e.or([
                  e('t.pool_size', '=', 1),
                  e.exists(
                    e
                      .selectFrom('retest_tasks as rt')
                      .select('rt.id')
                      .whereRef('rt.pool_tube', '=', 't.code')
                      .whereRef('rt.person_id', '=', 's.person_id')
                      .where('rt.outcome', '=', 'positive'),
                  ),
                ]),
              ]),
            )
            .then(e.ref('s.person_id'))
            .end(),
        )
        .distinct()
        .as('positive'),
    ])
    .where('t.campaign_id', '=', campaignId)
    .where('t.round', '=', round)
    .where('s.sampled_at', '<=', asOf)
    .groupBy('m.code');
  const [p, s] = await Promise.all([pop.execute(), sampled.execute()]);
  const counted = new Map(s.map((r) => [String(r.code), r]));
  return p.map((r) => {
    const x = counted.get(String(r.code));
    return {
      code: String(r.code),
      population: Number(r.n),
      sampled: Number(x?.sampled ?? 0),
      resulted: Number(x?.resulted ?? 0),
      positive: Number(x?.positive ?? 0),
    };
  });
}

/** Name, community, level and status of the zones in an area (the zone coverage rows show them). */
export async function zoneFacts(db: Db, prefix?: string) {
  let q = db.k.selectFrom('zones').select(['code', 'name', 'community_code', 'level', 'status']);
  if (prefix) q = q.where('community_code', 'like', `${prefix}%`);
  return q.execute();
}

/**
 * People of a division not sampled in a campaign round by `asOf` (for the task force to visit): as
 * coverage counts them, so a swab after the business clock does not take a person off the list.
 */
export async function unsampled(
  db: Db,
  campaignId: number,
  round: number,
  communityCode: string,
  limit: number,
  asOf: string,
) {
  return db.k
    .selectFrom('persons as p')
    .select(['p.id', 'p.id_masked', 'p.name_masked', 'p.phone_masked', 'p.community_code'])
    .where('p.community_code', '=', communityCode)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('samples as s')
            .innerJoin('tubes as t', 't.code', 's.tube_code')
            .select('s.person_id')
            .whereRef('s.person_id', '=', 'p.id')
            .where('t.campaign_id', '=', campaignId)
            .where('t.round', '=', round)
            .where('s.sampled_at', '<=', asOf),
        ),
      ),
    )
    .orderBy('p.id')
    .limit(limit)
    .execute();
}
