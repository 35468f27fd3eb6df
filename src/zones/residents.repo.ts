import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import './zones.tables.ts';
import '../people/people.tables.ts';

/** Records people as residents of a zone (already recorded ones are kept). */
export async function addZoneResidents(trx: Executor, zoneId: number, personIds: number[]): Promise<void> {
  for (let i = 0; i < personIds.length; i += 500)
    await trx
      .insertInto('zone_residents')
      .values(personIds.slice(i, i + 500).map((person_id) => ({ zone_id: zoneId, person_id })))
      .onConflict((oc) => oc.columns(['zone_id', 'person_id']).doNothing())
      .execute();
}

/** Which of these persons are recorded residents of the zone already. */
export async function residentsAmong(trx: Executor, zoneId: number, personIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await trx
      .selectFrom('zone_residents')
      .select('person_id')
      .where('zone_id', '=', zoneId)
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(Number(r.person_id));
  }
  return out;
}

/** A page of a zone's residents with their masked identity, and how many there are. */
export async function zoneResidentsPage(db: Db, zoneId: number, offset: number, limit: number) {
  const [rows, total] = await Promise.all([
    db.k
      .selectFrom('zone_residents as r')
      .innerJoin('persons as p', 'p.id', 'r.person_id')
      .select(['p.id', 'p.id_masked', 'p.name_masked', 'p.community_code'])
      .where('r.zone_id', '=', zoneId)
      .orderBy('p.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    db.k
      .selectFrom('zone_residents')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('zone_id', '=', zoneId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      personId: Number(r.id),
      idNumberMasked: r.id_masked,
      nameMasked: r.name_masked,
      communityCode: r.community_code,
    })),
  };
}

/** The residents of some zones. */
export async function residentsOfZones(
  db: Db,
  zoneIds: number[],
): Promise<Array<{ zoneId: number; personId: number }>> {
  const out: Array<{ zoneId: number; personId: number }> = [];
  for (let i = 0; i < zoneIds.length; i += 500) {
    const rows = await db.k
      .selectFrom('zone_residents')
      .select(['zone_id', 'person_id'])
      .where('zone_id', 'in', zoneIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.push({ zoneId: Number(r.zone_id), personId: Number(r.person_id) });
  }
  return out;
}
