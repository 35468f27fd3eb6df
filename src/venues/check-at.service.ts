import { colourAt } from '../health-code/explain.service.ts';
import { personInScope } from '../health-code/overrides.service.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { getPolicy, listPolicies, policyOn } from '../policy/policy.service.ts';
import { doorRulesAt, freshState, type Judged, judgeAtDoor } from './checks.service.ts';
import { statusChangesOf } from './status-history.repo.ts';
import { statusAt } from './status-history.rules.ts';
import { VenueErrors } from './venues.errors.ts';
import { type Category, entranceRuleOf, type VenueStatus, verdictOf } from './venues.rules.ts';
import type { CheckReplay } from './venues.schema.ts';

const dayOf = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The entrance verdict a person would have met at a venue at a past moment (now by default), under
 * the version in force then or another one. The person's side is read from the records as they
 * stood then, by the readers explain --at uses (negatives resulted by then, marks begun and not
 * closed, zones by notice, the case as reported), never from the status index, which keeps only the
 * latest negative; the venue's status (open, suspended by a notice, closed-loop) is read from its
 * recorded changes as it stood then. Nothing is stored, no door rule records.
 */
export async function checkAt(
  ctx: Ctx,
  actor: Actor,
  q: { venueCode: string; personId: number; at?: number; policyId?: string },
): Promise<CheckReplay> {
  requirePermission(actor, 'colour:override');
  await personInScope(ctx, actor, q.personId);
  const s = await freshState(ctx);
  const code = q.venueCode.trim().toUpperCase();
  const current = s.venues.get(code);
  if (!current) throw new AppError(VenueErrors.VENUE_UNKNOWN, { code: code.slice(0, 40) });
  const now = nowMs();
  const at = q.at ?? now;
  const held = { status: current.status as VenueStatus, notice_no: current.notice_no };
  // The venue as it stood then: suspended by a notice, closed-loop or open, from its recorded changes.
  const venue = { ...current, ...statusAt(await statusChangesOf(ctx.db.k, current.id), held, at) };
  const day = dayOf(at);
  const policies = await listPolicies(ctx);
  const inForce = policyOn(policies, day);
  const version = q.policyId
    ? (policies.find((p) => p.id === q.policyId) ?? (await getPolicy(ctx, q.policyId)))
    : inForce;
  const { verdict: colour, facts, inputs } = await colourAt(ctx, q.personId, at, version);
  const entrance = entranceRuleOf(version.params, venue.category as Category);
  const v = verdictOf(
    { category: venue.category as Category, status: venue.status as VenueStatus, notice: venue.notice_no },
    colour,
    facts.lastNegativeSampledAt,
    entrance.check,
    at,
    inputs.zone?.level ?? null,
  );
  const door = doorRulesAt(s, venue);
  let judged: Judged = { verdict: v, policy: { id: version.id, rule: entrance.rule } };
  if (door)
    judged = await judgeAtDoor(
      ctx,
      door,
      {
        scanId: '',
        venue,
        personId: q.personId,
        now: at,
        day,
        policy: version,
        colour,
        zone: inputs.zone,
        lastNegativeAt: facts.lastNegativeSampledAt,
        exit: undefined,
      },
      judged,
    );
  return {
    personId: q.personId,
    at: new Date(at).toISOString(),
    inForce: inForce.id,
    replay: version.id !== inForce.id || at !== now,
    verdict: judged.verdict.verdict,
    colour: colour.colour,
    colourRule: colour.rule,
    lastNegativeSampledAt: iso(facts.lastNegativeSampledAt),
    reasons: judged.verdict.reasons,
    venue: { code: venue.code, name: venue.name, category: venue.category },
    venueStatus: { status: venue.status, notice: venue.notice_no },
    policy: judged.policy,
    version: { id: version.id, name: version.name, effectiveFrom: version.effectiveFrom },
    zone: inputs.zone,
    ...(judged.entry ? { entry: judged.entry } : {}),
  };
}
