import type { BanyanModule } from '../platform/module.ts';
import { testingSection } from './testing.briefing.ts';
import { testingCommands } from './testing.cli.ts';
import { TestingErrors } from './testing.errors.ts';
import { sampleRetentionJob } from './testing.job.ts';
import { testingMigrations } from './testing.migration.ts';
import { testingRoutes } from './testing.routes.ts';
import { listenForStatusChanges } from './testing.status.ts';

/** Campaigns, sites, pooled tubes, results, retests, coverage and the status index. */
export const testingModule: BanyanModule = {
  name: 'testing',
  briefing: [testingSection],
  routes: [testingRoutes],
  migrations: testingMigrations,
  commands: [testingCommands],
  errors: [TestingErrors],
  jobs: [sampleRetentionJob],
  listeners: [listenForStatusChanges],
};
