import { nameOf } from '../geo/geo.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso, nowMs, parseInstant } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { EventErrors } from './events.errors.ts';
import {
  allEvents,
  candidatesOf,
  eventByCode,
  insertEvent,
  roomsOf,
  type StoredEvent,
  sessionsOf,
  sitesOf,
} from './events.repo.ts';
import type { EventInput, EventSummary } from './events.schema.ts';
import { tripsBySite } from './shuttles.repo.ts';

/** Who acts: a signed-in user, the console (`cli`) or the demo seed (`system`). */
export type EventActor = Actor | 'cli' | 'system';

/** Checks a permission for a signed-in user; the console and the seed act for the exam office. */
export function allow(actor: EventActor, permission: 'events:read' | 'events:write'): void {
  if (typeof actor !== 'string') requirePermission(actor, permission);
}

/** The division prefix an actor's answers are limited to ('' for the console and the seed). */
export function prefixOf(actor: EventActor): string {
  if (typeof actor === 'string') return '';
  return scopePrefix(actor.scope) ?? '\u0000';
}

/** An event by code, or EVENT_NOT_FOUND. */
export async function loadEvent(ctx: Ctx, code: string): Promise<StoredEvent> {
  const e = await eventByCode(ctx.db, code);
  if (!e) throw new AppError(EventErrors.EVENT_NOT_FOUND, { code });
  return e;
}

/** An instant given by a caller, or now on the server clock. */
export function instantOf(at: string | undefined): number {
  if (at === undefined || at === '') return nowMs();
  try {
    return parseInstant(at);
  } catch {
    throw new AppError(EventErrors.EXAM_INSTANT_INVALID, { at });
  }
}

/** Creates an exam with its sessions; the same event sent again is answered unchanged. */
export async function createEvent(ctx: Ctx, actor: EventActor, input: EventInput): Promise<EventSummary> {
  allow(actor, 'events:write');
  input.sessions.forEach((s, i) => {
    const from = instantOf(s.startsAt);
    const to = instantOf(s.endsAt);
    const day = new Date(from + 8 * 3600_000).toISOString().slice(0, 10);
    if (!(from < to) || day !== s.day) throw new AppError(EventErrors.EVENT_SESSION_INVALID, { index: i + 1 });
  });
  const sessions = input.sessions.map((s) => ({
    day: s.day,
    starts_at: new Date(instantOf(s.startsAt)).toISOString(),
    ends_at: new Date(instantOf(s.endsAt)).toISOString(),
  }));
  const existing = await eventByCode(ctx.db, input.code);
  if (existing) {
    const had = await sessionsOf(ctx.db, existing.id);
    const same =
      existing.name === input.name &&
      existing.kind === input.kind &&
      JSON.stringify(had.map((s) => [s.day, s.starts_at, s.ends_at])) ===
        JSON.stringify(sessions.map((s) => [s.day, s.starts_at, s.ends_at]));
    if (!same) throw new AppError(EventErrors.EVENT_EXISTS, { code: input.code });
    return eventSummary(ctx, actor, input.code);
  }
  await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertEvent(
      trx,
      { code: input.code, name: input.name, kind: input.kind, created_at: nowIso() },
      sessions,
    );
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'event-created',
      entity: 'event',
      entityId: id,
      detail: { code: input.code, sessions: sessions.length },
    });
  });
  return eventSummary(ctx, actor, input.code);
}

/** An event's figures inside the actor's scope: sites (new ones by county), rooms, seats, candidates. */
export async function eventSummary(ctx: Ctx, actor: EventActor, code: string): Promise<EventSummary> {
  allow(actor, 'events:read');
  const e = await loadEvent(ctx, code);
  return summaryOf(ctx, actor, e);
}

async function summaryOf(ctx: Ctx, actor: EventActor, e: StoredEvent): Promise<EventSummary> {
  const prefix = prefixOf(actor);
  const sites = (await sitesOf(ctx.db, e.id)).filter((s) => s.district_code.startsWith(prefix));
  const siteIds = new Set(sites.map((s) => s.id));
  const rooms = (await roomsOf(ctx.db, e.id)).filter((r) => siteIds.has(r.site_id));
  const candidates = (await candidatesOf(ctx.db, e.id)).filter((c) => siteIds.has(c.site_id));
  const newBy = new Map<string, number>();
  for (const s of sites) if (s.is_new) newBy.set(s.district_code, (newBy.get(s.district_code) ?? 0) + 1);
  const iso = rooms.filter((r) => r.isolation);
  const sum = (xs: Array<{ capacity: number }>) => xs.reduce((a, r) => a + r.capacity, 0);
  return {
    code: e.code,
    name: e.name,
    kind: e.kind,
    sessions: (await sessionsOf(ctx.db, e.id)).map((s) => ({ day: s.day, startsAt: s.starts_at, endsAt: s.ends_at })),
    sites: sites.length,
    newSites: sites.filter((s) => s.is_new).length,
    newSitesByDistrict: [...newBy]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, n]) => ({ code: c, name: nameOf(c) ?? c, sites: n })),
    rooms: rooms.length,
    isolationRooms: iso.length,
    seats: sum(rooms),
    isolationSeats: sum(iso),
    candidates: candidates.length,
    shuttleRequests: candidates.filter((c) => c.shuttle).length,
    shuttleTrips: [...(await tripsBySite(ctx.db, e.id))].reduce((n, [site, k]) => n + (siteIds.has(site) ? k : 0), 0),
  };
}

/** Every event's figures inside the actor's scope. */
export async function listEvents(ctx: Ctx, actor: EventActor): Promise<EventSummary[]> {
  allow(actor, 'events:read');
  const out: EventSummary[] = [];
  for (const e of await allEvents(ctx.db)) out.push(await summaryOf(ctx, actor, e));
  return out;
}
