import type { Migration } from '../platform/db/migration.ts';

/** One briefing per day, its texts in three languages and the figures it was drafted from. */
export const briefingMigrations: Migration[] = [
  {
    id: '0005_briefing',
    async up(db) {
      await db.schema
        .createTable('briefings')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('texts', 'text', (c) => c.notNull())
        .addColumn('segments', 'text')
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('previous', 'text', (c) => c.notNull())
        .addColumn('drafted_by', 'text', (c) => c.notNull())
        .addColumn('edited_by', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('published_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .execute();
    },
  },
];
