import { addDays } from '../platform/dates.ts';
import type { PolicyParams, PolicyRef } from '../policy/policy.schema.ts';

/**
 * Quarantine and monitoring schedules by policy version (RULES.md, "Contacts and quarantine"): the
 * plans are the version's `quarantine` section. Day 1 is the day of the last contact (or of leaving
 * the zone), as in the colour rules (red days 1–7 of a close contact are the 9th edition's 7
 * centralised days).
 */

/** Who a plan is for: the keys of a version's `quarantine` section. */
export type PlanKind = keyof PolicyParams['quarantine'];

/** A contact's schedule: the phases with dates, every PCR date, and the last day. */
export interface Schedule {
  policyId: string;
  rule: string;
  /** The version and the rule within it (`quarantine.<kind>`) that set the schedule. */
  policy: PolicyRef;
  identified: boolean;
  phases: Array<{ place: string; kind: string; from: string; to: string }>;
  pcr: Array<{ day: number; date: string; place: string }>;
  endsOn: string | null;
}

/** The schedule of a person of `kind` whose day 1 is `day`, under a policy version (null plan: not identified). */
export function scheduleOf(
  kind: PlanKind,
  day: string,
  version: { id: string; params: Pick<PolicyParams, 'quarantine'> },
): Schedule {
  const phases = version.params.quarantine[kind];
  const policyId = version.id;
  const base = {
    policyId,
    rule: `${policyId}:${kind}-quarantine`,
    policy: { id: policyId, rule: `quarantine.${kind}` },
  };
  if (!phases) return { ...base, identified: false, phases: [], pcr: [], endsOn: null };
  const out: Schedule = { ...base, identified: true, phases: [], pcr: [], endsOn: null };
  let start = 1;
  for (const p of phases) {
    const from = addDays(day, start - 1);
    const to = addDays(day, start + p.days - 2);
    out.phases.push({ place: p.place, kind: p.kind, from, to });
    for (const d of p.pcr) out.pcr.push({ day: start + d - 1, date: addDays(day, start + d - 2), place: p.place });
    start += p.days;
    out.endsOn = to;
  }
  return out;
}
