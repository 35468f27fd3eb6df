import type { Db } from '../platform/db/db.ts';
import '../cases/cases.tables.ts';
import '../people/people.tables.ts';
import '../testing/testing.tables.ts';
import '../venues/venues.tables.ts';

/** A case by id, or by case number when `no` is given. */
export async function caseRow(db: Db, by: { id?: number; no?: string }) {
  let q = db.k.selectFrom('cases').select(['id', 'case_no', 'kind', 'reported_on', 'person_id', 'district_code']);
  q = by.id !== undefined ? q.where('id', '=', by.id) : q.where('case_no', '=', by.no ?? '');
  const r = await q.executeTakeFirst();
  return r && { ...r, id: Number(r.id), person_id: r.person_id === null ? null : Number(r.person_id) };
}

/** The earliest positive sampling time of a person between two instants (ISO), if any. */
export async function firstPositiveSampling(db: Db, personId: number, from: string, to: string) {
  const r = await db.k
    .selectFrom('samples as s')
    .innerJoin('tubes as t', 't.code', 's.tube_code')
    .select((e) => e.fn.min('s.sampled_at').as('at'))
    .where('s.person_id', '=', personId)
    .where('t.result', '=', 'positive')
    .where('s.sampled_at', '>=', from)
    .where('s.sampled_at', '<=', to)
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

/** A person's scans in a window; `days` bounds it by the day index (scans have no person index). */
export async function scansOfPerson(db: Db, personId: number, from: string, to: string, days: string[]) {
  return db.k
    .selectFrom('scans')
    .select(['venue_id', 'at'])
    .where('day', 'in', days)
    .where('person_id', '=', personId)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .orderBy('at')
    .execute();
}

/**
 * Who scanned at a venue between two instants (ISO); unidentified paper lines have no person.
 * `days` (the window's Beijing days) lets PostgreSQL read only those days' partitions.
 */
export async function scansAtVenue(db: Db, venueId: number, from: string, to: string, days: string[]) {
  return db.k
    .selectFrom('scans')
    .select(['person_id', 'at'])
    .where('day', 'in', days)
    .where('venue_id', '=', venueId)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .execute();
}

/** Some scans of a day in a stable order (the demo places its cases among them). */
export async function scansOfDay(db: Db, day: string, limit: number) {
  return db.k
    .selectFrom('scans')
    .select(['venue_id', 'at', 'person_id'])
    .where('day', '=', day)
    .where('person_id', 'is not', null)
    .orderBy('at')
    .orderBy('venue_id')
    .orderBy('person_id')
    .limit(limit)
    .execute();
}

/** Persons of a district in id order, a page at a time, with their community (the demo picks among them). */
export async function personsOfDistrict(db: Db, district: string, offset: number, limit: number) {
  const rows = await db.k
    .selectFrom('persons')
    .select(['id', 'community_code'])
    .where('district_code', '=', district)
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), community: r.community_code }));
}

/** Local cases reported in a span of days that are registered persons, by case number. */
export async function casesReported(db: Db, from: string, to: string) {
  const rows = await db.k
    .selectFrom('cases')
    .select(['id', 'case_no', 'person_id', 'district_code'])
    .where('reported_on', '>=', from)
    .where('reported_on', '<=', to)
    .where('origin', '=', 'local')
    .where('person_id', 'is not', null)
    .orderBy('case_no')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    caseNo: r.case_no,
    personId: Number(r.person_id),
    district: r.district_code,
  }));
}
