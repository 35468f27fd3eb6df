import type { BanyanModule } from '../platform/module.ts';
import { geoCommands } from './geo.cli.ts';
import { GeoErrors } from './geo.errors.ts';
import { geoMigrations } from './geo.migration.ts';
import { geoRoutes } from './geo.routes.ts';
import { nameOf } from './geo.service.ts';

/** GB/T 2260 divisions of the city, compounds and the district map. */
export const geoModule: BanyanModule = {
  name: 'geo',
  routes: [geoRoutes],
  migrations: geoMigrations,
  commands: [geoCommands],
  errors: [GeoErrors],
  provides: { divisionName: nameOf },
};
