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
