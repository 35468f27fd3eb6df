import { recordAuditNow } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { siteByCode, updateSiteRow } from './sites.repo.ts';
import { TestingErrors } from './testing.errors.ts';
import { FUZHOU_BBOX, insideFuzhou } from './testing.rules.ts';
import type { SitePatch } from './testing.schema.ts';

/** A site's map position: both coordinates or neither, and inside Fuzhou. */
export function siteCoords(lng: number | null | undefined, lat: number | null | undefined) {
  if ((lng ?? null) === null && (lat ?? null) === null) return { lng: null, lat: null };
  const x = Number(lng);
  const y = Number(lat);
  if (lng == null || lat == null || !Number.isFinite(x) || !Number.isFinite(y) || !insideFuzhou(x, y))
    throw new AppError(TestingErrors.SITE_OUTSIDE_CITY, { lng: lng ?? '—', lat: lat ?? '—', ...FUZHOU_BBOX });
  return { lng: x, lat: y };
}

/** Changes a site's name, lanes, hours, status or position; audited. */
export async function updateSite(ctx: Ctx, actor: Actor, code: string, patch: SitePatch) {
  requirePermission(actor, 'testing:write');
  const site = await siteByCode(ctx.db, code);
  if (!site) throw new AppError(TestingErrors.SITE_NOT_FOUND, { code });
  if (!scopeCoversDivision(actor.scope, site.community_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const moved = 'lng' in patch || 'lat' in patch;
  const where = moved ? siteCoords('lng' in patch ? patch.lng : site.lng, 'lat' in patch ? patch.lat : site.lat) : {};
  const set = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.lanes !== undefined && { lanes: patch.lanes }),
    ...(patch.hours !== undefined && { hours: patch.hours }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...where,
  };
  if (Object.keys(set).length) await updateSiteRow(ctx.db, code, set);
  await recordAuditNow(ctx.db, ctx.crypto, {
    actor: actorLabel(actor),
    action: 'site-updated',
    entity: 'sampling-site',
    entityId: code,
    detail: set,
  });
  return { code, ...set };
}
