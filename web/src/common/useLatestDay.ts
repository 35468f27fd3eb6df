import { isIsoDate } from './dates';
import { useApi } from './useApi';

/**
 * The latest day with figures (`GET /api/v1/figures/latest`), for screens that open on "the latest day":
 * undefined while asked, `fallback` when the server has no figures yet or cannot answer.
 */
export function useLatestDay(fallback: string): string | undefined {
  const latest = useApi<{ date: string | null }>('/api/v1/figures/latest');
  if (latest.loading && !latest.data) return undefined;
  const date = latest.data?.date;
  return isIsoDate(date) ? date : fallback;
}
