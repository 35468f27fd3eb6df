import type { Insertable } from 'kysely';
import { divisionOf } from '../geo/geo.service.ts';
import { insertPersons, personIdsByIndex } from '../people/people.repo.ts';
import { normalisePhone, parseResidentId } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { actorLabel } from '../platform/auth/auth.rules.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { E } from '../platform/errors.ts';
import { readSheet } from '../platform/files/sheet.ts';
import { allVenues } from '../venues/venues.repo.ts';
import { EventErrors } from './events.errors.ts';
import {
  CANDIDATE_COLUMNS,
  CANDIDATE_PREVIEW,
  cap,
  Issues,
  previewOf,
  ROOM_COLUMNS,
  ROOM_PREVIEW,
} from './events.import.ts';
import {
  candidatesOf,
  insertCandidates,
  insertRooms,
  insertSites,
  maskedPersons,
  roomsOf,
  type StoredCandidate,
  sitesOf,
  updateCandidate,
  updateRoom,
  updateSite,
} from './events.repo.ts';
import { parseFlag } from './events.rules.ts';
import type { EventImportResult } from './events.schema.ts';
import { allow, type EventActor, loadEvent } from './events.service.ts';
import type { ExamCandidateRow, ExamRoomRow } from './events.tables.ts';

/**
 * Records an exam's rooms from a CSV/XLSX sheet (`site_code, room_no, capacity, isolation`, optional
 * `new_site, lng, lat`): each site must be a registered venue of category exam-site; a room cannot
 * shrink below the candidates already seated in it. All or nothing; re-sending changes nothing.
 */
