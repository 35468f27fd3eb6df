import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/**
 * Measures in force (防控措施) as records (issue 21 item 11): the notice that published each, its
 * kind, period and area, and what enforces it (a policy parameter, a suspension notice, an entrance
 * rule, a testing campaign) where something does.
 */
export const measuresMigrations: Migration[] = [
  {
    id: '0153_measures',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('measures'), dialect)
        .addColumn('notice_no', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text_zh', 'text', (c) => c.notNull())
        .addColumn('text_tw', 'text', (c) => c.notNull())
        .addColumn('text_en', 'text', (c) => c.notNull())
        .addColumn('districts', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('enforced_kind', 'text')
        .addColumn('enforced_ref', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('measures_notice_kind', ['notice_no', 'kind'])
        .execute();
      await db.schema.createIndex('measures_from').on('measures').column('effective_from').execute();
    },
  },
];
