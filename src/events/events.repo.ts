import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import { candidateSeats } from './events.sqlite.repo.ts';
import type { EventRow, EventSessionRow, ExamCandidateRow, ExamRoomRow, ExamSiteRow } from './events.tables.ts';
import './events.tables.ts';

type K = Db | Executor;
const k = (db: K) => ('k' in db ? db.k : db);
const num = <T extends { id: number | bigint | string }>(r: T) => ({ ...r, id: Number(r.id) });

export type StoredEvent = Selectable<EventRow> & { id: number };
export type StoredSite = Selectable<ExamSiteRow> & { id: number };
export type StoredRoom = Selectable<ExamRoomRow> & { id: number };
export type StoredCandidate = Selectable<ExamCandidateRow> & { id: number };

/** One event by code. */
export async function eventByCode(db: K, code: string): Promise<StoredEvent | undefined> {
  const r = await k(db).selectFrom('events').selectAll().where('code', '=', code).executeTakeFirst();
  return r && num(r);
}

/** Every event, oldest first. */
export async function allEvents(db: K): Promise<StoredEvent[]> {
  return (await k(db).selectFrom('events').selectAll().orderBy('id').execute()).map(num);
}

/** Adds an event with its sessions; answers its id. */
export async function insertEvent(
  trx: Executor,
  row: Insertable<EventRow>,
  sessions: Array<Omit<Insertable<EventSessionRow>, 'event_id'>>,
): Promise<number> {
  const r = await trx.insertInto('events').values(row).returning('id').executeTakeFirstOrThrow();
  const id = Number(r.id);
  await trx
    .insertInto('event_sessions')
    .values(sessions.map((s) => ({ ...s, event_id: id })))
    .execute();
  return id;
}

/** The sessions of an event, in time order. */
export async function sessionsOf(db: K, eventId: number) {
  return k(db)
    .selectFrom('event_sessions')
    .select(['day', 'starts_at', 'ends_at'])
    .where('event_id', '=', eventId)
    .orderBy('starts_at')
    .execute();
}

/** The sites of an event, by id. */
export async function sitesOf(db: K, eventId: number): Promise<StoredSite[]> {
  const rows = await k(db).selectFrom('exam_sites').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
  return rows.map((r) => ({
    ...num(r),
    lng: r.lng === null ? null : Number(r.lng),
    lat: r.lat === null ? null : Number(r.lat),
  }));
}

/** The rooms of an event, by id. */
export async function roomsOf(db: K, eventId: number): Promise<StoredRoom[]> {
  const rows = await k(db).selectFrom('exam_rooms').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
  return rows.map((r) => ({ ...num(r), site_id: Number(r.site_id), capacity: Number(r.capacity) }));
}

/** The candidates of an event, by id. */
export async function candidatesOf(db: K, eventId: number): Promise<StoredCandidate[]> {
  const rows = await k(db)
    .selectFrom('exam_candidates')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...num(r),
    person_id: Number(r.person_id),
    site_id: Number(r.site_id),
    room_id: Number(r.room_id),
    planned_room_id: r.planned_room_id === null ? null : Number(r.planned_room_id),
  }));
}

/** What judging and planning read of a candidate (not the sealed pickup, nor the times). */
export type CandidateSeat = Pick<
  StoredCandidate,
  'id' | 'candidate_no' | 'person_id' | 'site_id' | 'room_id' | 'shuttle' | 'planned_room_id' | 'plan_reason'
>;

/** The candidates of an event as judging reads them, by id: a province's 700,000 in one pass. */
export async function candidateSeatsOf(db: K, eventId: number): Promise<CandidateSeat[]> {
  const sqlite = 'k' in db ? db.sqlite : undefined;
  // The connection is held while the statement runs, so no transaction of another request is open on it.
  if (sqlite && 'k' in db) return db.k.connection().execute(async () => candidateSeats(sqlite, eventId));
  const rows = await k(db)
    .selectFrom('exam_candidates')
    .select(['id', 'candidate_no', 'person_id', 'site_id', 'room_id', 'shuttle', 'planned_room_id', 'plan_reason'])
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
  // Built field by field: a spread per row costs a second at this size.
  const out: CandidateSeat[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as (typeof rows)[number];
    out[i] = {
      id: Number(r.id),
      candidate_no: r.candidate_no,
      person_id: Number(r.person_id),
      site_id: Number(r.site_id),
      room_id: Number(r.room_id),
      shuttle: Number(r.shuttle),
      planned_room_id: r.planned_room_id === null ? null : Number(r.planned_room_id),
      plan_reason: r.plan_reason,
    };
  }
  return out;
}

/**
 * The latest negative sampling not after an instant of every candidate of an event, in one query
 * (the status index keeps only the latest, which after a later round would hide exam day's); or,
 * given `persons`, of those alone (a few marked candidates, when no certificate is asked for).
 */
