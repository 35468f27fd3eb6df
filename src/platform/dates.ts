// Calendar-day helpers several modules share. Days are `YYYY-MM-DD` text; Fuzhou keeps UTC+8 all
// year, so a Beijing day is the UTC day of the instant moved forward eight hours.

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3600_000;

/** The day `n` days after (negative: before) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The day (Asia/Shanghai, UTC+8 all year) of an ISO time with any offset. */
export function dayOf(isoTime: string): string {
  return new Date(Date.parse(isoTime) + BEIJING_MS).toISOString().slice(0, 10);
}

/**
 * An instant as Beijing wall time `YYYY-MM-DD HH:mm` (exports: people read local time, not UTC
 * ISO); '' for none. The column header says 北京时间 so the missing offset is never a question.
 */
export function beijingTime(isoTime: string | null | undefined): string {
  if (!isoTime) return '';
  const ms = Date.parse(isoTime);
  return Number.isNaN(ms) ? isoTime : new Date(ms + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The earlier of two ISO days (a record's latest day, capped at the business day). */
export function notAfter(day: string, limit: string): string {
  return day > limit ? limit : day;
}
