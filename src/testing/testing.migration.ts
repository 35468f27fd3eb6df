import type { Migration } from '../platform/db/migration.ts';

/** The testing module's tables (being built in this session). */
export const testingMigrations: Migration[] = [];
