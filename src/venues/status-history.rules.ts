import type { VenueStatus } from './venues.rules.ts';

/** A venue's status and the notice holding it, as at a moment. */
export interface HeldStatus {
  status: VenueStatus;
  notice_no: string | null;
}

/** A recorded change, as statusAt reads it. */
export interface ChangeAt {
  since: string;
  status: string;
  notice_no: string | null;
  previous_status: string;
  previous_notice_no: string | null;
}

/**
 * The moment a notice's suspension holds from: the start of its effective day (Beijing), or its
 * issue if that is later, because the venues are suspended when it is issued. A notice recorded
 * after its day (the demo's, seeded on the machine's clock) so suspends from its day.
 */
export function noticeSince(issuedAt: string, effectiveOn: string): string {
  const effective = new Date(Date.parse(`${effectiveOn}T00:00:00+08:00`)).toISOString();
  return effective < issuedAt ? effective : issuedAt;
}

/**
 * A venue's status at a moment from its changes, sorted by `since`: the last change holding by
 * then; before its first change, what that change replaced; with no change recorded, the status it
 * has now (as registered, or set before changes were kept).
 */
export function statusAt(changes: ChangeAt[], now: HeldStatus, at: number): HeldStatus {
  const iso = new Date(at).toISOString();
  let held: ChangeAt | undefined;
  for (const c of changes) if (c.since <= iso) held = c;
  if (held) return { status: held.status as VenueStatus, notice_no: held.notice_no };
  const first = changes[0];
  if (first) return { status: first.previous_status as VenueStatus, notice_no: first.previous_notice_no };
  return now;
}
