import type { SamplingSite } from '../api-types';

/** Queue bands for the map and the table: a short wait, a long one, one to send people elsewhere from. */
export const QUEUE_LONG = 20;
export const QUEUE_VERY_LONG = 50;

export type SiteTone = 'closed' | 'short' | 'long' | 'veryLong';

export function siteTone(s: Pick<SamplingSite, 'status' | 'queueLength'>): SiteTone {
  if (s.status !== 'open') return 'closed';
  if (s.queueLength >= QUEUE_VERY_LONG) return 'veryLong';
  if (s.queueLength >= QUEUE_LONG) return 'long';
  return 'short';
}

export const SITE_COLORS: Record<SiteTone, string> = {
  short: '#1d8a5a',
  long: '#f29900',
  veryLong: '#d93025',
  closed: '#9aa0a6',
};

/** Site statuses the screens name; any other is shown as the server sent it. */
export const SITE_STATUSES = ['open', 'closed', 'paused'] as const;
