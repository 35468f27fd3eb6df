import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { ZoneEventRow, ZoneRow } from './zones.tables.ts';
import './zones.tables.ts';

export type StoredZone = Omit<Selectable<ZoneRow>, 'id'> & { id: number };
export type StoredEvent = Omit<Selectable<ZoneEventRow>, 'id' | 'zone_id'> & { id: number; zone_id: number };
const CHUNK = 500;
const k = (db: Db | Executor) => ('k' in db ? db.k : db);

/** One zone by code. */
export async function zoneByCode(db: Db | Executor, code: string): Promise<StoredZone | undefined> {
  const r = await k(db).selectFrom('zones').selectAll().where('code', '=', code).executeTakeFirst();
  return r && { ...r, id: Number(r.id) };
}

/** Zones designated on or before a day, optionally in one district; the caller applies state. */
export async function zonesUpTo(db: Db, day: string, district?: string): Promise<StoredZone[]> {
  let q = k(db).selectFrom('zones').selectAll().where('designated_on', '<=', day);
  if (district) q = q.where('district_code', '=', district);
  return (await q.orderBy('code').execute()).map((r) => ({ ...r, id: Number(r.id) }));
}

/** The events of some zones up to a day (all zones when `zoneIds` is undefined). */
export async function eventsUpTo(db: Db | Executor, day: string, zoneIds?: number[]): Promise<StoredEvent[]> {
  const norm = (r: Selectable<ZoneEventRow>) => ({ ...r, id: Number(r.id), zone_id: Number(r.zone_id) });
  if (!zoneIds)
    return (await k(db).selectFrom('zone_events').selectAll().where('day', '<=', day).orderBy('id').execute()).map(
      norm,
    );
  const out: StoredEvent[] = [];
  for (let i = 0; i < zoneIds.length; i += CHUNK) {
    const rows = await k(db)
      .selectFrom('zone_events')
      .selectAll()
      .where('day', '<=', day)
      .where('zone_id', 'in', zoneIds.slice(i, i + CHUNK))
      .orderBy('id')
      .execute();
    out.push(...rows.map(norm));
  }
  return out;
}

/** Inserts a zone and returns its id. */
export async function insertZone(trx: Executor, z: Insertable<ZoneRow>): Promise<number> {
  return Number((await trx.insertInto('zones').values(z).returning('id').executeTakeFirstOrThrow()).id);
}

/** Appends events (chunked). */
export async function insertEvents(trx: Executor, events: Insertable<ZoneEventRow>[]): Promise<void> {
  for (let i = 0; i < events.length; i += CHUNK)
    await trx
      .insertInto('zone_events')
      .values(events.slice(i, i + CHUNK))
      .execute();
}

/** Sets the current level and status after a transition. */
export async function updateZoneLevel(
  trx: Executor,
  id: number,
  level: string,
  status: string,
  liftedOn: string | null,
): Promise<void> {
  await trx.updateTable('zones').set({ level, status, lifted_on: liftedOn }).where('id', '=', id).execute();
}

/** The next free sequence number for zone codes of a district. */
export async function countZonesIn(trx: Executor, district: string): Promise<number> {
  const r = await trx
    .selectFrom('zones')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('district_code', '=', district)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether a case number exists (an infection may cite one). */
export async function caseExists(trx: Executor, caseNo: string): Promise<boolean> {
  return !!(await trx.selectFrom('cases').select('id').where('case_no', '=', caseNo).executeTakeFirst());
}

/** Every zone with recorded residents: its row, and its level-change notices with their effective times. */
export async function residentZones(db: Db) {
  const zones = await db.k
    .selectFrom('zones as z')
    .select(['z.id', 'z.code', 'z.level', 'z.status'])
    .where((e) => e.exists(e.selectFrom('zone_residents as r').select('r.zone_id').whereRef('r.zone_id', '=', 'z.id')))
    .execute();
  const changes = await db.k
    .selectFrom('zone_events as e')
    .select(['e.id', 'e.zone_id', 'e.at', 'e.kind', 'e.to_level'])
    .where('e.kind', 'in', ['designate', 'downgrade', 'upgrade', 'lift'])
    .where((e) =>
      e.exists(e.selectFrom('zone_residents as r').select('r.zone_id').whereRef('r.zone_id', '=', 'e.zone_id')),
    )
    .execute();
  return { zones, changes };
}

/** A zone's level-change notice: when it takes effect and the level it sets. */
export interface ZoneNotice {
  id: number;
  zone_id: number;
  at: string;
  kind: string;
  to_level: string | null;
}
type NoticedZone = Pick<
  StoredZone,
  'id' | 'code' | 'name' | 'level' | 'status' | 'district_code' | 'community_code' | 'designated_on'
>;

/** Zones designated by a day within some division prefixes, with their level-change notices. */
export async function zonesWithNotices(
  db: Db,
  day: string,
  prefixes: string[],
): Promise<{ zones: NoticedZone[]; changes: ZoneNotice[] }> {
  if (!prefixes.length) return { zones: [], changes: [] };
  const zones = await db.k
    .selectFrom('zones')
    .select(['id', 'code', 'name', 'level', 'status', 'district_code', 'community_code', 'designated_on'])
    .where('designated_on', '<=', day)
    .where((e) => e.or(prefixes.map((p) => e('district_code', 'like', `${p}%`))))
    .orderBy('code')
    .execute();
  const ids = zones.map((z) => Number(z.id));
  const changes: ZoneNotice[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.k
      .selectFrom('zone_events')
      .select(['id', 'zone_id', 'at', 'kind', 'to_level'])
      .where('kind', 'in', ['designate', 'downgrade', 'upgrade', 'lift'])
      .where('zone_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    changes.push(...rows.map((r) => ({ ...r, id: Number(r.id), zone_id: Number(r.zone_id) })));
  }
  return { zones: zones.map((z) => ({ ...z, id: Number(z.id) })), changes };
}
