import type { BanyanModule } from '../platform/module.ts';
import { appealsSection } from './appeals.briefing.ts';
import { appealsCommands } from './appeals.cli.ts';
import { AppealErrors } from './appeals.errors.ts';
import { appealsEscalationJob } from './appeals.job.ts';
import { appealsMigrations } from './appeals.migration.ts';
import { appealsRoutes } from './appeals.routes.ts';
import { appealsTile } from './appeals.tile.ts';
import { enterprisesRoutes } from './enterprises.routes.ts';
import { whitelistRoutes } from './whitelist.routes.ts';

/** Enterprises and their liaisons; appeals on three channels through the 12345 workflow. */
export const appealsModule: BanyanModule = {
  name: 'appeals',
  routes: [appealsRoutes, enterprisesRoutes, whitelistRoutes],
  migrations: appealsMigrations,
  jobs: [appealsEscalationJob],
  commands: [appealsCommands],
  errors: [AppealErrors],
  briefing: [appealsSection],
  tiles: [appealsTile],
};
