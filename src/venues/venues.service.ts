import { divisionOf } from '../geo/geo.data.ts';
import { GeoErrors } from '../geo/geo.errors.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { beijingToday, nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { announce, events } from '../platform/events.ts';
import { checkState, freshState } from './checks.service.ts';
import { hasLaterHours, latestScanDay, scanBreakdown, scanStats, scanTotals } from './counters.repo.ts';
import { areaRanking, countedArea, keptRanking, type RankedVenue, upToNow } from './statistics.ts';
import { changesSince, insertStatusChanges } from './status-history.repo.ts';
import { signVenueCode } from './venues.codes.ts';
import { VenueErrors } from './venues.errors.ts';
import {
  allVenues,
  insertVenues,
  operatorVenueIds,
  type StoredVenue,
  updateVenue,
  venuesByCodes,
} from './venues.repo.ts';
import { type Category, kindFits, unusualVenues, type VenueStatus } from './venues.rules.ts';

/** Registers venues (the demo, imports, the registry's route and CLI); codes are issued on request from the current version. */
export async function createVenues(
  ctx: Ctx,
  actor: Actor | 'system' | 'cli',
  venues: Array<{
    code: string;
    name: string;
    category: Category;
    /** The kind within the category (VENUE_KINDS), where the category has kinds. */
    kind?: string | null;
    communityCode: string;
    status?: VenueStatus;
  }>,
) {
  if (typeof actor !== 'string') requirePermission(actor, 'venues:write');
  const existing = new Set(
    (
      await venuesByCodes(
        ctx.db,
        venues.map((v) => v.code),
      )
    ).map((v) => v.code),
  );
  const now = nowIso();
  const rows = venues.map((v) => {
    if (existing.has(v.code)) throw new AppError(VenueErrors.VENUE_EXISTS, { code: v.code });
    if (divisionOf(v.communityCode)?.level !== 'community')
      throw new AppError(GeoErrors.DIVISION_UNKNOWN, { code: v.communityCode });
    if (!kindFits(v.category, v.kind))
      throw new AppError(VenueErrors.VENUE_KIND_UNKNOWN, { code: v.code, kind: String(v.kind), category: v.category });
    if (typeof actor !== 'string' && !scopeCoversDivision(actor.scope, v.communityCode))
      throw new AppError(AuthErrors.OUT_OF_SCOPE);
    return {
      code: v.code,
      name: v.name,
      category: v.category,
      kind: v.kind ?? null,
      district_code: v.communityCode.slice(0, 6),
      community_code: v.communityCode,
      status: v.status ?? 'open',
      code_version: 1,
      created_at: now,
    };
  });
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertVenues(trx, rows);
    if (actor !== 'system')
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'venues-created',
        entity: 'venue',
        entityId: rows[0]?.code ?? null,
        detail: { count: rows.length },
      });
  });
  announce('venues-changed');
  return rows.length;
}

// The registry as the screens read it: 100,000 venues took 230 ms to read on the server's
// connection, on every venue screen and dashboard refresh; kept until a venue changes.
const registry = new WeakMap<Ctx['db'], { generation: number; venues: Promise<StoredVenue[]> }>();
let generation = 0;
events.on('venues-changed', () => {
  generation++;
});

/** Every venue, ordered by id, from memory unless a venue changed since it was read. */
export function venuesOf(ctx: Ctx): Promise<StoredVenue[]> {
  const kept = registry.get(ctx.db);
  if (kept && kept.generation === generation) return kept.venues;
  const venues = allVenues(ctx.db);
  registry.set(ctx.db, { generation, venues });
  // A failed read is not kept (unless a newer read already replaced it): the next call reads again.
  venues.catch(() => {
    if (registry.get(ctx.db)?.venues === venues) registry.delete(ctx.db);
  });
  return venues;
}

/** The venue ids a venue operator is tied to, or null for other roles (they see their area). */
export async function ownVenues(ctx: Ctx, actor: Actor): Promise<Set<number> | null> {
  return actor.role === 'venue-operator' ? new Set(await operatorVenueIds(ctx.db, actor.userId)) : null;
}

