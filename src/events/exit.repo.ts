import type { Insertable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { ExitDepartureRow } from './exit.tables.ts';
import './exit.tables.ts';

type K = Db | Executor;
const k = (db: K) => ('k' in db ? db.k : db);

/** Records a checkpoint scan's declaration; a retried scan keeps its first record. */
export async function insertDeparture(db: K, row: Insertable<ExitDepartureRow>): Promise<void> {
  await k(db)
    .insertInto('exit_departures')
    .values(row)
    .onConflict((oc) => oc.column('scan_id').doNothing())
    .execute();
}

/** A day's departures per checkpoint, verdict, reason and refusal set (few distinct sets a day). */
export async function departureCounts(db: Db, day: string) {
  const rows = await db.reads
    .selectFrom('exit_departures')
    .select(['venue_id', 'verdict', 'reason', 'refusals', (e) => e.fn.countAll<number>().as('n')])
    .select((e) => e.fn.count<number>('zone_code').as('flagged'))
    .where('day', '=', day)
    .groupBy(['venue_id', 'verdict', 'reason', 'refusals'])
    .execute();
  return rows.map((r) => ({ ...r, venue_id: Number(r.venue_id), n: Number(r.n), flagged: Number(r.flagged) }));
}

/** A day's attempts by residents of restricted zones inside a division prefix, with masked identities. */
export async function flaggedDepartures(db: Db, day: string, prefix: string, limit: number) {
  const rows = await db.reads
    .selectFrom('exit_departures as d')
    .innerJoin('venues as v', 'v.id', 'd.venue_id')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .select([
      'd.scan_id',
      'd.at',
      'd.reason',
      'd.reason_text',
      'd.verdict',
      'd.refusals',
      'd.zone_code',
      'd.zone_level',
      'd.zone_community',
      'd.policy_id',
      'v.code as venue_code',
      'v.name as venue_name',
      'p.name_masked',
      'p.id_masked',
    ])
    .where('d.day', '=', day)
    .where('d.zone_community', 'like', `${prefix}%`)
    .orderBy('d.at')
    .limit(limit)
    .execute();
  return rows;
}

/** How many such attempts there are (the list is cut at its limit). */
export async function countFlagged(db: Db, day: string, prefix: string): Promise<number> {
  const r = await db.reads
    .selectFrom('exit_departures')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('day', '=', day)
    .where('zone_community', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The latest day with checkpoint scans, for a screen opened without a date. */
export async function latestDepartureDay(db: Db, upTo: string): Promise<string | null> {
  const r = await db.reads
    .selectFrom('exit_departures')
    .select((e) => e.fn.max('day').as('day'))
    .where('day', '<=', upTo)
    .executeTakeFirst();
  return (r?.day as string | null | undefined) ?? null;
}
