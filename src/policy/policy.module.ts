import type { BanyanModule } from '../platform/module.ts';
import { draftRoutes } from './drafts.routes.ts';
import { PolicyErrors } from './policy.errors.ts';
import { policyMigrations } from './policy.migration.ts';
import { policyRoutes } from './policy.routes.ts';

/** Versioned prevention protocols and their parameters. */
export const policyModule: BanyanModule = {
  name: 'policy',
  routes: [policyRoutes, draftRoutes],
  migrations: policyMigrations,
  errors: [PolicyErrors],
};
