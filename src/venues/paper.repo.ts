import type { Insertable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import { addScanCounts } from './counters.repo.ts';
import type { PaperScanRow, ScanRow } from './venues.tables.ts';
import './venues.tables.ts';
import '../people/people.tables.ts';

/** Which of these scan ids are stored already (a re-submitted sheet). */
export async function existingScanIds(db: Db, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.k
      .selectFrom('scans')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** Persons by phone blind index, with their sealed name (a paper record without ID matches on both). */
export async function personsByPhone(db: Db, indexes: string[]) {
  if (!indexes.length) return [];
  return db.k
    .selectFrom('persons')
    .select(['id', 'phone_index', 'name_cipher'])
    .where('phone_index', 'in', indexes)
    .execute();
}

/** Stores paper registrations as scans plus their paper side and counts them, in the caller's transaction. */
export async function insertPaperScans(
  trx: Executor,
  scans: ScanRow[],
  paper: Insertable<PaperScanRow>[],
): Promise<void> {
  for (let i = 0; i < scans.length; i += 500) {
    await trx
      .insertInto('scans')
      .values(scans.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('paper_scans')
      .values(paper.slice(i, i + 500))
      .onConflict((oc) => oc.column('scan_id').doNothing())
      .execute();
  }
  // The caller gives only lines not stored before (existingScanIds), so each is counted once.
  await addScanCounts(trx, scans);
}

/** A venue's scans of a day, oldest first, with masked identities: the list contact tracing starts from. */
export async function scansOfVenue(db: Db, venueId: number, day: string, limit: number) {
  return db.k
    .selectFrom('scans as s')
    .leftJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('paper_scans as ps', 'ps.scan_id', 's.id')
    .select([
      's.id',
      's.at',
      's.verdict',
      's.colour',
      's.reasons',
      's.proxy',
      's.source',
      's.person_id',
      'p.name_masked',
      'p.id_masked',
      'ps.entered_by',
      'ps.identity_masked',
    ])
    .where('s.venue_id', '=', venueId)
    .where('s.day', '=', day)
    .orderBy('s.at')
    .orderBy('s.id')
    .limit(limit)
    .execute();
}
