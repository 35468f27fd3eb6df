import type { Db } from '../platform/db/db.ts';

/**
 * A person's samples taken by `at` with every result their tubes had (the tube's current result
 * too, for tubes whose results were written without a history row, as the demo's are).
 */
export async function samplesWithResults(db: Db, personId: number, at: string) {
  return db.k
    .selectFrom('samples as s')
    .innerJoin('tubes as t', 't.code', 's.tube_code')
    .leftJoin('tube_results as r', 'r.tube_code', 's.tube_code')
    .select([
      's.tube_code',
      's.sampled_at',
      't.pool_size',
      't.result as tube_result',
      't.resulted_at as tube_resulted_at',
      'r.id as result_id',
      'r.result',
      'r.resulted_at',
    ])
    .where('s.person_id', '=', personId)
    .where('s.sampled_at', '<=', at)
    .execute();
}

// Persons per statement: few statements for a whole city's replay, under both databases' parameter limits.
const IN_CHUNK = 1000;

/** The same rows for many persons at once (in chunks), each with its person. */
export async function samplesWithResultsOf(db: Db, personIds: number[], at: string) {
  const out = [];
  for (let i = 0; i < personIds.length; i += IN_CHUNK)
    out.push(
      ...(await db.k
        .selectFrom('samples as s')
        .innerJoin('tubes as t', 't.code', 's.tube_code')
        .leftJoin('tube_results as r', 'r.tube_code', 's.tube_code')
        .select([
          's.person_id',
          's.tube_code',
          's.sampled_at',
          't.pool_size',
          't.result as tube_result',
          't.resulted_at as tube_resulted_at',
          'r.id as result_id',
          'r.result',
          'r.resulted_at',
        ])
        .where('s.person_id', 'in', personIds.slice(i, i + IN_CHUNK))
        .where('s.sampled_at', '<=', at)
        .execute()),
    );
  return out;
}
