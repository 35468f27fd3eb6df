import type { Migration } from '../platform/db/migration.ts';

/** Switch-overs: each version's taking effect recorded with every change it made and why. */
export const replayMigrations: Migration[] = [
  {
    id: '0123_policy_switchovers',
    async up(db) {
      await db.schema
        .createTable('policy_switchovers')
        .addColumn('version_id', 'text', (c) => c.primaryKey())
        .addColumn('previous_id', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('ran_by', 'text', (c) => c.notNull())
        .addColumn('ran_at', 'text', (c) => c.notNull())
        .addColumn('took_ms', 'integer', (c) => c.notNull())
        .addColumn('zones_lifted', 'integer', (c) => c.notNull())
        .addColumn('zones_kept', 'integer', (c) => c.notNull())
        .addColumn('colours_changed', 'integer', (c) => c.notNull())
        .addColumn('venues_changed', 'integer', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('policy_switchover_changes')
        .addColumn('version_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('from_value', 'text', (c) => c.notNull())
        .addColumn('to_value', 'text', (c) => c.notNull())
        .addColumn('from_rule', 'text', (c) => c.notNull())
        .addColumn('to_rule', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('policy_switchover_changes_pk', ['version_id', 'kind', 'subject'])
        .execute();
    },
  },
];
