import type { BanyanModule } from '../platform/module.ts';
import { zonesSection } from './zones.briefing.ts';
import { zonesCommands } from './zones.cli.ts';
import { ZoneErrors } from './zones.errors.ts';
import { zonesEvaluationJob } from './zones.job.ts';
import { zonesMigrations } from './zones.migration.ts';
import { zonesRoutes } from './zones.routes.ts';
import { zonesTile } from './zones.tile.ts';

/** Risk zones, notices, lift evaluation, task forces and duties. */
export const zonesModule: BanyanModule = {
  name: 'zones',
  routes: [zonesRoutes],
  migrations: zonesMigrations,
  jobs: [zonesEvaluationJob],
  commands: [zonesCommands],
  briefing: [zonesSection],
  errors: [ZoneErrors],
  tiles: [zonesTile],
};
