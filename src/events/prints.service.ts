import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { EventErrors } from './events.errors.ts';
import { candidatesOf, maskedPersons, roomsOf, sessionsOf, sitesOf } from './events.repo.ts';
import type { RoomLists } from './events.schema.ts';
import { allow, type EventActor, loadEvent, prefixOf } from './events.service.ts';

const byNo = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Who sits in which room as the last plan left it: a moved special candidate in their isolation
 * room (marked with where they came from), a barred one in none, everyone else in their own room;
 * seats numbered by candidate number. Names and ID numbers masked (lists are posted at the door).
 * Inside the actor's district: the site given, or every site in scope (`all`, for printing), or
 * else the first (a screen shows one site at a time; `sites` lists the others).
 */
export async function roomLists(
  ctx: Ctx,
  actor: EventActor,
  code: string,
  q: { site?: string; all?: boolean } = {},
): Promise<RoomLists> {
  allow(actor, 'events:read');
  const e = await loadEvent(ctx, code);
  const prefix = prefixOf(actor);
  const sites = (await sitesOf(ctx.db, e.id))
    .filter((s) => s.district_code.startsWith(prefix))
    .sort((a, b) => a.district_code.localeCompare(b.district_code) || a.venue_code.localeCompare(b.venue_code));
  const chosen =
    q.site !== undefined ? sites.filter((s) => s.venue_code === q.site) : q.all ? sites : sites.slice(0, 1);
  if (q.site !== undefined && !chosen.length) throw new AppError(EventErrors.EXAM_SITE_NOT_IN_EVENT, { code: q.site });
  const siteIds = new Set(chosen.map((s) => s.id));
  const allRooms = await roomsOf(ctx.db, e.id);
  const roomById = new Map(allRooms.map((r) => [r.id, r]));
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const seated = new Map<number, Array<{ no: string; personId: number; from: number | null }>>();
  for (const c of await candidatesOf(ctx.db, e.id)) {
    if (c.plan_reason === 'barred') continue;
    const room = c.planned_room_id ?? c.room_id;
    if (!siteIds.has(roomById.get(room)?.site_id ?? -1)) continue;
    const list = seated.get(room) ?? [];
    list.push({ no: c.candidate_no, personId: c.person_id, from: room === c.room_id ? null : c.room_id });
    seated.set(room, list);
  }
  const persons = await maskedPersons(
    ctx.db,
    [...seated.values()].flat().map((c) => c.personId),
  );
  const seatOf = (roomId: number) => {
    const r = roomById.get(roomId);
    const s = r && siteById.get(r.site_id);
    return r ? `${s?.venue_code ?? ''}/${r.room_no}` : '';
  };
  const order = new Map(chosen.map((s, i) => [s.id, i]));
  const rooms = allRooms
    .filter((r) => siteIds.has(r.site_id))
    .map((r) => ({ r, s: siteById.get(r.site_id) }))
    .sort((a, b) => (order.get(a.r.site_id) ?? 0) - (order.get(b.r.site_id) ?? 0) || byNo(a.r.room_no, b.r.room_no))
    .map(({ r, s }) => ({
      siteCode: s?.venue_code ?? '',
      siteName: s?.name ?? '',
      districtCode: s?.district_code ?? '',
      roomNo: r.room_no,
      isolation: !!r.isolation,
      capacity: r.capacity,
      seats: (seated.get(r.id) ?? [])
        .sort((a, b) => byNo(a.no, b.no))
        .map((c, i) => {
          const p = persons.get(c.personId);
          return {
            seat: i + 1,
            candidateNo: c.no,
            nameMasked: p?.nameMasked ?? '',
            idNumberMasked: p?.idMasked ?? '',
            movedFrom: c.from === null ? null : seatOf(c.from),
          };
        }),
    }));
  return {
    event: e.code,
    name: e.name,
    sessions: (await sessionsOf(ctx.db, e.id)).map((s) => ({ day: s.day, startsAt: s.starts_at, endsAt: s.ends_at })),
    sites: sites.map((s) => ({ code: s.venue_code, name: s.name, districtCode: s.district_code })),
    rooms,
  };
}