/** Whether the actor may see a venue: inside their area, and for an operator one of their own. */
export function venueVisible(actor: Actor, own: Set<number> | null, v: { id: number; community_code: string }) {
  return scopeCoversDivision(actor.scope, v.community_code) && (!own || own.has(v.id));
}

/** A venue the actor may act on, or the stable refusal (unknown, out of area, not the operator's own). */
export async function venueInScope(ctx: Ctx, actor: Actor, code: string) {
  // Fresh, not cached: right after a revocation the poster and the code must show the new version.
  const v = (await freshState(ctx)).venues.get(code) ?? (await allVenues(ctx.db)).find((x) => x.code === code);
  if (!v) throw new AppError(VenueErrors.VENUE_UNKNOWN, { code });
  if (!scopeCoversDivision(actor.scope, v.community_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const own = await ownVenues(ctx, actor);
  if (own && !own.has(v.id)) throw new AppError(VenueErrors.VENUE_NOT_YOURS);
  return v;
}

/** The printable code of a venue (signed; the current version only). */
export async function venueCode(ctx: Ctx, actor: Actor, code: string): Promise<string> {
  requirePermission(actor, 'venues:read');
  const v = await venueInScope(ctx, actor, code);
  return signVenueCode((await checkState(ctx)).keys, v.code, v.code_version);
}

/** Opens, suspends or puts a venue under closed-loop management; audited. */
export async function setVenueStatus(ctx: Ctx, actor: Actor, code: string, status: VenueStatus) {
  requirePermission(actor, 'venues:write');
  const v = await venueInScope(ctx, actor, code);
  await ctx.db.k.transaction().execute(async (trx) => {
    // A venue set by hand is no longer held by a notice: reopening the notice leaves it as set here.
    await updateVenue(trx, code, { status, notice_no: null });
    // Kept with its moment, so that a check replayed before it meets the status it replaced.
    const since = await changesSince(trx, [v.id], nowIso());
    await insertStatusChanges(trx, [
      {
        venue_id: v.id,
        since: since(v.id),
        status,
        notice_no: null,
        previous_status: v.status,
        previous_notice_no: v.notice_no,
        set_by: actorLabel(actor),
      },
    ]);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'venue-status',
      entity: 'venue',
      entityId: code,
      detail: { from: v.status, to: status, ...(v.notice_no ? { notice: v.notice_no } : {}) },
    });
  });
  announce('venues-changed');
}

/** Revokes every printed code of a venue by moving to a new version; audited. */
export async function revokeVenueCode(ctx: Ctx, actor: Actor, code: string) {
  requirePermission(actor, 'venues:write');
  const v = await venueInScope(ctx, actor, code);
  await ctx.db.k.transaction().execute(async (trx) => {
    await updateVenue(trx, code, { code_version: v.code_version + 1 });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'venue-code-revoked',
      entity: 'venue',
      entityId: code,
      detail: { version: v.code_version },
    });
  });
  announce('venues-changed');
}

/**
 * The registry's venues of the actor's area (or the one venue named), and an operator's own.
 * `one`: the named venue, found and allowed already (venueInScope), without a pass over the registry.
 */
async function areaRegistry(ctx: Ctx, actor: Actor, district?: string, venue?: string, one?: StoredVenue) {
  requirePermission(actor, 'venues:read');
  const own = await ownVenues(ctx, actor);
  if (one && one.code === venue) return { venues: !district || one.district_code === district ? [one] : [], own };
  const venues = (await venuesOf(ctx)).filter(
    (v) => (!venue || v.code === venue) && (!district || v.district_code === district) && venueVisible(actor, own, v),
  );
  return { venues, own };
}

/**
 * The venues of the actor's area (or the one venue named), each with its day's scans, denials and
 * paper lines, from the kept counters (read off the server thread).
 */
