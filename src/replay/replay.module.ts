import type { BanyanModule } from '../platform/module.ts';
import { replayRoutes } from './replay.routes.ts';

/** Policy versions compared and replayed across zones, colours and venues (reads only, stores nothing). */
export const replayModule: BanyanModule = {
  name: 'replay',
  routes: [replayRoutes],
};
