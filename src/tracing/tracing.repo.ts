import type { Insertable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { RiskMarkRow } from './tracing.tables.ts';
import './tracing.tables.ts';
import '../cases/cases.tables.ts';
import '../people/people.tables.ts';
import '../testing/testing.tables.ts';
import '../venues/venues.tables.ts';

const CHUNK = 500;
const k = (db: Db | Executor) => ('k' in db ? db.k : db);

/** Inserts marks; one already recorded (same person, kind and moment) is kept. Returns the new ids. */
export async function insertMarks(trx: Executor, rows: Insertable<RiskMarkRow>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const out = await trx
      .insertInto('risk_marks')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['person_id', 'kind', 'since']).doNothing())
      .returning('id')
      .execute();
    ids.push(...out.map((r) => Number(r.id)));
  }
  return ids;
}

/** Every active mark with its index case number (few: the colour state keeps them in memory). */
export async function activeMarkRows(db: Db) {
  const rows = await db.k
    .selectFrom('risk_marks as m')
    .leftJoin('cases as c', 'c.id', 'm.index_case_id')
    .select(['m.id', 'm.person_id', 'm.kind', 'm.since', 'm.zone_code', 'm.origin', 'c.case_no'])
    .where('m.status', '=', 'active')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), person_id: Number(r.person_id) }));
}

/** A person's marks as they stood at an instant: begun by then and not closed before it. */
export async function markRowsOfPersonAt(db: Db, personId: number, at: string) {
  const rows = await db.k
    .selectFrom('risk_marks as m')
    .leftJoin('cases as c', 'c.id', 'm.index_case_id')
    .select(['m.id', 'm.kind', 'm.since', 'm.zone_code', 'm.origin', 'c.case_no'])
    .where('m.person_id', '=', personId)
    .where('m.since', '<=', at)
    .where((e) => e.or([e('m.closed_at', 'is', null), e('m.closed_at', '>', at)]))
    .where('m.status', '!=', 'withdrawn')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Every mark in effect at `at` (begun by then, not closed by then, not withdrawn), by person and id. */
export async function markRowsAt(db: Db, at: string) {
  const rows = await db.k
    .selectFrom('risk_marks as m')
    .leftJoin('cases as c', 'c.id', 'm.index_case_id')
    .select(['m.id', 'm.person_id', 'm.kind', 'm.since', 'm.zone_code', 'm.origin', 'c.case_no'])
    .where('m.since', '<=', at)
    .where((e) => e.or([e('m.closed_at', 'is', null), e('m.closed_at', '>', at)]))
    .where('m.status', '!=', 'withdrawn')
    .orderBy('m.person_id')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), person_id: Number(r.person_id) }));
}

/** Negative sampling times of some persons sampled at or after `since` (ISO), per person. */
export async function negativesSince(db: Db, personIds: number[], since: string): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db.k
      .selectFrom('samples as s')
      .innerJoin('tubes as t', 't.code', 's.tube_code')
      .select(['s.person_id', 's.sampled_at'])
      .where('s.person_id', 'in', personIds.slice(i, i + CHUNK))
      .where('t.result', '=', 'negative')
      .where('s.sampled_at', '>=', since)
      .execute();
    for (const r of rows) {
      const id = Number(r.person_id);
      out.set(id, [...(out.get(id) ?? []), Date.parse(r.sampled_at)]);
    }
  }
  return out;
}

/** One mark with its person's division (for scope checks). */
export async function markById(db: Db | Executor, id: number) {
  const r = await k(db)
    .selectFrom('risk_marks as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .selectAll('m')
    .select('p.community_code')
    .where('m.id', '=', id)
    .executeTakeFirst();
  return r && { ...r, id: Number(r.id), person_id: Number(r.person_id) };
}

/** Closes a mark (ended or withdrawn) with who, when and why. */
export async function closeMark(
  trx: Executor,
  id: number,
  patch: Pick<RiskMarkRow, 'status' | 'closed_by' | 'closed_at' | 'close_reason'>,
): Promise<void> {
  await trx.updateTable('risk_marks').set(patch).where('id', '=', id).where('status', '=', 'active').execute();
}

/** A filter of the marks list; `prefix` limits it to persons of a division (the actor's scope). */
export interface MarkFilter {
  prefix: string;
  kind?: string;
  district?: string;
  active?: boolean;
  caseId?: number;
  limit: number;
  offset: number;
}

/** Marks with masked identities, newest first, and the total of the filter. */
export async function listMarkRows(db: Db, f: MarkFilter) {
  let q = db.k
    .selectFrom('risk_marks as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .leftJoin('cases as c', 'c.id', 'm.index_case_id')
    .where('p.community_code', 'like', `${f.prefix}%`);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.district) q = q.where('p.district_code', '=', f.district);
  if (f.active !== undefined) q = q.where('m.status', f.active ? '=' : '!=', 'active');
  if (f.caseId !== undefined) q = q.where('m.index_case_id', '=', f.caseId);
  const total = await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'm.id',
      'm.person_id',
      'm.kind',
      'm.since',
      'm.zone_code',
      'm.origin',
      'm.source',
      'm.note',
      'm.created_by',
      'm.created_at',
      'm.status',
      'm.closed_by',
      'm.closed_at',
      'm.close_reason',
      'c.case_no',
      'p.name_masked',
      'p.id_masked',
      'p.district_code',
      'p.community_code',
    ])
    .orderBy('m.since', 'desc')
    .orderBy('m.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({ ...r, id: Number(r.id), person_id: Number(r.person_id) })),
  };
}

/** Persons by id with their division and masked identity. */
export async function personsBrief(db: Db, ids: number[]) {
  const out: Array<{ id: number; community_code: string; name_masked: string; id_masked: string }> = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.k
      .selectFrom('persons')
      .select(['id', 'community_code', 'name_masked', 'id_masked'])
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    out.push(...rows.map((r) => ({ ...r, id: Number(r.id) })));
  }
  return out;
}

/** Case ids by case number. */
export async function caseIdsByNo(db: Db, nos: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < nos.length; i += CHUNK) {
    const rows = await db.k
      .selectFrom('cases')
      .select(['id', 'case_no'])
      .where('case_no', 'in', nos.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.case_no, Number(r.id));
  }
  return out;
}
