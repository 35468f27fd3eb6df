import type { Ctx } from '../platform/context.ts';
import type { Policy } from '../policy/policy.schema.ts';
import type { PersonStatus } from '../testing/testing.status.ts';
import { type ColourState, freshColourState, versionAt } from './colour.state.ts';
import { type ColourVerdict, colourOf } from './health-code.rules.ts';
import { negativesOf } from './marks.rules.ts';

/**
 * A person's test facts now: the certificate (their latest negative sampling) and the pool and
 * positive flags the colour reads. Straight from the status index, allocating only the record.
 */
export function testsOf(s: ColourState, personId: number): PersonStatus {
  return s.index.get(personId);
}

/**
 * The colour of a person at a moment: an approved, unexpired manual override wins and says so
 * (with its reason, which the person sees on their pass); otherwise the colour rules of the
 * version in force that day decide (or of `version`, for a replay).
 */
export function colourFor(
  s: ColourState,
  personId: number,
  test: { positivePoolAt: number | null; positiveAt: number | null; lastNegativeSampledAt?: number | null },
  now: number,
  version: Policy = versionAt(s, now),
): ColourVerdict {
  const o = s.overrides.get(personId);
  if (o && Date.parse(o.expires_at) > now) {
    return {
      policy: { id: version.id, rule: 'manual-override' },
      colour: o.colour as ColourVerdict['colour'],
      rule: `manual-override:${o.id}`,
      reason: {
        'zh-CN': `人工赋码（经两人审批）：${o.reason}`,
        en: `manual colour (approved by two people): ${o.reason}`,
      },
    };
  }
  const marked = s.marks.get(personId);
  return colourOf(
    {
      infection: s.infections.get(personId) ?? null,
      positivePoolAt: test.positivePoolAt,
      positiveAt: test.positiveAt,
      zone: s.zones.get(personId) ?? null,
      marks: marked?.marks,
      negatives: marked && negativesOf(marked, test.lastNegativeSampledAt),
    },
    now,
    { id: version.id, colours: version.params.colours },
  );
}

/** A person's colour and certificate now, from the refreshed state (the pass; not the entrance check's path). */
export async function colourNow(ctx: Ctx, personId: number, now: number) {
  const s = await freshColourState(ctx);
  const test = testsOf(s, personId);
  return { colour: colourFor(s, personId, test, now), test };
}

/** The negative sampling times a person's marks are judged with now (none for a person without marks). */
export function markNegatives(s: ColourState, personId: number): number[] {
  const p = s.marks.get(personId);
  return p ? negativesOf(p, testsOf(s, personId).lastNegativeSampledAt) : [];
}
