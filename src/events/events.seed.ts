import { DIVISIONS } from '../geo/geo.data.ts';
import { insertPersons, personIdsByIndex, personsOfDistricts } from '../people/people.repo.ts';
import { checkCharOf, maskName } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { findUserByName } from '../platform/auth/auth.repo.ts';
import type { Ctx } from '../platform/context.ts';
import type { SeedStep } from '../platform/module.ts';
import { allVenues, linkOperator } from '../venues/venues.repo.ts';
import { createVenues } from '../venues/venues.service.ts';
import { restrictedResidentsAt } from '../zones/residents.service.ts';
import { planEvent } from './classify.service.ts';
import {
  eventByCode,
  insertCandidates,
  insertRooms,
  insertSites,
  maskedPersons,
  roomsOf,
  sitesOf,
} from './events.repo.ts';
import { createEvent } from './events.service.ts';
import { insertVehicles } from './shuttles.repo.ts';
import { planShuttles } from './shuttles.service.ts';

/** The exam of the reference briefing: 1,100 rooms, 22,400 candidates, 8 new sites in five counties. */
export const DEMO_EXAM = 'ACEE-2022';
const ROOMS = 1100;
const CANDIDATES = 22_400;
/** Sites by district: [district, sites, of which new]; the new ones are the 8 in five counties. */
const SITES: Array<[string, number, number]> = [
  ['350102', 6, 0],
  ['350103', 4, 0],
  ['350104', 6, 0],
  ['350105', 2, 0],
  ['350111', 6, 0],
  ['350112', 4, 0],
  ['350181', 6, 0],
  ['350121', 3, 2],
  ['350122', 2, 2],
  ['350123', 1, 1],
  ['350124', 1, 1],
  ['350125', 2, 2],
  ['350128', 1, 0],
];
const ISOLATION_PER_SITE = 2;
const ISOLATION_SEATS = 10;
const SEATS = 30;
const AT = '2022-11-05T08:00:00+08:00';
const SURNAMES = '陈林黄张李王吴刘蔡杨郑许谢邱';
const GIVEN = '婷伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

