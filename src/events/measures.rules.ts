import type { PolicyParams } from '../policy/policy.schema.ts';
import { VENUE_CATEGORIES } from '../policy/policy.schema.ts';

/**
 * The kinds of measure the briefing knows how to draft: each kind's clause takes its figures from
 * what enforces it (the hours from the policy, the venues from the notice or the registry).
 */
export const MEASURE_KINDS = [
  'regional-testing',
  'entry-checks',
  'compound-checks',
  'city-exit',
  'venue-suspension',
  'closed-loop',
  'open-venues',
  'advice',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** What can enforce a measure: a policy parameter, a suspension notice, an entrance rule, a campaign. */
export const ENFORCER_KINDS = ['policy', 'suspension', 'checkpoint', 'campaign'] as const;
export type EnforcerKind = (typeof ENFORCER_KINDS)[number];

/** The enforcer each kind of measure needs (advice needs none; regional testing may lack a campaign). */
export const ENFORCER_OF: Record<MeasureKind, EnforcerKind | null> = {
  'regional-testing': 'campaign',
  'entry-checks': 'policy',
  'compound-checks': 'policy',
  'city-exit': 'checkpoint',
  'venue-suspension': 'suspension',
  'closed-loop': 'checkpoint',
  'open-venues': 'policy',
  advice: null,
};

/** The verdict codes an entrance rule can name besides `entrance.<category>`. */
const VENUE_RULES = ['venue-suspended', 'venue-closed-loop'];

/**
 * Whether a reference names something the policy version has: a parameter path (`entrance`,
 * `entrance.city-exit.certificateHours`) for a policy enforcer, an entrance rule
 * (`entrance.<category>` or a venue rule) for a checkpoint.
 */
export function policyRefValid(kind: 'policy' | 'checkpoint', ref: string, params: PolicyParams): boolean {
  if (kind === 'checkpoint') {
    if (VENUE_RULES.includes(ref)) return true;
    const [head, category, ...rest] = ref.split('.');
    return head === 'entrance' && rest.length === 0 && (VENUE_CATEGORIES as readonly string[]).includes(category ?? '');
  }
  let at: unknown = params;
  for (const part of ref.split('.')) {
    if (at === null || typeof at !== 'object' || !(part in at)) return false;
    at = (at as Record<string, unknown>)[part];
  }
  return true;
}

/** Whether a measure's period holds a day. */
export function inForce(m: { effective_from: string; effective_to: string | null }, day: string): boolean {
  return m.effective_from <= day && (m.effective_to === null || m.effective_to >= day);
}
