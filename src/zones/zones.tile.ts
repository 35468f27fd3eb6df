import type { DashboardTile } from '../platform/module.ts';
import { zoneCounts } from './zones.query.ts';

/** The big screen's zone tile: zones in force and their task forces on the business day. */
export const zonesTile: DashboardTile = {
  id: 'zones',
  async read(ctx, actor, day) {
    const z = await zoneCounts(ctx, actor, day);
    return { date: z.date, high: z.high, medium: z.medium, taskForces: z.taskForces };
  },
};
