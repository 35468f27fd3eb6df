import type { BanyanModule } from '../platform/module.ts';
import { paperRoutes } from './paper.routes.ts';
import { scanKeyMigrations } from './scan-keys.migration.ts';
import { venuesSection } from './venues.briefing.ts';
import { venuesCommands } from './venues.cli.ts';
import { VenueErrors } from './venues.errors.ts';
import { scanRetentionJob } from './venues.job.ts';
import { venueOperatorsMigrations, venuesMigrations } from './venues.migration.ts';
import { venuesRoutes } from './venues.routes.ts';
import { checksTile } from './venues.tile.ts';

/** Venue registry, signed venue codes, scans and entrance verdicts, paper registrations. */
export const venuesModule: BanyanModule = {
  name: 'venues',
  routes: [venuesRoutes, paperRoutes],
  migrations: [...venuesMigrations, ...venueOperatorsMigrations, ...scanKeyMigrations],
  commands: [venuesCommands],
  errors: [VenueErrors],
  jobs: [scanRetentionJob],
  briefing: [venuesSection],
  tiles: [checksTile],
};
