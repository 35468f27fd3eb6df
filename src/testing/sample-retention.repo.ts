import { sql } from 'kysely';
import type { Db } from '../platform/db/db.ts';
import './testing.tables.ts';

/**
 * Deletes the samples taken before `before` (an ISO instant), `batch` rows a time so that imports
 * and the scan path interleave with it; returns how many went. A person's test facts
 * (person_tests) are kept: the colours do not change, only the sample-level detail goes.
 */
export async function deleteSamplesBefore(db: Db, before: string, batch = 5_000): Promise<number> {
  let deleted = 0;
  const key = db.dialect === 'postgres' ? sql.raw('ctid') : sql.raw('rowid');
  for (;;) {
    const r =
      await sql`delete from samples where ${key} in (select ${key} from samples where sampled_at < ${before} limit ${batch})`.execute(
        db.k,
      );
    const n = Number(r.numAffectedRows ?? 0);
    deleted += n;
    if (n < batch) return deleted;
    await new Promise((res) => setImmediate(res));
  }
}
