import { negativeCovers } from '../testing/testing.rules.ts';

/** A rotation: inside the loop from `in` through `out` (inclusive; null: open-ended). */
export interface Shift {
  in_date: string;
  out_date: string | null;
}

/** Whether a rotation covers a day. */
export function covers(s: Shift, day: string): boolean {
  return s.in_date <= day && (s.out_date === null || day <= s.out_date);
}

/** Whether two rotations share a day. */
export function overlaps(a: Shift, b: Shift): boolean {
  return a.in_date <= (b.out_date ?? '9999-12-31') && b.in_date <= (a.out_date ?? '9999-12-31');
}

/** Where a person stands at an institution's door on a day. */
export type LoopStanding = 'on-shift' | 'off-shift' | 'outsider';

/** On shift (inside the loop that day), on the roster but rotated out, or not on the roster at all. */
export function standingOf(shifts: Shift[], day: string): LoopStanding {
  if (!shifts.length) return 'outsider';
  return shifts.some((s) => covers(s, day)) ? 'on-shift' : 'off-shift';
}

/**
 * The daily roster check: a staff member on shift is missing a test when no negative was sampled
 * within the policy's hours before the instant checked (null hours: the version asks for none).
 */
export function missingTest(lastNegative: number | null, at: number, hours: number | null): boolean {
  if (hours === null) return false;
  return !negativeCovers(lastNegative, at, hours);
}
