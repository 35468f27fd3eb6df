import { divisionOf } from '../geo/geo.data.ts';
import { GeoErrors } from '../geo/geo.errors.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision, scopeOverlapsDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import { changesSince, insertStatusChanges } from './status-history.repo.ts';
import { noticeSince } from './status-history.rules.ts';
import { SuspensionErrors } from './suspensions.errors.ts';
import {
  allNotices,
  closeNotice,
  heldCounts,
  insertNotice,
  insertNoticeItems,
  itemCounts,
  noticeByNo,
  noticeItems,
  type StoredNotice,
  setVenuesHeld,
} from './suspensions.repo.ts';
import {
  inNoticeScope,
  type NoticeKind,
  type NoticeScope,
  restoredStatus,
  takenByNotice,
} from './suspensions.rules.ts';
import { allVenues } from './venues.repo.ts';
import type { Category, VenueStatus } from './venues.rules.ts';

/** A notice as it is sent: its number and title, the day it takes effect, and what it takes. */
export interface NoticeInput extends NoticeScope {
  noticeNo: string;
  title: string;
  effectiveOn: string;
}

type Who = Actor | 'system' | 'cli';

/** The whole city needs a city scope; named districts must each lie inside the actor's area. */
function mayActOn(actor: Who, districts: string[]): void {
  if (typeof actor === 'string') return;
  requirePermission(actor, 'venues:write');
  if (
    districts.length === 0 ? actor.scope.kind !== 'city' : districts.some((d) => !scopeCoversDivision(actor.scope, d))
  )
    throw new AppError(AuthErrors.OUT_OF_SCOPE);
}

const scopeOf = (n: StoredNotice): NoticeScope => ({
  categories: JSON.parse(n.categories) as Category[],
  kinds: JSON.parse(n.kinds) as NoticeKind[],
  districts: JSON.parse(n.districts) as string[],
});

/**
 * Suspends every venue of the notice's categories (and kinds) in its districts or the whole city,
 * remembering each one's status; venues already suspended are left to whoever holds them. One
 * transaction with its audit entry: all the venues or none.
 */
export async function suspendByNotice(ctx: Ctx, actor: Who, input: NoticeInput) {
  for (const d of input.districts)
    if (divisionOf(d)?.level !== 'district') throw new AppError(GeoErrors.DIVISION_UNKNOWN, { code: d });
  mayActOn(actor, input.districts);
  const notice = input.noticeNo.trim();
  if (await noticeByNo(ctx.db.k, notice)) throw new AppError(SuspensionErrors.NOTICE_EXISTS, { notice });
  const inScope = (await allVenues(ctx.db)).filter((v) => inNoticeScope(input, v));
  const taken = inScope.filter((v) => takenByNotice(v.status as VenueStatus));
  if (taken.length === 0) throw new AppError(SuspensionErrors.NOTICE_NO_VENUES, { notice });
  const at = nowIso();
  const by = actorLabel(actor);
  await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertNotice(trx, {
      notice_no: notice,
      title: input.title,
      categories: JSON.stringify(input.categories),
      kinds: JSON.stringify(input.kinds),
      districts: JSON.stringify(input.districts),
      effective_on: input.effectiveOn,
      issued_at: at,
      issued_by: by,
      reopened_at: null,
      reopened_by: null,
    });
    await insertNoticeItems(
      trx,
      taken.map((v) => ({ notice_id: id, venue_id: v.id, previous_status: v.status, restored: 0 })),
    );
    // Kept with its moment for replayed checks: from the notice's day (statusAt reads it).
    const since = await changesSince(
      trx,
      taken.map((v) => v.id),
      noticeSince(at, input.effectiveOn),
    );
    await insertStatusChanges(
      trx,
      taken.map((v) => ({
        venue_id: v.id,
        since: since(v.id),
        status: 'suspended',
        notice_no: notice,
        previous_status: v.status,
        previous_notice_no: v.notice_no,
        set_by: by,
      })),
    );
    await setVenuesHeld(
      trx,
      taken.map((v) => v.id),
      { status: 'suspended', notice_no: notice },
    );
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: by,
      action: 'venues-suspended-by-notice',
      entity: 'venue-notice',
      entityId: notice,
      detail: {
        categories: input.categories,
        kinds: input.kinds,
        districts: input.districts,
        suspended: taken.length,
        alreadySuspended: inScope.length - taken.length,
      },
    });
  });
  announce('venues-changed');
  return { noticeNo: notice, suspended: taken.length, alreadySuspended: inScope.length - taken.length };
}

