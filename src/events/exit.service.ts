import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { beijingToday } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import type { DoorRule } from '../platform/module.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { allVenues } from '../venues/venues.repo.ts';
import { type ExitKind, entranceRuleOf } from '../venues/venues.rules.ts';
import type { ExitReason } from '../venues/venues.schema.ts';
import { zoneByCode } from '../zones/zones.repo.ts';
import { prefixOf } from './events.service.ts';
import { countFlagged, departureCounts, flaggedDepartures, insertDeparture, latestDepartureDay } from './exit.repo.ts';
import { addGroup, type CheckpointDay, emptyDay, requireDeclaration } from './exit.rules.ts';
import type { ExitDaily, FlaggedExits } from './exit.schema.ts';

/**
 * The city's exits (railway stations, the airport, highway exits, the port: venues of category
 * city-exit) on the venue check's own path: the scan must declare why one leaves; the certificate
 * hours, colours and zone levels are the policy version's `entrance.city-exit` like any door's; the
 * departure is recorded with its reason, and an attempt by a resident of a restricted zone carries
 * the zone (and so its district) that sees it.
 */
export const exitDoor: DoorRule = {
  id: 'events.exit',
  applies: (venue) => venue.category === 'city-exit',
  admit: (_venue, exit) => {
    requireDeclaration(exit);
  },
  async recorded(ctx, c, v) {
    const exit = requireDeclaration(c.exit);
    // Rare (residents of high and medium zones only): one lookup names the zone's community.
    const zone = c.zone ? await zoneByCode(ctx.db, c.zone.code) : undefined;
    await insertDeparture(ctx.db, {
      scan_id: c.scanId,
      venue_id: c.venue.id,
      day: c.day,
      at: new Date(c.now).toISOString(),
      person_id: c.personId,
      reason: exit.reason,
      reason_text: exit.text?.trim() || null,
      verdict: v.verdict,
      refusals: JSON.stringify(v.reasons.map((r) => r.code)),
      policy_id: c.policy.id,
      zone_code: c.zone?.code ?? null,
      zone_level: c.zone?.level ?? null,
      zone_community: c.zone ? (zone?.community_code ?? c.zone.code) : null,
    });
  },
};

async function dayOf(ctx: Ctx, date: string | undefined): Promise<string | null> {
  return date ?? (await latestDepartureDay(ctx.db, beijingToday()));
}

/**
 * A day's departures allowed and refused per checkpoint, by declared reason and refusal reason,
 * with the certificate hours of the version in force (figures, no persons: the command centre's).
 */
export async function exitDaily(ctx: Ctx, actor: Actor, date?: string): Promise<ExitDaily> {
  requirePermission(actor, 'briefing:read');
  const day = await dayOf(ctx, date);
  const checkpoints = (await allVenues(ctx.db)).filter((v) => v.category === 'city-exit');
  const days = new Map<number, CheckpointDay>(checkpoints.map((v) => [v.id, emptyDay()]));
  if (day)
    for (const g of await departureCounts(ctx.db, day))
      if (days.has(g.venue_id)) addGroup(days.get(g.venue_id) as CheckpointDay, g);
  const policy = day ? policyOn(await listPolicies(ctx), day) : null;
  const rows = checkpoints.map((v) => ({
    code: v.code,
    name: v.name,
    kind: v.kind as ExitKind | null,
    districtCode: v.district_code,
    ...(days.get(v.id) as CheckpointDay),
  }));
  const sum = (k: 'allowed' | 'refused' | 'flagged') => rows.reduce((a, r) => a + r[k], 0);
  return {
    date: day,
    certificateHours: policy ? entranceRuleOf(policy.params, 'city-exit').check.certificateHours : null,
    policyId: policy?.id ?? null,
    checkpoints: rows,
    totals: { allowed: sum('allowed'), refused: sum('refused'), flagged: sum('flagged') },
  };
}

/**
 * Who from a restricted zone of the caller's district tried to leave on a day, at which checkpoint,
 * declaring what, and why refused: masked, and only the zones inside the caller's scope.
 */
export async function flaggedExits(ctx: Ctx, actor: Actor, date?: string, limit = 500): Promise<FlaggedExits> {
  requirePermission(actor, 'persons:read');
  const day = await dayOf(ctx, date);
  if (!day) return { date: null, total: 0, items: [] };
  const prefix = prefixOf(actor);
  const rows = await flaggedDepartures(ctx.db, day, prefix, limit);
  return {
    date: day,
    total: rows.length < limit ? rows.length : await countFlagged(ctx.db, day, prefix),
    items: rows.map((r) => ({
      scanId: r.scan_id,
      at: r.at,
      checkpoint: { code: r.venue_code, name: r.venue_name },
      nameMasked: r.name_masked,
      idNumberMasked: r.id_masked,
      zone: { code: r.zone_code ?? '', level: r.zone_level ?? '', community: r.zone_community ?? '' },
      reason: r.reason as ExitReason,
      reasonText: r.reason_text,
      verdict: r.verdict as 'allow' | 'deny',
      refusals: JSON.parse(r.refusals) as string[],
      policyId: r.policy_id,
    })),
  };
}
