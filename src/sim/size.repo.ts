import { sql } from 'kysely';
import type { Db } from '../platform/db/db.ts';

/** The database's size on disk in bytes: SQLite's pages (the WAL not counted), PostgreSQL's database. */
export async function databaseBytes(db: Db): Promise<number> {
  const { rows } =
    db.dialect === 'postgres'
      ? await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(db.k)
      : await sql<{
          n: number;
        }>`select p.page_count * s.page_size as n from pragma_page_count() as p, pragma_page_size() as s`.execute(db.k);
  return Number(rows[0]?.n ?? 0);
}
