import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { Database } from '../platform/db/schema.ts';
import type { CaseEvent } from './cases.rules.ts';
import { FOUND_IN_QUARANTINE, type RecordMetric } from './cases.schema.ts';
import type { CaseCountRow, CaseImportRow, CaseRow } from './cases.tables.ts';
import './cases.tables.ts';

export { personIdsByIndex } from '../people/people.repo.ts';

import '../people/people.tables.ts';

export type StoredCase = Omit<Selectable<CaseRow>, 'id'> & { id: number };
export type NewCase = Insertable<CaseRow>;
type Eb = ExpressionBuilder<Database, 'cases'>;

const CHUNK = 500;
const num = <T extends { id: number | string | bigint }>(r: T) => ({ ...r, id: Number(r.id) });

/** Existing cases by case number (chunked to stay under parameter limits). */
export async function casesByNo(trx: Executor, caseNos: string[]): Promise<Map<string, StoredCase>> {
  const out = new Map<string, StoredCase>();
  for (let i = 0; i < caseNos.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('cases')
      .selectAll()
      .where('case_no', 'in', caseNos.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.case_no, num(r));
  }
  return out;
}

/** Inserts cases in chunks. */
export async function insertCases(trx: Executor, rows: NewCase[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('cases')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Replaces the mutable fields of one case. */
export async function updateCase(trx: Executor, id: number, patch: Partial<NewCase>): Promise<void> {
  await trx.updateTable('cases').set(patch).where('id', '=', id).execute();
}

/** Adds signed deltas to the daily counters (upsert), so figures never need a scan of the cases. */
export async function applyCountDeltas(
  trx: Executor,
  deltas: Map<string, { ev: CaseEvent; n: number }>,
): Promise<void> {
  const rows: CaseCountRow[] = [...deltas.values()]
    .filter((d) => d.n !== 0)
    .map((d) => ({ day: d.ev.day, district_code: d.ev.district, origin: d.ev.origin, metric: d.ev.metric, n: d.n }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('case_counts')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['day', 'district_code', 'origin', 'metric'])
          .doUpdateSet((eb) => ({ n: eb('case_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
}

/** Records an import and returns its id. */
export async function insertImport(trx: Executor, row: Insertable<CaseImportRow>): Promise<number> {
  const r = await trx.insertInto('case_imports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Counter sums per (metric, origin): on `day` and cumulative up to it, optionally for one district. */
export async function totalsAt(db: Db, day: string, district?: string) {
  let q = db.k
    .selectFrom('case_counts')
    .select((eb) => [
      'metric',
      'origin',
      eb.fn.sum<number>(eb.case().when('day', '=', day).then(eb.ref('n')).else(0).end()).as('day_n'),
      eb.fn.sum<number>('n').as('cum_n'),
    ])
    .where('day', '<=', day);
  if (district) q = q.where('district_code', '=', district);
  return (await q.groupBy(['metric', 'origin']).execute()).map((r) => ({
    ...r,
    day_n: Number(r.day_n),
    cum_n: Number(r.cum_n),
  }));
}

/** Like totalsAt, for every district at once. */
export async function totalsByDistrict(db: Db, day: string) {
  const rows = await db.k
    .selectFrom('case_counts')
    .select((eb) => [
      'district_code',
      'metric',
      'origin',
      eb.fn.sum<number>(eb.case().when('day', '=', day).then(eb.ref('n')).else(0).end()).as('day_n'),
      eb.fn.sum<number>('n').as('cum_n'),
    ])
    .where('day', '<=', day)
    .groupBy(['district_code', 'metric', 'origin'])
    .execute();
  return rows.map((r) => ({ ...r, day_n: Number(r.day_n), cum_n: Number(r.cum_n) }));
}

/** Daily counter sums up to `to` (the caller accumulates), optionally for one district. */
export async function dailyCounts(db: Db, to: string, district?: string) {
  let q = db.k
    .selectFrom('case_counts')
    .select((eb) => ['day', 'metric', 'origin', eb.fn.sum<number>('n').as('n')])
    .where('day', '<=', to);
  if (district) q = q.where('district_code', '=', district);
  return (await q.groupBy(['day', 'metric', 'origin']).orderBy('day').execute()).map((r) => ({ ...r, n: Number(r.n) }));
}

/** The SQL form of `caseCounts` in cases.rules.ts: the records behind one figure on one day. */
function metricWhere(eb: Eb, metric: RecordMetric, d: string) {
  const local = eb('origin', '=', 'local');
  const imported = eb('origin', '=', 'imported');
  const direct = eb.and([eb('kind', '=', 'confirmed'), eb('reclassified_on', 'is', null)]);
  const newConfirmed = eb.or([eb.and([direct, eb('reported_on', '=', d)]), eb('reclassified_on', '=', d)]);
  const newAsym = eb.and([eb('reported_on', '=', d), eb.not(direct)]);
  const alive = eb.or([eb('died_on', 'is', null), eb('died_on', '>', d)]);
  const quarantine = eb('detected_via', 'in', [...FOUND_IN_QUARANTINE]);
  // Null-safe on purpose: it is negated below, and NOT (NULL) would drop every unreclassified case.
  const confirmedBy = eb.or([
    eb.and([direct, eb('reported_on', '<=', d)]),
    eb.and([eb('reclassified_on', 'is not', null), eb('reclassified_on', '<=', d)]),
  ]);
  switch (metric) {
    case 'newLocalConfirmed':
      return eb.and([local, newConfirmed]);
    case 'newLocalConfirmedReclassified':
      return eb.and([local, eb('reclassified_on', '=', d)]);
    case 'newLocalAsymptomatic':
      return eb.and([local, newAsym]);
    case 'newImportedConfirmed':
      return eb.and([imported, newConfirmed]);
    case 'newImportedAsymptomatic':
      return eb.and([imported, newAsym]);
    case 'localDischarged':
      return eb.and([local, eb('discharged_on', '=', d)]);
    case 'localReleased':
      return eb.and([local, eb('released_on', '=', d)]);
    case 'importedDischarged':
      return eb.and([imported, eb('discharged_on', '=', d)]);
    case 'importedReleased':
      return eb.and([imported, eb('released_on', '=', d)]);
    case 'deaths':
      return eb('died_on', '=', d);
    case 'hospitalised':
      return eb.and([
        eb('kind', '=', 'confirmed'),
        eb.or([
          eb.and([eb('reclassified_on', 'is', null), eb('reported_on', '<=', d)]),
          eb('reclassified_on', '<=', d),
        ]),
        eb.or([eb('discharged_on', 'is', null), eb('discharged_on', '>', d)]),
        alive,
      ]);
    case 'underObservation':
      return eb.and([
        eb('reported_on', '<=', d),
        eb.or([eb('kind', '=', 'asymptomatic'), eb('reclassified_on', '>', d)]),
        eb.or([eb('released_on', 'is', null), eb('released_on', '>', d)]),
        alive,
      ]);
    case 'foundInQuarantine':
      return eb.and([local, eb('reported_on', '=', d), quarantine]);
    case 'foundInCommunity':
      return eb.and([local, eb('reported_on', '=', d), eb.not(quarantine)]);
    case 'cumulativeLocalConfirmed':
      return eb.and([local, confirmedBy]);
    case 'cumulativeLocalAsymptomatic':
      return eb.and([local, eb('reported_on', '<=', d), eb.not(confirmedBy)]);
    case 'cumulativeImportedConfirmed':
      return eb.and([imported, confirmedBy]);
    case 'cumulativeImportedAsymptomatic':
      return eb.and([imported, eb('reported_on', '<=', d), eb.not(confirmedBy)]);
    case 'cumulativeDischarged':
      return eb('discharged_on', '<=', d);
    case 'cumulativeReleased':
      return eb('released_on', '<=', d);
    case 'cumulativeDeaths':
      return eb('died_on', '<=', d);
  }
}

/** A page of cases, optionally exactly those behind one figure, limited to a district when given. */
export async function listCases(
  db: Db,
  f: { date?: string; metric?: RecordMetric; district?: string; upTo?: string },
  page: { offset: number; limit: number },
): Promise<{ rows: StoredCase[]; total: number }> {
  let q = db.k.selectFrom('cases');
  if (f.district) q = q.where('district_code', '=', f.district);
  if (f.upTo) q = q.where('reported_on', '<=', f.upTo);
  if (f.metric && f.date) {
    const { metric, date } = f;
    q = q.where((eb) => metricWhere(eb, metric, date));
  } else if (f.date) q = q.where('reported_on', '=', f.date);
  const rows = await q
    .selectAll()
    .orderBy('reported_on')
    .orderBy('case_no')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const total = await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows: rows.map(num), total: Number(total.n) };
}

/** Every case (for consistency checks and exports of small jurisdictions). */
export async function allCases(db: Db): Promise<StoredCase[]> {
  return (await db.k.selectFrom('cases').selectAll().orderBy('id').execute()).map(num);
}

/** The cases of identified persons, oldest report first (so that a person's latest comes last). */
export async function casesOfPersons(db: Db) {
  return db.k
    .selectFrom('cases')
    .select(['person_id', 'kind', 'reported_on', 'discharged_on', 'released_on', 'died_on'])
    .where('person_id', 'is not', null)
    .orderBy('reported_on')
    .execute();
}

/** The most recent day with any counter, or null. */
export async function latestDay(db: Db, upTo: string): Promise<string | null> {
  const r = await db.k
    .selectFrom('case_counts')
    .select((eb) => eb.fn.max('day').as('d'))
    .where('day', '<=', upTo)
    .executeTakeFirst();
  return (r?.d as string | null) ?? null;
}

/** Empties the counters before a full recount. */
export async function deleteAllCounts(trx: Executor): Promise<void> {
  await trx.deleteFrom('case_counts').execute();
}
