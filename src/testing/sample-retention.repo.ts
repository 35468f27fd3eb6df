import { sql } from 'kysely';
import type { Db } from '../platform/db/db.ts';
import './testing.tables.ts';

/** The name of a Beijing day's sample partition (samples_d20221109). */
export function samplePartitionName(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return `samples_d${day.replaceAll('-', '')}`;
}

/** The first instant of a Beijing day as samples store instants (ISO in UTC). */
export function beijingMidnight(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The bounds clause of a Beijing day's sample partition: [its midnight, the next day's). */
export function samplePartitionBounds(day: string): string {
  return `for values from ('${beijingMidnight(day)}') to ('${beijingMidnight(nextDay(day))}')`;
}

/** The Beijing days that have a sample partition of their own (PostgreSQL), oldest first; [] on SQLite. */
export async function samplePartitionDays(db: Db): Promise<string[]> {
  if (db.dialect !== 'postgres') return [];
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'samples' and c.relname ~ '^samples_d[0-9]{8}$' order by c.relname`.execute(db.k);
  return rows.map((r) => `${r.name.slice(9, 13)}-${r.name.slice(13, 15)}-${r.name.slice(15, 17)}`);
}

/**
 * Makes the partition of each Beijing day that has none (PostgreSQL); samples of that day already in
 * the default partition move into it in the same transaction (a partition cannot be attached over
 * rows the default partition holds for its range). Returns the days made.
 */
export async function ensureSamplePartitions(db: Db, days: string[]): Promise<string[]> {
  if (db.dialect !== 'postgres') return [];
  const have = new Set(await samplePartitionDays(db));
  const made: string[] = [];
  for (const day of days) {
    if (have.has(day)) continue;
    const name = samplePartitionName(day);
    const [from, to] = [beijingMidnight(day), beijingMidnight(nextDay(day))];
    await db.k.transaction().execute(async (trx) => {
      await sql.raw(`create table ${name} (like samples including defaults)`).execute(trx);
      await sql
        .raw(`insert into ${name} select * from samples_default where sampled_at >= '${from}' and sampled_at < '${to}'`)
        .execute(trx);
      await sql`delete from samples_default where sampled_at >= ${from} and sampled_at < ${to}`.execute(trx);
      await sql.raw(`alter table samples attach partition ${name} ${samplePartitionBounds(day)}`).execute(trx);
    });
    made.push(day);
  }
  return made;
}

/**
 * Deletes the samples taken before `before` (an ISO instant), `batch` rows a time so that imports
 * and the scan path interleave with it; returns how many went. A person's test facts
 * (person_tests) are kept: the colours do not change, only the sample-level detail goes.
 */
export async function deleteSamplesBefore(db: Db, before: string, batch = 5_000): Promise<number> {
  // On PostgreSQL the day partitions went whole (dropSamplesBefore); only the default partition is left.
  const [table, key] = db.dialect === 'postgres' ? ['samples_default', 'ctid'] : ['samples', 'rowid'];
  let deleted = 0;
  for (;;) {
    const r = await sql`delete from ${sql.table(table)} where ${sql.raw(key)} in (
        select ${sql.raw(key)} from ${sql.table(table)} where sampled_at < ${before} limit ${batch})`.execute(db.k);
    const n = Number(r.numAffectedRows ?? 0);
    deleted += n;
    if (n < batch) return deleted;
    await new Promise((res) => setImmediate(res));
  }
}

/**
 * Removes the samples of Beijing days before `cutoff` (YYYY-MM-DD): on PostgreSQL their day
 * partitions are dropped whole, what remains (the default partition, the embedded database's one
 * table) is deleted `batch` rows at a time. Returns the partitions dropped and the rows deleted.
 */
export async function dropSamplesBefore(db: Db, cutoff: string, batch = 5_000) {
  const dropped: string[] = [];
  for (const day of await samplePartitionDays(db)) {
    if (day >= cutoff) break;
    await sql.raw(`drop table ${samplePartitionName(day)}`).execute(db.k);
    dropped.push(day);
  }
  return { dropped, deleted: await deleteSamplesBefore(db, beijingMidnight(cutoff), batch) };
}