async function areaVenues(
  ctx: Ctx,
  actor: Actor,
  day: string,
  district?: string,
  venue?: string,
  registry?: Awaited<ReturnType<typeof areaRegistry>>,
) {
  const { venues, own } = registry ?? (await areaRegistry(ctx, actor, district, venue));
  const all = actor.scope.kind === 'city' && !district && !own && !venue;
  const stats = new Map(
    (await scanStats(ctx.db, upToNow(day, all ? {} : { venueIds: venues.map((v) => v.id) }))).map((s) => [
      s.venueId,
      s,
    ]),
  );
  const none = { scans: 0, denied: 0, paper: 0 };
  return venues.map((v) => ({ v, n: stats.get(v.id) ?? none }));
}

function listed({ v, n }: { v: StoredVenue; n: { scans: number; denied: number; paper: number } }) {
  return {
    id: v.id,
    codeVersion: v.code_version,
    code: v.code,
    name: v.name,
    category: v.category,
    districtCode: v.district_code,
    communityCode: v.community_code,
    status: v.status as VenueStatus,
    notice: v.notice_no,
    scans: n.scans,
    denied: n.denied,
    paper: n.paper,
  };
}

/** Venues of the actor's area with the day's scans and denials. */
export async function listVenues(ctx: Ctx, actor: Actor, day: string, district?: string) {
  return (await areaVenues(ctx, actor, day, district)).map(listed);
}

/**
 * One page of the area's venues, busiest first (then by code), optionally those whose name or code
 * holds `q`, with one status, of one category or held by one notice, and how many match: the venue screen of a city with 100,000
 * venues asks for 200 rather than the 18.7 MB list.
 */
export async function venuePage(
  ctx: Ctx,
  actor: Actor,
  day: string,
  f: {
    district?: string;
    q?: string;
    status?: string;
    category?: string;
    notice?: string;
    limit: number;
    offset: number;
  },
) {
  const needle = f.q?.trim().toLowerCase();
  const matching = (await areaVenues(ctx, actor, day, f.district))
    .filter(
      ({ v }) =>
        (!f.status || v.status === f.status) &&
        (!f.category || v.category === f.category) &&
        (!f.notice || v.notice_no === f.notice) &&
        (!needle || v.name.toLowerCase().includes(needle) || v.code.toLowerCase().includes(needle)),
    )
    // Codes are ASCII: a plain comparison, not localeCompare (which took most of 100,000 venues' sort).
    .sort((a, b) => b.n.scans - a.n.scans || (a.v.code < b.v.code ? -1 : a.v.code > b.v.code ? 1 : 0));
  return { total: matching.length, items: matching.slice(f.offset, f.offset + f.limit).map(listed) };
}

/**
 * A day's entrance statistics in the actor's area: scans and denials per hour (Beijing time),
 * denials by reason, the busiest venues, and venues whose denial rate is unusual for their
 * category (see unusualVenues; both ends: a guard waving people through shows up as too few).
 * With `venue`, the same for that one venue (its scans per hour). Totals, hours and reasons come
 * from the area's kept counters (a few hundred rows); a city's or a district's busiest venues from
 * the day counters' index, its unusual ones from the kept list (statistics.ts), made at `rankedScans`.
 */
