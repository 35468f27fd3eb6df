import { colourNow } from '../health-code/colour.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { negativeCovers } from '../testing/testing.rules.ts';
import { checkState } from './checks.service.ts';
import { personalCode } from './venues.codes.ts';
import { personOfUser } from './venues.repo.ts';

/**
 * The resident's pass: their colour with the rule behind it, their latest negative sampling time,
 * whether it covers the last 24 hours, and the personal code of this minute (it rotates; a
 * screenshot stops working within two minutes).
 */
export async function residentPass(ctx: Ctx, actor: Actor, now = nowMs()) {
  requirePermission(actor, 'pass:read');
  const personId = await personOfUser(ctx.db, actor.userId);
  if (personId === undefined) throw new AppError(AuthErrors.FORBIDDEN, { permission: 'resident pass' });
  const { colour, test } = await colourNow(ctx, personId, now);
  return {
    colour: colour.colour,
    colourRule: colour.rule,
    reason: colour.reason,
    // An arrival's pop-up ("2 tests in 3 days"), shown over any colour until it is cleared.
    notice: colour.notice ?? null,
    lastNegativeSampledAt:
      test.lastNegativeSampledAt === null ? null : new Date(test.lastNegativeSampledAt).toISOString(),
    negativeWithin24h: negativeCovers(test.lastNegativeSampledAt, now),
    personalCode: personalCode((await checkState(ctx)).keys, personId, now),
    refreshAt: new Date((Math.floor(now / 60_000) + 1) * 60_000).toISOString(),
  };
}

export { AuthErrors };
