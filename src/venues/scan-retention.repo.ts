import { sql } from 'kysely';
import type { Db } from '../platform/db/db.ts';
import { partitionDdl, scanPartitionName } from './venues.migration.ts';
import './venues.tables.ts';

// A retention delete takes the write lock this many rows at a time, so the scan writer's groups
// interleave with it instead of waiting for a whole day's deletion.
const DELETE_BATCH = 5_000;

/** The days that have a partition of their own (PostgreSQL), oldest first; [] on SQLite. */
export async function scanPartitionDays(db: Db): Promise<string[]> {
  if (db.dialect !== 'postgres') return [];
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'scans' and c.relname ~ '^scans_d[0-9]{8}$' order by c.relname`.execute(db.k);
  return rows.map((r) => `${r.name.slice(7, 11)}-${r.name.slice(11, 13)}-${r.name.slice(13, 15)}`);
}

/**
 * Makes the partition of each day that has none (PostgreSQL). Scans of that day already in the
 * default partition move into it in the same transaction, since a partition cannot be attached
 * over rows the default partition holds for its range. Returns the days made.
 */
export async function ensureScanPartitions(db: Db, days: string[]): Promise<string[]> {
  if (db.dialect !== 'postgres') return [];
  const have = new Set(await scanPartitionDays(db));
  const made: string[] = [];
  for (const day of days) {
    if (have.has(day)) continue;
    await db.k.transaction().execute(async (trx) => {
      const name = scanPartitionName(day);
      await sql.raw(`create table ${name} (like scans including defaults)`).execute(trx);
      await sql.raw(`insert into ${name} select * from scans_default where day = '${day}'`).execute(trx);
      await sql`delete from scans_default where day = ${day}`.execute(trx);
      const attach = partitionDdl(day).replace(
        /^create table if not exists (\w+) partition of scans /,
        'alter table scans attach partition $1 ',
      );
      await sql.raw(attach).execute(trx);
    });
    made.push(day);
  }
  return made;
}

/**
 * Removes the scans of days before `cutoff` (YYYY-MM-DD): on PostgreSQL their day partitions are
 * dropped whole; what remains (the default partition's rows, the embedded database's one table)
 * is deleted DELETE_BATCH rows at a time. Returns the partitions dropped and the rows deleted.
 */
export async function dropScansBefore(db: Db, cutoff: string, batch = DELETE_BATCH) {
  const dropped: string[] = [];
  if (db.dialect === 'postgres') {
    for (const day of await scanPartitionDays(db)) {
      if (day >= cutoff) break;
      await sql.raw(`drop table ${scanPartitionName(day)}`).execute(db.k);
      dropped.push(day);
    }
  }
  let deleted = 0;
  // The keys of the days gone (0201): a key is once within the days kept, and no longer.
  if (db.dialect === 'postgres')
    for (;;) {
      const r =
        await sql`delete from scan_keys where id in (select id from scan_keys where day < ${cutoff} limit ${batch})`.execute(
          db.k,
        );
      if (Number(r.numAffectedRows ?? 0) < batch) break;
      await new Promise((res) => setImmediate(res));
    }
  for (;;) {
    const n =
      db.dialect === 'postgres'
        ? Number(
            (
              await sql`delete from scans_default where ctid in (select ctid from scans_default where day < ${cutoff} limit ${batch})`.execute(
                db.k,
              )
            ).numAffectedRows ?? 0,
          )
        : Number(
            (
              await sql`delete from scans where rowid in (select rowid from scans where day < ${cutoff} limit ${batch})`.execute(
                db.k,
              )
            ).numAffectedRows ?? 0,
          );
    deleted += n;
    if (n < batch) break;
    // Let the scan writer and the requests in between batches.
    await new Promise((r) => setImmediate(r));
  }
  return { dropped, deleted };
}

/**
 * Deletes the paper side (encrypted identities written on paper) of scans no longer stored, `batch`
 * rows at a time; run after the scans' retention so that no identity outlives its scan. Paper
 * registrations are few, so the sweep reads them all. Returns how many went.
 */
export async function deleteOrphanPaperScans(db: Db, batch = DELETE_BATCH): Promise<number> {
  const key = sql.raw(db.dialect === 'postgres' ? 'ctid' : 'rowid');
  let deleted = 0;
  for (;;) {
    const r = await sql`delete from paper_scans where ${key} in (
        select ps.${key} from paper_scans as ps
        where not exists (select 1 from scans as s where s.id = ps.scan_id) limit ${batch})`.execute(db.k);
    const n = Number(r.numAffectedRows ?? 0);
    deleted += n;
    if (n < batch) return deleted;
    await new Promise((res) => setImmediate(res));
  }
}
