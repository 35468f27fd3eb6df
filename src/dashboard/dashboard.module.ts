import type { BanyanModule } from '../platform/module.ts';
import { dashboardRoutes } from './dashboard.routes.ts';

/** The command centre's big screen: the day at a glance, within the user's jurisdiction. */
export const dashboardModule: BanyanModule = {
  name: 'dashboard',
  routes: [dashboardRoutes],
};
