import { type Actor, permissionsOf } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { scansOfVenue } from './paper.repo.ts';
import { venueInScope } from './venues.service.ts';

/**
 * A venue's scans of one day with masked identities and person ids (whom tracing would follow up),
 * scanned and paper alike; a paper record names who typed it in.
 */
export async function venueScans(ctx: Ctx, actor: Actor, code: string, day: string, limit = 1000) {
  requirePermission(actor, 'venues:read');
  const v = await venueInScope(ctx, actor, code);
  // The register's person id is for those who may open persons (tracing); an operator sees masks.
  const mayTrace = permissionsOf(actor.role).includes('persons:read');
  return (await scansOfVenue(ctx.db, v.id, day, limit)).map((r) => ({
    id: r.id,
    at: r.at,
    verdict: r.verdict as 'allow' | 'deny',
    colour: r.colour,
    reasons: JSON.parse(r.reasons) as string[],
    proxy: !!r.proxy,
    source: r.source as 'code' | 'id' | 'paper',
    personId: r.person_id === null || !mayTrace ? null : Number(r.person_id),
    identity: r.identity_masked ?? [r.name_masked, r.id_masked].filter(Boolean).join(' '),
    enteredBy: r.entered_by,
  }));
}
