import type { ProgressHour } from '../api-types';

const rising = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x >= (xs[i - 1] ?? 0));

/**
 * Whether the hours are running totals rather than counts per hour. The contract says "per hour"; a server that
 * sends running totals is drawn as such (lines) instead of as hourly bars that would overstate every hour.
 */
export function isCumulative(hours: ProgressHour[]): boolean {
  if (hours.length < 3) return false;
  const sampled = hours.map((h) => h.sampled);
  const resulted = hours.map((h) => h.resulted);
  // a day of hourly counts rises and falls; running totals never fall
  return rising(sampled) && rising(resulted) && (sampled.at(-1) ?? 0) > (sampled[0] ?? 0);
}
