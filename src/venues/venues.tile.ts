import { notAfter } from '../platform/dates.ts';
import type { DashboardTile } from '../platform/module.ts';
import { latestDay, venueTotals } from './venues.service.ts';

/** The big screen's entrance-check tile: the latest day with scans, as the venue screens open on. */
export const checksTile: DashboardTile = {
  id: 'checks',
  async read(ctx, actor, day) {
    const latest = await latestDay(ctx, actor);
    if (!latest) return null;
    return venueTotals(ctx, actor, notAfter(latest, day));
  },
};
