import { recordAudit } from '../platform/audit/audit.service.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import { VenueErrors } from './venues.errors.ts';
import { type StoredVenue, updateVenue, venuesByCodes } from './venues.repo.ts';
import { kindFits, type VenueStatus } from './venues.rules.ts';
import type { RegisteredVenue, VenueChangeBody, VenueCreateBody } from './venues.schema.ts';
import { createVenues, venueInScope } from './venues.service.ts';

// The registry's one-venue door: a district officer (their district) or the command centre
// registers a venue with its kind, or changes its name or kind. The kind decides which notices
// suspend it and how a city exit counts, so it is checked against its category (VENUE_KINDS).

function registered(v: StoredVenue): RegisteredVenue {
  return {
    code: v.code,
    name: v.name,
    category: v.category,
    kind: v.kind,
    districtCode: v.district_code,
    communityCode: v.community_code,
    status: v.status as VenueStatus,
    codeVersion: v.code_version,
  };
}

async function stored(ctx: Ctx, code: string): Promise<StoredVenue> {
  const [v] = await venuesByCodes(ctx.db, [code]);
  if (!v) throw new AppError(VenueErrors.VENUE_UNKNOWN, { code });
  return v;
}

/**
 * Registers one venue (category, kind where the category has kinds, community inside the caller's
 * scope); audited. A kind foreign to the category is refused with VENUE_KIND_UNKNOWN.
 */
export async function registerVenue(ctx: Ctx, actor: Actor | 'cli', body: VenueCreateBody): Promise<RegisteredVenue> {
  await createVenues(ctx, actor, [
    {
      code: body.code,
      name: body.name,
      category: body.category,
      kind: body.kind ?? null,
      communityCode: body.communityCode,
    },
  ]);
  return registered(await stored(ctx, body.code));
}

/**
 * Changes a venue's name or kind (null clears it); the venue must be inside the caller's area. The
 * kind is checked against the venue's category; audited with the old and new values.
 */
export async function changeVenue(
  ctx: Ctx,
  actor: Actor | 'cli',
  code: string,
  body: VenueChangeBody,
): Promise<RegisteredVenue> {
  if (actor !== 'cli') requirePermission(actor, 'venues:write');
  const v = actor === 'cli' ? await stored(ctx, code) : await venueInScope(ctx, actor, code);
  if (body.kind !== undefined && !kindFits(v.category, body.kind))
    throw new AppError(VenueErrors.VENUE_KIND_UNKNOWN, { code, kind: String(body.kind), category: v.category });
  const patch: { name?: string; kind?: string | null } = {};
  if (body.name !== undefined && body.name !== v.name) patch.name = body.name;
  if (body.kind !== undefined && body.kind !== v.kind) patch.kind = body.kind;
  if (Object.keys(patch).length) {
    await ctx.db.k.transaction().execute(async (trx) => {
      await updateVenue(trx, code, patch);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'venue-changed',
        entity: 'venue',
        entityId: code,
        detail: Object.fromEntries(
          Object.entries(patch).map(([k, to]) => [k, { from: v[k as keyof typeof patch], to }]),
        ),
      });
    });
    announce('venues-changed');
  }
  return registered(await stored(ctx, code));
}
