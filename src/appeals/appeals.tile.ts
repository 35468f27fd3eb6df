import { addDays } from '../platform/dates.ts';
import type { DashboardTile } from '../platform/module.ts';
import { appealsDashboard } from './appeals.dashboard.ts';

/** The big screen's appeals tile: a week, since appeals are handled over days and one day says little. */
export const appealsTile: DashboardTile = {
  id: 'appeals',
  async read(ctx, actor, day, now) {
    const a = await appealsDashboard(ctx, actor, { from: addDays(day, -6), to: day }, now);
    return { from: a.from, to: a.to, received: a.total, overdue: a.counts.overdue };
  },
};
