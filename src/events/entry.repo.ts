import type { Db } from '../platform/db/db.ts';
import './events.tables.ts';

/** An exam site in session on a day: the events that use a venue as a site and sit that day. */
export async function sitesInSession(db: Db, venueCode: string, day: string) {
  const rows = await db.k
    .selectFrom('exam_sites as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .select(['s.id', 's.event_id', 'e.code as event_code'])
    .where('s.venue_code', '=', venueCode)
    .where((w) =>
      w.exists(
        w
          .selectFrom('event_sessions as x')
          .select('x.id')
          .whereRef('x.event_id', '=', 's.event_id')
          .where('x.day', '=', day),
      ),
    )
    .orderBy('s.event_id')
    .execute();
  return rows.map((r) => ({ siteId: Number(r.id), eventId: Number(r.event_id), eventCode: r.event_code }));
}

/** A person's candidacy in one of some events, with the room they were given and the one the plan gave. */
export async function candidacyOf(db: Db, eventIds: number[], personId: number) {
  if (!eventIds.length) return undefined;
  const c = await db.k
    .selectFrom('exam_candidates')
    .select(['event_id', 'candidate_no', 'room_id', 'planned_room_id', 'plan_reason'])
    .where('event_id', 'in', eventIds)
    .where('person_id', '=', personId)
    .orderBy('event_id')
    .executeTakeFirst();
  if (!c) return undefined;
  const ids = [Number(c.room_id), ...(c.planned_room_id === null ? [] : [Number(c.planned_room_id)])];
  const rooms = await db.k
    .selectFrom('exam_rooms as r')
    .innerJoin('exam_sites as s', 's.id', 'r.site_id')
    .select(['r.id', 'r.room_no', 'r.isolation', 's.venue_code', 's.name'])
    .where('r.id', 'in', ids)
    .execute();
  const seat = (id: number | null) => {
    const r = rooms.find((x) => Number(x.id) === id);
    return r
      ? { no: r.room_no, isolation: !!Number(r.isolation), site: { code: r.venue_code, name: r.name } }
      : undefined;
  };
  return {
    eventId: Number(c.event_id),
    candidateNo: c.candidate_no,
    room: seat(Number(c.room_id)),
    planned: seat(c.planned_room_id === null ? null : Number(c.planned_room_id)),
    planReason: c.plan_reason,
  };
}
