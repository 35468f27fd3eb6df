import type { BanyanModule } from '../platform/module.ts';
import { economySection } from './economy.briefing.ts';
import { economyCommands } from './economy.cli.ts';
import { EconomyErrors } from './economy.errors.ts';
import { economyFlagsJob } from './economy.job.ts';
import { economyMigrations } from './economy.migration.ts';
import { economyRoutes } from './economy.routes.ts';
import { electricitySeed } from './economy.seed.ts';

/** Industrial electricity against its baseline, flags, and the liaison tasks they open. */
export const economyModule: BanyanModule = {
  name: 'economy',
  routes: [economyRoutes],
  migrations: economyMigrations,
  commands: [economyCommands],
  jobs: [economyFlagsJob],
  errors: [EconomyErrors],
  briefing: [economySection],
  seed: [electricitySeed],
};
