import { MODULES } from './modules.ts';
import type { Migration } from './platform/db/migration.ts';
import { contributions } from './platform/module.ts';

/**
 * Every module's migrations in the order they apply: by id, so a module can append a migration to
 * its own list without knowing where the others stand.
 */
export const MIGRATIONS: Migration[] = contributions(MODULES, 'migrations').sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);