export async function importRooms(
  ctx: Ctx,
  actor: EventActor,
  code: string,
  buf: Buffer,
  opts: { dryRun?: boolean; filename?: string } = {},
): Promise<EventImportResult> {
  allow(actor, 'events:write');
  const event = await loadEvent(ctx, code);
  const rows = await readSheet(buf, ROOM_COLUMNS, ['site', 'room', 'capacity', 'isolation']);
  const venues = new Map((await allVenues(ctx.db)).map((v) => [v.code, v]));
  const sites = new Map((await sitesOf(ctx.db, event.id)).map((s) => [s.venue_code, s]));
  const rooms = await roomsOf(ctx.db, event.id);
  const siteCode = new Map([...sites.values()].map((s) => [s.id, s.venue_code]));
  const roomByKey = new Map(rooms.map((r) => [`${siteCode.get(r.site_id)}/${r.room_no}`, r]));
  const seated = new Map<number, number>();
  for (const c of await candidatesOf(ctx.db, event.id)) seated.set(c.room_id, (seated.get(c.room_id) ?? 0) + 1);
  const issues = new Issues();
  const seen = new Map<string, number>();
  const good: Array<{
    site: string;
    room: string;
    capacity: number;
    isolation: boolean;
    isNew: boolean | null;
    lng: number | null;
    lat: number | null;
  }> = [];
  for (const r of rows) {
    const site = r.site ?? '';
    const venue = venues.get(site);
    if (!site) issues.add(r.row, 'site_code', EventErrors.EXAM_VALUE_MISSING);
    else if (!venue) issues.add(r.row, 'site_code', EventErrors.EXAM_SITE_UNKNOWN, { code: site });
    else if (venue.category !== 'exam-site')
      issues.add(r.row, 'site_code', EventErrors.EXAM_SITE_CATEGORY, { code: site, category: venue.category });
    const room = r.room ?? '';
    if (!room) issues.add(r.row, 'room_no', EventErrors.EXAM_VALUE_MISSING);
    const key = `${site}/${room}`;
    const other = seen.get(key);
    if (site && room && other !== undefined)
      issues.add(r.row, 'room_no', EventErrors.EXAM_ROOM_DUPLICATE, { site, room, other });
    seen.set(key, r.row);
    const capacity = cap(r.capacity);
    if (capacity === null)
      issues.add(r.row, 'capacity', EventErrors.EXAM_CAPACITY_INVALID, { value: r.capacity ?? '' });
    const known = roomByKey.get(key);
    const count = known ? (seated.get(known.id) ?? 0) : 0;
    if (capacity !== null && count > capacity)
      issues.add(r.row, 'capacity', EventErrors.EXAM_ROOM_OVER_CAPACITY, { site, room, capacity, count });
    const isolation = parseFlag(r.isolation);
    if (isolation === null) issues.add(r.row, 'isolation', EventErrors.EXAM_FLAG_INVALID, { value: r.isolation });
    const isNew = r.isNew === undefined || r.isNew === '' ? null : parseFlag(r.isNew);
    if (r.isNew && isNew === null) issues.add(r.row, 'new_site', EventErrors.EXAM_FLAG_INVALID, { value: r.isNew });
    const coord = (v: string | undefined, col: string, lo: number, hi: number) => {
      if (!v) return null;
      const n = Number(v);
      if (Number.isFinite(n) && n >= lo && n <= hi) return n;
      issues.add(r.row, col, E.INVALID_VALUE);
      return null;
    };
    const lng = coord(r.lng, 'lng', 73, 136);
    const lat = coord(r.lat, 'lat', 3, 54);
    if (capacity !== null && isolation !== null) good.push({ site, room, capacity, isolation, isNew, lng, lat });
  }
  const preview = previewOf(rows, ROOM_PREVIEW, issues.rows(), (r) => {
    const had = roomByKey.get(`${r.site ?? ''}/${r.room ?? ''}`);
    if (!had) return 'insert';
    const same = had.capacity === cap(r.capacity) && Boolean(had.isolation) === parseFlag(r.isolation);
    return same ? 'unchanged' : 'update';
  });
  issues.throwIfAny(preview);
  const siteChanges = new Map<string, { isNew: boolean | null; lng: number | null; lat: number | null }>();
  for (const g of good) {
    const was = siteChanges.get(g.site);
    siteChanges.set(g.site, {
      isNew: g.isNew ?? was?.isNew ?? null,
      lng: g.lng ?? was?.lng ?? null,
      lat: g.lat ?? was?.lat ?? null,
    });
  }
  const newSites = [...siteChanges].filter(([c]) => !sites.has(c));
  const changedSites = [...siteChanges].flatMap(([c, s]) => {
    const had = sites.get(c);
    if (!had) return [];
    const set: { is_new?: number; lng?: number; lat?: number } = {};
    if (s.isNew !== null && Boolean(had.is_new) !== s.isNew) set.is_new = s.isNew ? 1 : 0;
    if (s.lng !== null && had.lng !== s.lng) set.lng = s.lng;
    if (s.lat !== null && had.lat !== s.lat) set.lat = s.lat;
    return Object.keys(set).length ? [{ id: had.id, set }] : [];
  });
  const inserts = good.filter((g) => !roomByKey.has(`${g.site}/${g.room}`));
  const updates = good.flatMap((g) => {
    const had = roomByKey.get(`${g.site}/${g.room}`);
    if (!had || (had.capacity === g.capacity && Boolean(had.isolation) === g.isolation)) return [];
    return [{ id: had.id, capacity: g.capacity, isolation: g.isolation ? 1 : 0 }];
  });
  const result: EventImportResult = {
    rows: rows.length,
    inserted: inserts.length,
    updated: updates.length,
    unchanged: rows.length - inserts.length - updates.length,
    personsCreated: 0,
    dryRun: !!opts.dryRun,
    ...(opts.dryRun ? { preview } : {}),
  };
  if (opts.dryRun || (!inserts.length && !updates.length && !newSites.length && !changedSites.length)) return result;
  await ctx.db.k.transaction().execute(async (trx) => {
    const ids = await insertSites(
      trx,
      newSites.map(([c, s]) => {
        const v = venues.get(c) as { name: string; district_code: string };
        return {
          event_id: event.id,
          venue_code: c,
          name: v.name,
          district_code: v.district_code,
          is_new: s.isNew ? 1 : 0,
          lng: s.lng,
          lat: s.lat,
        };
      }),
    );
    const siteId = new Map([...sites.values()].map((s) => [s.venue_code, s.id]));
    newSites.forEach(([c], i) => {
      siteId.set(c, ids[i] as number);
    });
    for (const s of changedSites) await updateSite(trx, s.id, s.set);
    const fresh: Insertable<ExamRoomRow>[] = inserts.map((g) => ({
      event_id: event.id,
      site_id: siteId.get(g.site) as number,
      room_no: g.room,
      capacity: g.capacity,
      isolation: g.isolation ? 1 : 0,
    }));
    await insertRooms(trx, fresh);
    for (const u of updates) await updateRoom(trx, u.id, { capacity: u.capacity, isolation: u.isolation });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'exam-rooms-imported',
      entity: 'event',
      entityId: event.code,
      detail: { filename: opts.filename ?? null, ...result, sitesAdded: newSites.length },
    });
  });
  return result;
}

/**
 * Records an exam's candidates from a CSV/XLSX sheet (`candidate_no, id_number, name, phone,
 * site_code, room_no, shuttle_requested, pickup_address`, Chinese headers too). Persons are matched
 * by the blind index of their ID number or registered through `people` (encrypted, masked; in the
 * community given, else their site's). All or nothing, every bad row named; keyed by candidate_no,
 * so re-sending the file changes nothing.
 */
