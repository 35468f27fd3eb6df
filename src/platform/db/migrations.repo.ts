import { sql } from 'kysely';
import '../platform.tables.ts';
import type { Db } from './db.ts';
import type { Migration } from './migration.ts';

const LOCK_KEY = 7_220_221; // any constant; only Banyan's migrator takes it

/** Applies pending migrations in order, each in its own transaction, so a failure leaves no trace. */
export async function migrate(db: Db, migrations: Migration[]): Promise<string[]> {
  await db.k.schema
    .createTable('banyan_migrations')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.k.transaction().execute(async (trx) => {
      if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const row = await trx.selectFrom('banyan_migrations').select('id').where('id', '=', m.id).executeTakeFirst();
      if (row) return false;
      await m.up(trx, db.dialect);
      await trx.insertInto('banyan_migrations').values({ id: m.id, applied_at: new Date().toISOString() }).execute();
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}

/** Ids of the migrations already applied, oldest first. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await db.k.selectFrom('banyan_migrations').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Cheap liveness probe for /healthz. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.k);
}
