import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { CadreRow, TaskForceMemberRow } from './zones.tables.ts';
import './zones.tables.ts';

export type StoredCadre = Omit<Selectable<CadreRow>, 'id'> & { id: number };
const CHUNK = 500;
const k = (db: Db | Executor) => ('k' in db ? db.k : db);

/** Cadres by id. */
export async function cadresById(db: Db | Executor, ids: number[]): Promise<Map<number, StoredCadre>> {
  const out = new Map<number, StoredCadre>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await k(db)
      .selectFrom('cadres')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(Number(r.id), { ...r, id: Number(r.id) });
  }
  return out;
}

/** Cadres, optionally of one rank and/or only those not serving anywhere now. */
export async function listCadres(
  db: Db,
  f: { rank?: string; free?: boolean; q?: string; limit: number },
): Promise<StoredCadre[]> {
  let q = db.k.selectFrom('cadres').selectAll();
  if (f.rank) q = q.where('rank', '=', f.rank);
  if (f.q) q = q.where((e) => e.or([e('name', 'like', `%${f.q}%`), e('home_unit', 'like', `%${f.q}%`)]));
  if (f.free)
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('task_force_members')
            .select('id')
            .whereRef('task_force_members.cadre_id', '=', 'cadres.id')
            .where('left_on', 'is', null),
        ),
      ),
    );
  return (await q.orderBy('id').limit(f.limit).execute()).map((r) => ({ ...r, id: Number(r.id) }));
}

/** Inserts cadres (chunked) and returns their ids in order. */
export async function insertCadres(trx: Executor, rows: Insertable<CadreRow>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const r = await trx
      .insertInto('cadres')
      .values(rows.slice(i, i + CHUNK))
      .returning('id')
      .execute();
    ids.push(...r.map((x) => Number(x.id)));
  }
  return ids;
}

/** Cadres among `ids` serving in an active task force, with that force's zone code. */
export async function serving(trx: Executor, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('task_force_members as m')
      .innerJoin('task_forces as t', 't.id', 'm.task_force_id')
      .innerJoin('zones as z', 'z.id', 't.zone_id')
      .select(['m.cadre_id', 'z.code'])
      .where('m.left_on', 'is', null)
      .where('m.cadre_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(Number(r.cadre_id), r.code);
  }
  return out;
}

/** Forms a task force for a zone with its members; returns the force's id. */
export async function insertTaskForce(
  trx: Executor,
  zoneId: number,
  formedOn: string,
  members: Omit<Insertable<TaskForceMemberRow>, 'task_force_id'>[],
): Promise<number> {
  const id = Number(
    (
      await trx
        .insertInto('task_forces')
        .values({ zone_id: zoneId, formed_on: formedOn, disbanded_on: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
  for (let i = 0; i < members.length; i += CHUNK) {
    await trx
      .insertInto('task_force_members')
      .values(members.slice(i, i + CHUNK).map((m) => ({ ...m, task_force_id: id })))
      .execute();
  }
  return id;
}

/** The id of a zone's task force in service (not disbanded), if it has one. */
export async function activeTaskForceId(trx: Executor, zoneId: number): Promise<number | undefined> {
  const tf = await trx
    .selectFrom('task_forces')
    .select('id')
    .where('zone_id', '=', zoneId)
    .where('disbanded_on', 'is', null)
    .executeTakeFirst();
  return tf && Number(tf.id);
}

/** Disbands a zone's task force on a day; its cadres become free. */
export async function disbandTaskForce(trx: Executor, zoneId: number, day: string): Promise<void> {
  const id = await activeTaskForceId(trx, zoneId);
  if (id === undefined) return;
  await trx.updateTable('task_forces').set({ disbanded_on: day }).where('id', '=', id).execute();
  await trx
    .updateTable('task_force_members')
    .set({ left_on: day })
    .where('task_force_id', '=', id)
    .where('left_on', 'is', null)
    .execute();
}

/** A zone's task force with members and their cadres, or undefined. */
export async function taskForceOf(db: Db, zoneId: number) {
  const tf = await db.k.selectFrom('task_forces').selectAll().where('zone_id', '=', zoneId).executeTakeFirst();
  if (!tf) return undefined;
  const members = await db.k
    .selectFrom('task_force_members as m')
    .innerJoin('cadres as c', 'c.id', 'm.cadre_id')
    .select(['c.id', 'c.name', 'c.rank', 'c.home_unit', 'm.working_group', 'm.is_leader', 'm.joined_on', 'm.left_on'])
    .where('m.task_force_id', '=', tf.id)
    .orderBy('m.is_leader', 'desc')
    .orderBy('c.id')
    .execute();
  return { id: Number(tf.id), formedOn: tf.formed_on, disbandedOn: tf.disbanded_on, members };
}

/** Leaders and member counts of the task forces of some zones. */
export async function taskForceSummaries(db: Db, zoneIds: number[]) {
  const out = new Map<number, { id: number; leader: StoredCadre | null; members: number }>();
  for (let i = 0; i < zoneIds.length; i += CHUNK) {
    const rows = await db.k
      .selectFrom('task_forces as t')
      .innerJoin('task_force_members as m', 'm.task_force_id', 't.id')
      .innerJoin('cadres as c', 'c.id', 'm.cadre_id')
      .select(['t.id as tf', 't.zone_id', 'm.is_leader', 'c.id', 'c.name', 'c.rank', 'c.home_unit'])
      .where('t.zone_id', 'in', zoneIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      const zid = Number(r.zone_id);
      const s = out.get(zid) ?? { id: Number(r.tf), leader: null, members: 0 };
      s.members++;
      if (r.is_leader) s.leader = { id: Number(r.id), name: r.name, rank: r.rank, home_unit: r.home_unit };
      out.set(zid, s);
    }
  }
  return out;
}

/** Cadres serving on a day by rank and district (members whose stay covers the day). */
export async function deployedOn(db: Db, day: string, district?: string, street?: string) {
  let q = db.k
    .selectFrom('task_force_members as m')
    .innerJoin('task_forces as t', 't.id', 'm.task_force_id')
    .innerJoin('zones as z', 'z.id', 't.zone_id')
    .innerJoin('cadres as c', 'c.id', 'm.cadre_id')
    .select((e) => ['z.district_code', 'c.rank', e.fn.countAll<number>().as('n')])
    .where('m.joined_on', '<=', day)
    .where((e) => e.or([e('m.left_on', 'is', null), e('m.left_on', '>', day)]));
  if (district) q = q.where('z.district_code', '=', district);
  if (street) q = q.where('z.street_code', '=', street);
  return (await q.groupBy(['z.district_code', 'c.rank']).execute()).map((r) => ({
    district: r.district_code,
    rank: r.rank,
    n: Number(r.n),
  }));
}

/** Task forces active on a day. */
export async function activeTaskForces(db: Db, day: string, district?: string, street?: string): Promise<number> {
  let q = db.k
    .selectFrom('task_forces as t')
    .innerJoin('zones as z', 'z.id', 't.zone_id')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('t.formed_on', '<=', day)
    .where((e) => e.or([e('t.disbanded_on', 'is', null), e('t.disbanded_on', '>', day)]));
  if (district) q = q.where('z.district_code', '=', district);
  if (street) q = q.where('z.street_code', '=', street);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
