import { appealsMigrations } from './appeals/appeals.migration.ts';
import { briefingMigrations } from './briefing/briefing.migration.ts';
import { casesMigrations } from './cases/cases.migration.ts';
import { geoMigrations } from './geo/geo.migration.ts';
import { overridesMigrations } from './health-code/overrides.migration.ts';
import { peopleMigrations } from './people/people.migration.ts';
import type { Migration } from './platform/db/migration.ts';
import { jobsMigrations } from './platform/jobs/jobs.migration.ts';
import { platformMigrations } from './platform/platform.migration.ts';
import { policyMigrations } from './policy/policy.migration.ts';
import { testingMigrations } from './testing/testing.migration.ts';
import { venuesMigrations } from './venues/venues.migration.ts';
import { zonesMigrations } from './zones/zones.migration.ts';

/** Every module's migrations, applied in the order of their ids (a module's later steps carry later ids). */
export const MIGRATIONS: Migration[] = [
  ...platformMigrations,
  ...geoMigrations,
  ...peopleMigrations,
  ...casesMigrations,
  ...briefingMigrations,
  ...policyMigrations,
  ...zonesMigrations,
  ...jobsMigrations,
  ...testingMigrations,
  ...venuesMigrations,
  ...overridesMigrations,
  ...appealsMigrations,
].sort((a, b) => a.id.localeCompare(b.id));
