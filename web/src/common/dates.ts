import type { Lang } from '../i18n';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `s` is a real calendar day written YYYY-MM-DD. */
export function isIsoDate(s: string | undefined | null): s is string {
  if (!s || !ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `2022-11-06` → 11月6日 / November 6 (calendar day: no time zone shift). */
export function formatDay(date: string, lang: Lang): string {
  if (!isIsoDate(date)) return date;
  return new Intl.DateTimeFormat(lang, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** `2022-11-06` → 11/6 / 11/6 (short axis labels). */
export function formatShortDay(date: string, lang: Lang): string {
  if (!isIsoDate(date)) return date;
  return new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** An ISO timestamp in the UI language (in `timeZone` when given, else the browser's), or '' when absent. */
export function formatDateTime(iso: string | null | undefined, lang: Lang, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
}

/** Notices and duties are timed in China Standard Time, wherever the screen is read. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** An instant as Beijing wall time, e.g. 2022-11-09 10:20. */
export const beijing = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The day `n` days after (before, when negative) a YYYY-MM-DD day. */
export const shiftDay = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
