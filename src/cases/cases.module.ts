import type { BanyanModule } from '../platform/module.ts';
import { casesSection } from './cases.briefing.ts';
import { casesCommands } from './cases.cli.ts';
import { CaseErrors } from './cases.errors.ts';
import { casesMigrations } from './cases.migration.ts';
import { casesRoutes } from './cases.routes.ts';
import { casesTile } from './cases.tile.ts';

/** Infections, reclassification, outcomes and the daily figures. */
export const casesModule: BanyanModule = {
  name: 'cases',
  routes: [casesRoutes],
  migrations: casesMigrations,
  commands: [casesCommands],
  briefing: [casesSection],
  errors: [CaseErrors],
  tiles: [casesTile],
};
