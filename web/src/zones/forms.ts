import { ApiError } from '../api';
import { businessNow } from '../common/clock';
import type { Lang } from '../i18n';
import { localized } from './defaults';

/** `2022-11-07T10:00` from a datetime-local field → an ISO time in China Standard Time (UTC+8, no DST). */
export const toChinaIso = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+08:00`;

/** The evaluation's reason a refused lift carries in its details, in the UI language (empty when absent). */
export function refusalReason(err: unknown, lang: Lang): string {
  if (!(err instanceof ApiError)) return '';
  const d = err.details as
    | { reason?: Record<string, string> | string; evaluation?: { reason?: Record<string, string> } }
    | undefined;
  if (!d || typeof d !== 'object') return '';
  if (typeof d.reason === 'string') return d.reason;
  return localized(d.reason ?? d.evaluation?.reason, lang);
}

/** A whole number ≥ 0 typed into a field, or null. */
export function count(s: string): number | null {
  if (!/^\d+$/.test(s.trim())) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** A moment as a datetime-local value in China Standard Time: `2022-11-07T18:00`. */
export const chinaLocal = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16);

/** Whether a datetime-local value read in China Standard Time lies before `now` (false when not a time). */
export function chinaPast(local: string, now = businessNow()): boolean {
  const ms = Date.parse(toChinaIso(local));
  return !Number.isNaN(ms) && ms < now;
}
