import { auditCommands } from './audit/audit.cli.ts';
import { auditCheckpointJob } from './audit/audit.job.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { AuthErrors } from './auth/auth.errors.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { userCommands } from './auth/users.cli.ts';
import { clockCommands } from './clock.cli.ts';
import { E } from './errors.ts';
import { jobsCommands } from './jobs/jobs.cli.ts';
import { jobsMigrations } from './jobs/jobs.migration.ts';
import { type BanyanModule, contributions, lookupsOf } from './module.ts';
import { platformMigrations } from './platform.migration.ts';

/**
 * The ground floor's own contributions (accounts, sessions, audit, jobs), given the feature modules
 * it serves: it reads their lookups and jobs through the module shape, never by import.
 */
export function platformModule(features: readonly BanyanModule[]): BanyanModule {
  const lookups = lookupsOf(features);
  const jobs = contributions(features, 'jobs');
  return {
    name: 'platform',
    routes: [(app, ctx) => authRoutes(app, ctx, lookups), auditRoutes],
    migrations: [...platformMigrations, ...jobsMigrations],
    // The audit anchor is the platform's own daily job; `jobs run` knows it with the modules' jobs.
    jobs: [auditCheckpointJob],
    commands: [
      (p) => userCommands(p, lookups),
      auditCommands,
      clockCommands,
      (p) => jobsCommands(p, [...jobs, auditCheckpointJob]),
    ],
    errors: [E, AuthErrors],
  };
}