export async function negativesOfEvent(
  db: K,
  eventId: number,
  atIso: string,
  persons?: number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const read = (ids?: number[]) =>
    k(db)
      .selectFrom('samples as s')
      .innerJoin('tubes as t', 't.code', 's.tube_code')
      .select(['s.person_id', (e) => e.fn.max('s.sampled_at').as('at')])
      .where('s.person_id', 'in', (w) => {
        const q = w.selectFrom('exam_candidates').select('person_id').where('event_id', '=', eventId);
        return ids ? q.where('person_id', 'in', ids) : q;
      })
      .where('t.result', '=', 'negative')
      .where('s.sampled_at', '<=', atIso)
      .groupBy('s.person_id')
      .execute();
  const chunks = persons
    ? Array.from({ length: Math.ceil(persons.length / 500) }, (_, i) => persons.slice(i * 500, i * 500 + 500))
    : [undefined];
  for (const ids of chunks) for (const r of await read(ids)) out.set(Number(r.person_id), Date.parse(String(r.at)));
  return out;
}

/**
 * Writes a plan whole, as a replacement of the last one: the rows the last plan touched are found
 * through their partial index (every planned row has a reason), and only rows whose seat or reason
 * changes are written, a few thousand to a statement. Re-planning with the same outcome writes nothing.
 */
export async function writePlan(
  trx: Executor,
  eventId: number,
  moves: Array<{ candidateId: number; toRoom: number | null; why: string }>,
): Promise<number> {
  const had = new Map<number, { room: number | null; why: string | null }>();
  for (const r of await trx
    .selectFrom('exam_candidates')
    .select(['id', 'planned_room_id', 'plan_reason'])
    .where('event_id', '=', eventId)
    .where('plan_reason', 'is not', null)
    .execute())
    had.set(Number(r.id), {
      room: r.planned_room_id === null ? null : Number(r.planned_room_id),
      why: r.plan_reason,
    });
  const rows: Array<{ id: number; room: number | null; why: string | null }> = [];
  for (const m of moves) {
    const was = had.get(m.candidateId);
    had.delete(m.candidateId);
    if (!was || was.room !== m.toRoom || was.why !== m.why)
      rows.push({ id: m.candidateId, room: m.toRoom, why: m.why });
  }
  // Left over: seats the last plan gave and this one does not.
  for (const id of had.keys()) rows.push({ id, room: null, why: null });
  for (let i = 0; i < rows.length; i += 2000) {
    // Typed casts: PostgreSQL reads bare parameters in VALUES as text.
    const values = sql.join(
      rows
        .slice(i, i + 2000)
        .map((r) => sql`(cast(${r.id} as integer), cast(${r.room} as integer), cast(${r.why} as text))`),
    );
    await sql`update exam_candidates set planned_room_id = v.column2, plan_reason = v.column3
      from (values ${values}) as v where exam_candidates.id = v.column1`.execute(trx);
  }
  return rows.length;
}

/** Adds sites; answers their ids in order. */
export async function insertSites(trx: Executor, rows: Insertable<ExamSiteRow>[]): Promise<number[]> {
  if (!rows.length) return [];
  const out = await trx.insertInto('exam_sites').values(rows).returning('id').execute();
  return out.map((r) => Number(r.id));
}

/** Changes a site's new-for-this-event flag or coordinates. */
export async function updateSite(trx: Executor, id: number, set: Updateable<ExamSiteRow>): Promise<void> {
  await trx.updateTable('exam_sites').set(set).where('id', '=', id).execute();
}

/** Adds rooms, in chunks. */
export async function insertRooms(trx: Executor, rows: Insertable<ExamRoomRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('exam_rooms')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Changes a room's capacity or isolation flag. */
export async function updateRoom(trx: Executor, id: number, set: Updateable<ExamRoomRow>): Promise<void> {
  await trx.updateTable('exam_rooms').set(set).where('id', '=', id).execute();
}

/** Adds candidates, in chunks. */
export async function insertCandidates(trx: Executor, rows: Insertable<ExamCandidateRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto('exam_candidates')
      .values(rows.slice(i, i + 400))
      .execute();
}

/** Changes one candidate (seat, shuttle, pickup, plan). */
export async function updateCandidate(trx: Executor, id: number, set: Updateable<ExamCandidateRow>): Promise<void> {
  await trx.updateTable('exam_candidates').set(set).where('id', '=', id).execute();
}

/** The masked identity and home district of persons, by id. */
export async function maskedPersons(db: K, ids: number[]) {
  const out = new Map<number, { idMasked: string; nameMasked: string; district: string; nameCipher: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await k(db)
      .selectFrom('persons')
      .select(['id', 'id_masked', 'name_masked', 'district_code', 'name_cipher'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(Number(r.id), {
        idMasked: r.id_masked,
        nameMasked: r.name_masked,
        district: r.district_code,
        nameCipher: r.name_cipher,
      });
  }
  return out;
}