/**
 * Reopens by a notice: every venue the notice suspended and still holds gets back its status from
 * before; a venue someone opened or suspended since is left as it is and listed. Audited.
 */
export async function reopenByNotice(ctx: Ctx, actor: Who, noticeNo: string) {
  const notice = noticeNo.trim();
  const n = await noticeByNo(ctx.db.k, notice);
  if (!n) throw new AppError(SuspensionErrors.NOTICE_UNKNOWN, { notice });
  mayActOn(actor, scopeOf(n).districts);
  if (n.reopened_at) throw new AppError(SuspensionErrors.NOTICE_REOPENED, { notice, at: n.reopened_at });
  const at = nowIso();
  const by = actorLabel(actor);
  const result = await ctx.db.k.transaction().execute(async (trx) => {
    const items = await noticeItems(trx, n.id);
    const back = new Map<VenueStatus, number[]>();
    const left: string[] = [];
    for (const i of items) {
      const to = restoredStatus(i, i, notice);
      if (to === null) left.push(i.code);
      else back.set(to, [...(back.get(to) ?? []), i.venue_id]);
    }
    for (const [status, ids] of back) {
      await setVenuesHeld(trx, ids, { status, notice_no: null });
      const since = await changesSince(trx, ids, at);
      await insertStatusChanges(
        trx,
        ids.map((venue_id) => ({
          venue_id,
          since: since(venue_id),
          status,
          notice_no: null,
          previous_status: 'suspended',
          previous_notice_no: notice,
          set_by: by,
        })),
      );
    }
    const restored = [...back.values()].flat();
    await closeNotice(trx, n.id, restored, by, at);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: by,
      action: 'venues-reopened-by-notice',
      entity: 'venue-notice',
      entityId: notice,
      detail: { restored: restored.length, left },
    });
    return { noticeNo: notice, restored: restored.length, left };
  });
  announce('venues-changed');
  return result;
}

/**
 * The notices touching the actor's area, each with the districts of that area it names and the
 * venues of that area it suspended and still holds (a district officer sees their district's part
 * of a city-wide notice).
 */
export async function listNotices(ctx: Ctx, actor: Actor) {
  requirePermission(actor, 'venues:read');
  const counts = await itemCounts(ctx.db);
  const held = await heldCounts(ctx.db);
  const out = [];
  for (const n of await allNotices(ctx.db)) {
    const s = scopeOf(n);
    if (s.districts.length && !s.districts.some((d) => scopeOverlapsDivision(actor.scope, d))) continue;
    const mine = counts.filter((c) => c.notice_id === n.id && scopeCoversDivision(actor.scope, c.community_code));
    out.push({
      noticeNo: n.notice_no,
      title: n.title,
      categories: s.categories,
      kinds: s.kinds,
      districts: s.districts.filter((d) => scopeOverlapsDivision(actor.scope, d)),
      cityWide: s.districts.length === 0,
      effectiveOn: n.effective_on,
      issuedAt: n.issued_at,
      reopenedAt: n.reopened_at,
      suspended: mine.reduce((t, c) => t + c.n, 0),
      restored: mine.reduce((t, c) => t + (c.restored ? c.n : 0), 0),
      held: held
        .filter((h) => h.notice_no === n.notice_no && scopeOverlapsDivision(actor.scope, h.district_code))
        .reduce((t, h) => t + h.n, 0),
    });
  }
  return out;
}

/**
 * A notice as the measures that name it read it: what it takes, whether it was reopened, and the
 * venues it holds suspended now with their districts; undefined for an unknown number.
 */
export async function noticeSummary(ctx: Ctx, noticeNo: string) {
  const n = await noticeByNo(ctx.db.k, noticeNo);
  if (!n) return undefined;
  const rows = (await heldCounts(ctx.db)).filter((h) => h.notice_no === noticeNo);
  return {
    ...scopeOf(n),
    noticeNo: n.notice_no,
    title: n.title,
    effectiveOn: n.effective_on,
    reopenedAt: n.reopened_at,
    held: rows.reduce((t, h) => t + h.n, 0),
    heldByDistrict: rows.map((r) => ({ district: r.district_code, n: r.n })),
  };
}
