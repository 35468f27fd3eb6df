import type { Migration } from '../platform/db/migration.ts';
import { DEFAULT_POLICIES } from './policy.schema.ts';

/** Policy versions as data, seeded with the national versions of 2022. */
export const policyMigrations: Migration[] = [
  {
    id: '0006_policy',
    async up(db) {
      await db.schema
        .createTable('policy_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull().unique())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      const now = new Date().toISOString();
      await db
        .insertInto('policy_versions')
        .values(
          DEFAULT_POLICIES.map((p) => ({
            id: p.id,
            name: p.name,
            effective_from: p.effectiveFrom,
            params: JSON.stringify(p.params),
            updated_at: now,
            updated_by: 'system',
          })),
        )
        .execute();
    },
  },
];