export async function importCandidates(
  ctx: Ctx,
  actor: EventActor,
  code: string,
  buf: Buffer,
  opts: { dryRun?: boolean; filename?: string } = {},
): Promise<EventImportResult> {
  allow(actor, 'events:write');
  const event = await loadEvent(ctx, code);
  const rows = await readSheet(buf, CANDIDATE_COLUMNS, ['no', 'idNumber', 'name', 'site', 'room']);
  const sites = new Map((await sitesOf(ctx.db, event.id)).map((s) => [s.venue_code, s]));
  const rooms = await roomsOf(ctx.db, event.id);
  const siteCode = new Map([...sites.values()].map((s) => [s.id, s.venue_code]));
  const roomByKey = new Map(rooms.map((r) => [`${siteCode.get(r.site_id)}/${r.room_no}`, r]));
  const existing = new Map((await candidatesOf(ctx.db, event.id)).map((c) => [c.candidate_no, c]));
  const venues = new Map((await allVenues(ctx.db)).map((v) => [v.code, v]));
  const issues = new Issues();
  const seenNo = new Map<string, number>();
  const seenId = new Map<string, number>();
  type Good = {
    row: number;
    no: string;
    idNumber: string;
    index: string;
    name: string;
    phone: string | null;
    siteId: number;
    roomId: number;
    shuttle: boolean;
    pickup: string | null;
    community: string;
  };
  const good: Good[] = [];
  for (const r of rows) {
    const no = r.no ?? '';
    if (!no) issues.add(r.row, 'candidate_no', EventErrors.EXAM_VALUE_MISSING);
    const otherNo = seenNo.get(no);
    if (no && otherNo !== undefined)
      issues.add(r.row, 'candidate_no', EventErrors.EXAM_CANDIDATE_DUPLICATE, { no, other: otherNo });
    seenNo.set(no, r.row);
    const parsed = parseResidentId((r.idNumber ?? '').toUpperCase());
    let idNumber = '';
    if (!parsed.ok) {
      const { code: c, ...params } = parsed.problem;
      issues.add(r.row, 'id_number', c, params);
    } else {
      idNumber = parsed.facts.idNumber;
      const otherId = seenId.get(idNumber);
      if (otherId !== undefined) issues.add(r.row, 'id_number', EventErrors.EXAM_PERSON_TWICE, { other: otherId });
      seenId.set(idNumber, r.row);
    }
    const name = r.name ?? '';
    if (!name) issues.add(r.row, 'name', EventErrors.EXAM_VALUE_MISSING);
    const phone = r.phone ? normalisePhone(r.phone) : null;
    if (r.phone && !phone) issues.add(r.row, 'phone', 'PERSON_PHONE_INVALID');
    const site = sites.get(r.site ?? '');
    if (!site) issues.add(r.row, 'site_code', EventErrors.EXAM_SITE_NOT_IN_EVENT, { code: r.site ?? '' });
    const room = site && roomByKey.get(`${site.venue_code}/${r.room ?? ''}`);
    if (site && !room)
      issues.add(r.row, 'room_no', EventErrors.EXAM_ROOM_UNKNOWN, { site: site.venue_code, room: r.room ?? '' });
    const shuttle = parseFlag(r.shuttle);
    if (shuttle === null) issues.add(r.row, 'shuttle_requested', EventErrors.EXAM_FLAG_INVALID, { value: r.shuttle });
    const community = r.community || (site ? (venues.get(site.venue_code)?.community_code ?? '') : '');
    if (r.community && divisionOf(r.community)?.level !== 'community')
      issues.add(r.row, 'community_code', 'DIVISION_UNKNOWN', { code: r.community });
    if (site && room && shuttle !== null && idNumber && name && no)
      good.push({
        row: r.row,
        no,
        idNumber,
        index: ctx.crypto.blindIndex('id', idNumber),
        name,
        phone,
        siteId: site.id,
        roomId: room.id,
        shuttle,
        pickup: r.pickup || null,
        community,
      });
  }
  const persons = await personIdsByIndex(
    ctx.db.k,
    good.map((g) => g.index),
  );
  const names = await personNames(ctx, [...persons.values()]);
  for (const g of good) {
    const pid = persons.get(g.index);
    if (pid !== undefined && names.get(pid) !== g.name)
      issues.add(g.row, 'name', EventErrors.EXAM_PERSON_NAME_MISMATCH);
    const had = existing.get(g.no);
    if (had && had.person_id !== pid)
      issues.add(g.row, 'id_number', EventErrors.EXAM_CANDIDATE_PERSON_CHANGED, { no: g.no });
  }
  // Seats after the import: candidates kept from before plus the file's, room by room.
  const inRoom = new Map<number, Good[]>();
  for (const g of good) inRoom.set(g.roomId, [...(inRoom.get(g.roomId) ?? []), g]);
  const fileNos = new Set(good.map((g) => g.no));
  const kept = new Map<number, number>();
  for (const c of existing.values())
    if (!fileNos.has(c.candidate_no)) kept.set(c.room_id, (kept.get(c.room_id) ?? 0) + 1);
  for (const room of rooms) {
    const list = inRoom.get(room.id) ?? [];
    const count = list.length + (kept.get(room.id) ?? 0);
    if (count > room.capacity)
      for (const g of list.slice(Math.max(0, room.capacity - (kept.get(room.id) ?? 0))))
        issues.add(g.row, 'room_no', EventErrors.EXAM_ROOM_OVER_CAPACITY, {
          site: siteCode.get(room.site_id),
          room: room.room_no,
          capacity: room.capacity,
          count,
        });
  }
  // Whether a stored candidate would be left as it is: same seat, shuttle and pickup.
  const same = (had: StoredCandidate, siteId?: number, roomId?: number, shuttle?: boolean | null, pickup?: string) =>
    had.site_id === siteId &&
    had.room_id === roomId &&
    Boolean(had.shuttle) === shuttle &&
    (had.pickup_cipher ? ctx.crypto.decrypt(had.pickup_cipher) : null) === (pickup || null);
  const preview = previewOf(rows, CANDIDATE_PREVIEW, issues.rows(), (r) => {
    const had = existing.get(r.no ?? '');
    const site = sites.get(r.site ?? '');
    const room = site && roomByKey.get(`${site.venue_code}/${r.room ?? ''}`);
    if (!had) return 'insert';
    return same(had, site?.id, room?.id, parseFlag(r.shuttle), r.pickup) ? 'unchanged' : 'update';
  });
  issues.throwIfAny(preview);
  const now = nowIso();
  const fresh = good.filter((g) => !persons.has(g.index));
  const inserts = good.filter((g) => !existing.has(g.no));
  const updates = good.flatMap((g) => {
    const had = existing.get(g.no);
    return !had || same(had, g.siteId, g.roomId, g.shuttle, g.pickup ?? undefined) ? [] : [{ id: had.id, g }];
  });
  const result: EventImportResult = {
    rows: rows.length,
    inserted: inserts.length,
    updated: updates.length,
    unchanged: rows.length - inserts.length - updates.length,
    personsCreated: fresh.length,
    dryRun: !!opts.dryRun,
    ...(opts.dryRun ? { preview } : {}),
  };
  if (opts.dryRun || (!inserts.length && !updates.length)) return result;
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertPersons(
      trx,
      fresh.map((g) =>
        sealPerson(
          ctx.crypto,
          { idNumber: g.idNumber, name: g.name, phone: g.phone ?? undefined, communityCode: g.community },
          now,
        ),
      ),
    );
    const ids = fresh.length
      ? await personIdsByIndex(
          trx,
          fresh.map((g) => g.index),
        )
      : new Map<string, number>();
    const personOf = (g: Good) => (persons.get(g.index) ?? ids.get(g.index)) as number;
    const seal = (g: Good) => (g.pickup ? ctx.crypto.encrypt(g.pickup) : null);
    const rowsIn: Insertable<ExamCandidateRow>[] = inserts.map((g) => ({
      event_id: event.id,
      candidate_no: g.no,
      person_id: personOf(g),
      site_id: g.siteId,
      room_id: g.roomId,
      shuttle: g.shuttle ? 1 : 0,
      pickup_cipher: seal(g),
      planned_room_id: null,
      plan_reason: null,
      created_at: now,
      updated_at: now,
    }));
    await insertCandidates(trx, rowsIn);
    for (const u of updates)
      await updateCandidate(trx, u.id, {
        site_id: u.g.siteId,
        room_id: u.g.roomId,
        shuttle: u.g.shuttle ? 1 : 0,
        pickup_cipher: seal(u.g),
        updated_at: now,
      });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'exam-candidates-imported',
      entity: 'event',
      entityId: event.code,
      detail: { filename: opts.filename ?? null, ...result },
    });
  });
  return result;
}

async function personNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const [id, p] of await maskedPersons(ctx.db, ids)) out.set(id, ctx.crypto.decrypt(p.nameCipher));
  return out;
}
