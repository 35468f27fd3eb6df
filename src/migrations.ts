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
import { tracingMigrations } from './tracing/tracing.migration.ts';
import { venueOperatorsMigrations, venuesMigrations } from './venues/venues.migration.ts';
import { zonesMigrations } from './zones/zones.migration.ts';

/**
 * Every module's migrations in the order they apply: by id, so a module can append a migration to
 * its own list without knowing where the others stand.
 */
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
  ...venueOperatorsMigrations,
  ...tracingMigrations,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
