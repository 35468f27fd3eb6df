import { addDays } from '../platform/dates.ts';

/**
 * Quarantine schedules of close and secondary contacts by policy version (RULES.md, "Contacts and
 * quarantine"). Day 1 is the day of the last contact, as in the colour rules (red days 1–7 of a
 * close contact are the 9th edition's 7 centralised days).
 */

/** One stretch of a schedule: where, and from which day to which (1-based, inclusive). */
interface Phase {
  place: 'centralised' | 'home';
  kind: 'isolation' | 'health-monitoring';
  days: number;
  /** PCR days counted within this phase. */
  pcr: number[];
}

// Keyed by policy version id; a version not listed here has no schedule (the caller says so).
const PLANS: Record<string, { 'close-contact': Phase[] | null; 'secondary-contact': Phase[] | null }> = {
  'cn-9th-edition': {
    'close-contact': [
      { place: 'centralised', kind: 'isolation', days: 7, pcr: [1, 2, 3, 5, 7] },
      { place: 'home', kind: 'health-monitoring', days: 3, pcr: [3] },
    ],
    'secondary-contact': [{ place: 'home', kind: 'isolation', days: 7, pcr: [1, 4, 7] }],
  },
  'cn-20-measures': {
    'close-contact': [
      { place: 'centralised', kind: 'isolation', days: 5, pcr: [1, 2, 3, 5] },
      { place: 'home', kind: 'isolation', days: 3, pcr: [1, 3] },
    ],
    'secondary-contact': null,
  },
  'cn-10-measures': {
    'close-contact': [{ place: 'home', kind: 'isolation', days: 5, pcr: [5] }],
    'secondary-contact': null,
  },
};

/** A contact's schedule: the phases with dates, every PCR date, and the last day. */
export interface Schedule {
  policyId: string;
  rule: string;
  identified: boolean;
  phases: Array<{ place: string; kind: string; from: string; to: string }>;
  pcr: Array<{ day: number; date: string; place: string }>;
  endsOn: string | null;
}

/** The schedule of a close or secondary contact whose last contact was on `day`, under a policy version. */
export function scheduleOf(kind: 'close-contact' | 'secondary-contact', day: string, policyId: string): Schedule {
  const phases = PLANS[policyId]?.[kind] ?? null;
  const rule = `${policyId}:${kind}-quarantine`;
  if (!phases) return { policyId, rule, identified: false, phases: [], pcr: [], endsOn: null };
  const out: Schedule = { policyId, rule, identified: true, phases: [], pcr: [], endsOn: null };
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
