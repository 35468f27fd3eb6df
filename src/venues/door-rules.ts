import type { Ctx } from '../platform/context.ts';
import type { Policy } from '../policy/policy.schema.ts';
import type { StoredVenue } from './venues.repo.ts';
import type { Verdict } from './venues.rules.ts';
import type { ExitDeclaration } from './venues.schema.ts';

/** One check at a door some rule applies to: who, where, when, under which version. */
export interface DoorCheck {
  scanId: string;
  venue: StoredVenue;
  personId: number;
  now: number;
  day: string;
  policy: Policy;
  /** The restricted zone the person lives in (high or medium), from health-code's state. */
  zone: { code: string; level: string } | null;
  exit: ExitDeclaration | undefined;
}

/**
 * A module's rule at the door of some venues (events: the city's exits ask why one leaves; a
 * closed-loop institution admits the staff on its roster). The venue check runs it on the scan
 * path rather than each module keeping a check of its own; `applies` is asked on every scan, so
 * it must be a field comparison.
 */
export interface DoorRule {
  id: string;
  applies(venue: StoredVenue): boolean;
  /** Refuses, before anything is recorded, a request this door cannot judge (an exit without a reason). */
  admit?(venue: StoredVenue, exit: ExitDeclaration | undefined): void;
  /** The venue's verdict as this rule amends it. */
  verdict?(ctx: Ctx, c: DoorCheck, v: Verdict): Verdict | Promise<Verdict>;
  /** After the scan is committed: the rule's own record of it. */
  recorded?(ctx: Ctx, c: DoorCheck, v: Verdict): Promise<void>;
}

const rules: DoorRule[] = [];

/** Adds a module's door rule (once per id; importing the module adds it, as its errors are). */
export function addDoorRule(rule: DoorRule): void {
  if (!rules.some((r) => r.id === rule.id)) rules.push(rule);
}

/** The rules that apply at a venue, or null at the many doors where none does. */
export function doorRulesAt(venue: StoredVenue): DoorRule[] | null {
  let out: DoorRule[] | null = null;
  for (const r of rules) {
    if (!r.applies(venue)) continue;
    if (out) out.push(r);
    else out = [r];
  }
  return out;
}