/** A small deterministic stream (mulberry32), so this step never shifts another's. */
function stream(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const communitiesOf = (district: string) =>
  DIVISIONS.filter((d) => d.level === 'community' && d.code.startsWith(district)).map((d) => d.code);

/**
 * Seeds the adult college entrance exam of 5–6 November 2022 at every scale: its sites (venues of
 * category exam-site), 1,100 rooms with isolation rooms at every site, 22,400 candidates — the
 * residents of restricted zones on exam morning among them, seated in their district (some special,
 * some barred) and the rest registered through people — and the room plan at 08:00 on 5 November.
 */
async function seedExam(ctx: Ctx, opts: { seed: number }): Promise<Record<string, number>> {
  const rnd = stream(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const event = await createEvent(ctx, 'system', {
    code: DEMO_EXAM,
    name: '2022年全国成人高校招生统一考试 / National adult college entrance exam 2022',
    kind: 'exam',
    sessions: ['2022-11-05', '2022-11-06'].flatMap((day) => [
      { day, startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T11:30:00+08:00` },
      { day, startsAt: `${day}T14:30:00+08:00`, endsAt: `${day}T17:00:00+08:00` },
    ]),
  });
  const venues = SITES.flatMap(([district, n, fresh]) =>
    Array.from({ length: n }, (_, i) => ({
      code: `EX${district}${String(i + 1).padStart(2, '0')}`,
      name: `${DIVISIONS.find((d) => d.code === district)?.name ?? district}第${i + 1}考点`,
      category: 'exam-site' as const,
      communityCode: pick(communitiesOf(district)),
      district,
      isNew: i >= n - fresh,
    })),
  );
  await createVenues(
    ctx,
    'system',
    venues.map(({ district: _d, isNew: _n, ...v }) => v),
  );
  const eventId = (await eventByCode(ctx.db, event.code))?.id as number;
  const now = new Date().toISOString();
  const regularRooms = ROOMS - venues.length * ISOLATION_PER_SITE;
  await ctx.db.k.transaction().execute(async (trx) => {
    const ids = await insertSites(
      trx,
      venues.map((v) => ({
        event_id: eventId,
        venue_code: v.code,
        name: v.name,
        district_code: v.district,
        is_new: v.isNew ? 1 : 0,
        lng: 119.3 + rnd() * 0.4,
        lat: 25.9 + rnd() * 0.4,
      })),
    );
    const rooms = venues.flatMap((_, s) => {
      const regular = Math.floor(regularRooms / venues.length) + (s < regularRooms % venues.length ? 1 : 0);
      return Array.from({ length: regular + ISOLATION_PER_SITE }, (_, r) => ({
        event_id: eventId,
        site_id: ids[s] as number,
        room_no: String(r + 1).padStart(3, '0'),
        capacity: r < regular ? SEATS : ISOLATION_SEATS,
        isolation: r < regular ? 0 : 1,
      }));
    });
    await insertRooms(trx, rooms);
  });
  const rooms = (await roomsOf(ctx.db, eventId)).filter((r) => !r.isolation);
  const siteDistrict = new Map<number, string>();
  const sites = await sitesOf(ctx.db, eventId);
  for (const s of sites) siteDistrict.set(s.id, s.district_code);
  // Residents of restricted zones on exam morning sit too: a few per district, within its isolation seats.
  const { residents } = await restrictedResidentsAt(ctx, Date.parse(AT));
  const isoSeats = new Map<string, number>();
  for (const s of sites)
    isoSeats.set(s.district_code, (isoSeats.get(s.district_code) ?? 0) + ISOLATION_PER_SITE * ISOLATION_SEATS);
  const zonal: Array<{ personId: number; district: string }> = [];
  const taken = new Map<string, number>();
  const ids0 = [...residents.keys()].sort((a, b) => a - b).slice(0, 20_000);
  const persons = [...(await maskedPersons(ctx.db, ids0))].map(([id, p]) => ({ id, district_code: p.district }));
  for (const p of persons) {
    const level = residents.get(Number(p.id))?.level;
    const share = level === 'high' ? 0.02 : 0.06;
    const room = isoSeats.get(p.district_code) ?? 0;
    if (rnd() > share || (taken.get(p.district_code) ?? 0) >= Math.floor(room * 0.6)) continue;
    taken.set(p.district_code, (taken.get(p.district_code) ?? 0) + 1);
    zonal.push({ personId: Number(p.id), district: p.district_code });
  }
  // The others are residents of their site's district where the city has enough of them (not in a
  // restricted zone: those are the ones above), else registered as new persons, born 1980–2004.
  const slots = Array.from({ length: CANDIDATES - zonal.length }, (_, i) => {
    const room = rooms[i % rooms.length] as (typeof rooms)[number];
    return { room, district: siteDistrict.get(room.site_id) as string, personId: 0 };
  });
  const zonalIds = new Set(zonal.map((z) => z.personId));
  const slotsOf = new Map<string, typeof slots>();
  // Pushed, not copied: a copy per slot made this quadratic (22,400 slots, seconds of CPU).
  for (const x of slots) {
    const list = slotsOf.get(x.district);
    if (list) list.push(x);
    else slotsOf.set(x.district, [x]);
  }
  for (const [district, list] of slotsOf) {
    const locals = (await personsOfDistricts(ctx.db, [district], list.length * 2)).filter(
      (p) => !zonalIds.has(p.id) && !residents.has(p.id),
    );
    list.forEach((x, i) => {
      x.personId = locals[i]?.id ?? 0;
    });
  }
  const fresh: Array<{ idNumber: string; name: string; community: string; slot: (typeof slots)[number] }> = [];
  const seen = new Set<string>();
  for (const slot of slots.filter((x) => !x.personId)) {
    for (;;) {
      const y = 1980 + Math.floor(rnd() * 25);
      const m = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
      const d = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
      const first17 = `${slot.district}${y}${m}${d}${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`;
      const idNumber = first17 + checkCharOf(first17);
      if (seen.has(idNumber)) continue;
      seen.add(idNumber);
      const name = pick([...SURNAMES]) + pick([...GIVEN]) + pick([...GIVEN]);
      fresh.push({ idNumber, name, community: pick(communitiesOf(slot.district)), slot });
      break;
    }
  }
  const index = (f: { idNumber: string }) => ctx.crypto.blindIndex('id', f.idNumber);
  const known = await personIdsByIndex(ctx.db.k, fresh.map(index));
  const toMake = fresh.filter((f) => !known.has(index(f)));
  await ctx.db.k.transaction().execute(async (trx) => {
    for (let i = 0; i < toMake.length; i += 500)
      await insertPersons(
        trx,
        toMake
          .slice(i, i + 500)
          .map((f) => sealPerson(ctx.crypto, { idNumber: f.idNumber, name: f.name, communityCode: f.community }, now)),
      );
  });
  const ids = await personIdsByIndex(ctx.db.k, fresh.map(index));
  for (const f of fresh) f.slot.personId = ids.get(index(f)) as number;
  const byDistrict = new Map<string, typeof rooms>();
  for (const r of rooms) {
    const d = siteDistrict.get(r.site_id) as string;
    byDistrict.set(d, [...(byDistrict.get(d) ?? []), r]);
  }
  const used = new Map<number, number>();
  for (const x of slots) used.set(x.room.id, (used.get(x.room.id) ?? 0) + 1);
  const seatIn = (district: string) => {
    const list = byDistrict.get(district) ?? rooms;
    const r =
      list.find((x) => (used.get(x.id) ?? 0) < x.capacity) ??
      (rooms.find((x) => (used.get(x.id) ?? 0) < x.capacity) as (typeof rooms)[number]);
    used.set(r.id, (used.get(r.id) ?? 0) + 1);
    return r;
  };
  const rows = [
    ...slots.map((x) => ({ personId: x.personId, room: x.room })),
    ...zonal.map((z) => ({ personId: z.personId, room: seatIn(z.district) })),
  ];
  await ctx.db.k.transaction().execute((trx) =>
    insertCandidates(
      trx,
      rows.map((r, i) => ({
        event_id: eventId,
        candidate_no: `2235010${String(i + 1).padStart(5, '0')}`,
        person_id: r.personId,
        site_id: r.room.site_id,
        room_id: r.room.id,
        // Most candidates come on their own; residents of zones ask for the shuttle more often.
        shuttle: i >= slots.length ? (rnd() < 0.7 ? 1 : 0) : rnd() < 0.01 ? 1 : 0,
        pickup_cipher: null,
        planned_room_id: null,
        plan_reason: null,
        created_at: now,
        updated_at: now,
      })),
    ),
  );
  const plan = await planEvent(ctx, 'system', DEMO_EXAM, { at: AT });
  // The shuttle fleet: seven-seat vans, one per site, and the trips before every session.
  await ctx.db.k.transaction().execute((trx) =>
    insertVehicles(
      trx,
      venues.map((_, i) => {
        const driver = pick([...SURNAMES]) + pick([...GIVEN]) + pick([...GIVEN]);
        return {
          event_id: eventId,
          plate: `闽A${String.fromCharCode(68 + (i % 2) * 2)}${String(10000 + i * 37).slice(-5)}`,
          seats: 7,
          driver_cipher: ctx.crypto.encrypt(driver),
          driver_masked: maskName(driver),
          phone_cipher: null,
          phone_masked: null,
        };
      }),
    ),
  );
  let trips = 0;
  for (let no = 1; no <= 4; no++) trips += (await planShuttles(ctx, 'system', DEMO_EXAM, no)).trips.length;
  // The demo guard keeps the doors of Gulou's exam sites too: on exam day they show lane and room.
  const guard = await findUserByName(ctx.db, 'guard');
  if (guard) {
    const gulou = (await allVenues(ctx.db)).filter((v) => v.category === 'exam-site' && v.district_code === '350102');
    await ctx.db.k.transaction().execute(async (trx) => {
      for (const v of gulou) await linkOperator(trx, guard.id, v.id);
    });
  }
  return {
    sites: venues.length,
    newSites: venues.filter((v) => v.isNew).length,
    rooms: ROOMS,
    candidates: rows.length,
    personsRegistered: toMake.length,
    trips,
    special: plan.counts.special,
    barred: plan.counts.barred,
  };
}

/** The events module's part of the demo city. */
export const eventsSeed: SeedStep = { id: 'events.exam', run: (ctx, opts) => seedExam(ctx, opts) };
