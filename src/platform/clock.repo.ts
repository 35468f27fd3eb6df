import type { Db } from './db/db.ts';
import type { BusinessClockRow } from './platform.tables.ts';
import './platform.tables.ts';

/** The business clock kept in the database, or null when the processes run on the machine's time. */
export async function readKeptClock(db: Db): Promise<Omit<BusinessClockRow, 'id'> | null> {
  const row = await db.k
    .selectFrom('business_clock')
    .select(['start_at', 'set_at'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return row ?? null;
}

/** Keeps a business clock for every process (replacing the one kept before). */
export async function writeKeptClock(db: Db, clock: Omit<BusinessClockRow, 'id'>): Promise<void> {
  await db.k.transaction().execute(async (trx) => {
    await trx.deleteFrom('business_clock').where('id', '=', 1).execute();
    await trx
      .insertInto('business_clock')
      .values({ id: 1, ...clock })
      .execute();
  });
}

/** Returns every process to the machine's time. */
export async function clearKeptClock(db: Db): Promise<void> {
  await db.k.deleteFrom('business_clock').where('id', '=', 1).execute();
}