export async function venueStats(ctx: Ctx, actor: Actor, day: string, district?: string, venue?: string) {
  requirePermission(actor, 'venues:read');
  const one = venue ? await venueInScope(ctx, actor, venue) : undefined;
  const operator = actor.role === 'venue-operator';
  const perVenue = !!countedArea(actor, operator, () => [], district, venue).venueIds;
  // A few venues' ids come from the registry in memory, so that their counters are read at once.
  const registry = perVenue ? await areaRegistry(ctx, actor, district, venue, one) : undefined;
  const ids = registry ? registry.venues.map((v) => v.id) : [];
  let venues: ReturnType<typeof listed>[] | undefined;
  const areaList = async () => {
    venues ??= (await areaVenues(ctx, actor, day, district, venue, registry)).map(listed);
    return venues;
  };
  const w = upToNow(
    day,
    countedArea(actor, operator, () => ids, district, venue),
  );
  const [t, b, later] = await Promise.all([
    scanTotals(ctx.db, w),
    scanBreakdown(ctx.db, w),
    !perVenue && hasLaterHours(ctx.db, w),
    perVenue && areaList(),
  ]);
  // The venues' rows ranked here: kept for a city or a district with counts after the hour.
  async function rankedFromRows() {
    return w.venueIds
      ? await rank()
      : await keptRanking(
          await venuesOf(ctx),
          `${day}|${w.untilHour}|${actor.scope.kind}:${actor.scope.code}|${district ?? ''}`,
          `${t.scans}|${t.denied}|${t.paper}`,
          rank,
        );
  }
  async function rank() {
    const vs = await areaList();
    return {
      busiest: [...vs].sort((a, b) => b.scans - a.scans).slice(0, 10),
      // Paper sheets record visits nobody checked at the door: they stay out of the denial rates.
      unusual: unusualVenues(vs.map((v) => ({ ...v, scans: v.scans - v.paper }))),
      rankedScans: vs.reduce((s, v) => s + v.scans, 0),
    };
  }
  // A city's or a district's busiest from the index and unusual from the kept list (statistics.ts);
  // a street, a community, an operator or one venue has few enough to rank on each request.
  const asListed = ({ v, n }: RankedVenue) => listed({ v, n });
  const ranked =
    !w.venueIds && !later
      ? await areaRanking(ctx.db, w, `${generation}|${day}|${w.district ?? ''}`, t).then((r) => ({
          busiest: r.busiest.map(asListed),
          unusual: r.unusual.map((u) => ({ ...asListed(u), why: u.why, expectedRate: u.expectedRate })),
          rankedScans: r.rankedScans,
        }))
      : await rankedFromRows();
  const checked = t.scans - t.paper;
  return {
    date: day,
    scans: t.scans,
    denied: t.denied,
    denialRate: Number((checked ? t.denied / checked : 0).toFixed(4)),
    byHour: b.hours.map((h) => ({ hour: `${String(h.hour).padStart(2, '0')}:00`, scans: h.scans, denied: h.denied })),
    byReason: b.reasons.sort((x, y) => y.n - x.n),
    busiest: ranked.busiest,
    paper: t.paper,
    unusual: ranked.unusual,
    rankedScans: ranked.rankedScans,
  };
}

/**
 * The day's scans, denials and denial rate in the actor's area, as venueStats counts them (paper
 * lines out of the rate): the big screen's tile, without the per-venue counts that venueStats
 * brings back (about 100,000 rows for a city, 40–90 ms of the answering thread).
 */
export async function venueTotals(ctx: Ctx, actor: Actor, day: string) {
  requirePermission(actor, 'venues:read');
  const operator = actor.role === 'venue-operator';
  const ids = operator || !['city', 'district'].includes(actor.scope.kind) ? await areaVenueIds(ctx, actor) : [];
  const t = await scanTotals(
    ctx.db,
    upToNow(
      day,
      countedArea(actor, operator, () => ids ?? []),
    ),
  );
  const checked = t.scans - t.paper;
  return {
    date: day,
    scans: t.scans,
    denied: t.denied,
    denialRate: Number((checked ? t.denied / checked : 0).toFixed(4)),
  };
}

/** The latest day with scans up to the business today (never a later one: nothing after the clock). */
export async function latestDay(ctx: Ctx, actor: Actor): Promise<string | null> {
  requirePermission(actor, 'venues:read');
  return latestScanDay(ctx.db, await areaVenueIds(ctx, actor), beijingToday());
}

/** The ids of the venues the actor may see, or undefined for every venue (the city's command centre). */
async function areaVenueIds(ctx: Ctx, actor: Actor): Promise<number[] | undefined> {
  const own = await ownVenues(ctx, actor);
  if (actor.scope.kind === 'city' && !own) return undefined;
  return (await venuesOf(ctx)).filter((v) => venueVisible(actor, own, v)).map((v) => v.id);
}
