import type { BanyanModule } from '../platform/module.ts';
import { healthCodeCommands } from './health-code.cli.ts';
import { overridesMigrations } from './overrides.migration.ts';
import { overridesRoutes } from './overrides.routes.ts';
import { overridesSeed } from './overrides.seed.ts';
import { OverrideErrors } from './overrides.service.ts';

/** A person's colour from the rules, and manual colours with two approvers. */
export const healthCodeModule: BanyanModule = {
  name: 'health-code',
  routes: [overridesRoutes],
  migrations: overridesMigrations,
  errors: [OverrideErrors],
  seed: [overridesSeed],
  commands: [healthCodeCommands],
};
