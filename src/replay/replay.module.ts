import type { BanyanModule } from '../platform/module.ts';
import { ReplayErrors } from './replay.errors.ts';
import { replayMigrations } from './replay.migration.ts';
import { replayRoutes } from './replay.routes.ts';
import { switchoverCommands } from './switchover.cli.ts';
import { switchoverJob } from './switchover.job.ts';
import { switchoverRoutes } from './switchover.routes.ts';

/**
 * Policy versions compared and replayed across zones, colours and venues (reads only), and the city
 * switched over to a version when it takes effect, each change recorded with its rule and version.
 */
export const replayModule: BanyanModule = {
  name: 'replay',
  routes: [replayRoutes, switchoverRoutes],
  migrations: replayMigrations,
  jobs: [switchoverJob],
  commands: [switchoverCommands],
  errors: [ReplayErrors],
};
