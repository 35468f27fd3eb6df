import type { BanyanModule } from '../platform/module.ts';
import { briefingCommands } from './briefing.cli.ts';
import { BriefingErrors } from './briefing.errors.ts';
import { briefingMigrations } from './briefing.migration.ts';
import { briefingRoutes } from './briefing.routes.ts';

/** The daily press briefing, drafted from the records, approved and published. */
export const briefingModule: BanyanModule = {
  name: 'briefing',
  routes: [briefingRoutes],
  migrations: briefingMigrations,
  commands: [briefingCommands],
  errors: [BriefingErrors],
};
