import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { SwitchoverChangeRow, SwitchoverRow } from './replay.tables.ts';
import './replay.tables.ts';

/** Every switch-over, latest effective date first. */
export async function allSwitchovers(db: Db): Promise<SwitchoverRow[]> {
  return db.k.selectFrom('policy_switchovers').selectAll().orderBy('effective_from', 'desc').execute();
}

/** The switch-over of a version, if it ran. */
export async function findSwitchover(db: Db | Executor, versionId: string): Promise<SwitchoverRow | undefined> {
  const k = 'k' in db ? db.k : db;
  return k.selectFrom('policy_switchovers').selectAll().where('version_id', '=', versionId).executeTakeFirst();
}

// Parameters per statement stay under SQLite's and PostgreSQL's limits (8 columns a row).
const CHUNK = 1000;

/** Records a switch-over with all its changes (inside the caller's transaction). */
export async function insertSwitchover(
  trx: Executor,
  row: SwitchoverRow,
  changes: SwitchoverChangeRow[],
): Promise<void> {
  await trx.insertInto('policy_switchovers').values(row).execute();
  for (let i = 0; i < changes.length; i += CHUNK)
    await trx
      .insertInto('policy_switchover_changes')
      .values(changes.slice(i, i + CHUNK))
      .execute();
}

/** A page of a switch-over's changes, optionally of one kind and one district, in subject order. */
export async function switchoverChanges(
  db: Db,
  versionId: string,
  filter: { kind?: string; district?: string; offset: number; limit: number },
): Promise<{ total: number; items: SwitchoverChangeRow[] }> {
  let q = db.k.selectFrom('policy_switchover_changes').where('version_id', '=', versionId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.district) q = q.where('district_code', '=', filter.district);
  const n = await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll()
    .orderBy('kind')
    .orderBy('subject')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return { total: Number(n.n), items };
}
