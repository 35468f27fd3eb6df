import type { Migration } from '../platform/db/migration.ts';

/** The appeals module's tables (being built in this session). */
export const appealsMigrations: Migration[] = [];
