// Pure helpers of the sample import: each sampling time is parsed once per distinct text, and a
// tube's members are checked for repeats without a string key per row.

const CST = 8 * 3600_000;
const DAY = 86_400_000;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A sampling time: instant, ISO text, and its Beijing day (as text and as a day number). */
export interface Moment {
  ms: number;
  iso: string;
  day: string;
  dayNo: number;
}

/** A campaign round; one object per round within an import, so rounds compare by identity. */
export type Campaign = { id: number; round: number };

/** The Beijing (UTC+8) day number of an instant; equal numbers mean the same YYYY-MM-DD there. */
export function beijingDayNo(ms: number): number {
  return Math.floor((ms + CST) / DAY);
}

/** Parses an ISO-8601 time with an offset, or null when it is not one. */
export function momentOf(text: string): Moment | null {
  if (!ISO_TIME.test(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  return {
    ms,
    iso: new Date(ms).toISOString(),
    day: new Date(ms + CST).toISOString().slice(0, 10),
    dayNo: beijingDayNo(ms),
  };
}

/** Per tube of a file: capacity (-1 until a row sets it), samples so far, persons seen, the row it writes, its number in the file. */
export interface TubeFill<Row> {
  size: number;
  count: number;
  seen: number[] | Set<number>;
  row: Row | null;
  no: number;
}

/** Whether the person is already in the tube (stored or an earlier row); if not, notes them. */
export function seenBefore<Row>(t: TubeFill<Row>, personId: number): boolean {
  if (Array.isArray(t.seen)) {
    if (t.seen.includes(personId)) return true;
    t.seen.push(personId);
    // A file can list one tube many times (then over capacity): keep each check short.
    if (t.seen.length > 32) t.seen = new Set(t.seen);
    return false;
  }
  if (t.seen.has(personId)) return true;
  t.seen.add(personId);
  return false;
}
