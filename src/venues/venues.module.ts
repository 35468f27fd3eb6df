import type { BanyanModule } from '../platform/module.ts';
import { checkAtRoutes } from './check-at.routes.ts';
import { paperRoutes } from './paper.routes.ts';
import { venueRegistryCommands } from './registry.cli.ts';
import { venueRegistryRoutes } from './registry.routes.ts';
import { scanKeyMigrations } from './scan-keys.migration.ts';
import { statusHistoryMigrations } from './status-history.migration.ts';
import { suspensionCommands } from './suspensions.cli.ts';
import { SuspensionErrors } from './suspensions.errors.ts';
import { suspensionMigrations } from './suspensions.migration.ts';
import { suspensionRoutes } from './suspensions.routes.ts';
import { suspensionSeed } from './suspensions.seed.ts';
import { venuesCommands } from './venues.cli.ts';
import { VenueErrors } from './venues.errors.ts';
import { scanRetentionJob } from './venues.job.ts';
import { venueOperatorsMigrations, venuesMigrations } from './venues.migration.ts';
import { venuesRoutes } from './venues.routes.ts';
import { checksTile } from './venues.tile.ts';

/** Venue registry, signed venue codes, scans and entrance verdicts, paper registrations, suspension notices. */
export const venuesModule: BanyanModule = {
  name: 'venues',
  routes: [venuesRoutes, venueRegistryRoutes, paperRoutes, suspensionRoutes, checkAtRoutes],
  migrations: [
    ...venuesMigrations,
    ...venueOperatorsMigrations,
    ...scanKeyMigrations,
    ...suspensionMigrations,
    ...statusHistoryMigrations,
  ],
  commands: [venuesCommands, venueRegistryCommands, suspensionCommands],
  errors: [VenueErrors, SuspensionErrors],
  jobs: [scanRetentionJob],
  tiles: [checksTile],
  seed: [suspensionSeed],
};
