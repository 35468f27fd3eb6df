import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/**
 * Suspension notices (issue 21 item 8): what a notice took (categories, kinds, districts) and, per
 * venue, the status it had before, so that reopening by the notice restores exactly those venues.
 * The venue keeps the number of the notice holding it, which the check names in its refusal.
 */
export const suspensionMigrations: Migration[] = [
  {
    id: '0152_venue_notices',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('venue_notices'), dialect)
        .addColumn('notice_no', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('kinds', 'text', (c) => c.notNull())
        .addColumn('districts', 'text', (c) => c.notNull())
        .addColumn('effective_on', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('reopened_at', 'text')
        .addColumn('reopened_by', 'text')
        .execute();
      await db.schema
        .createTable('venue_notice_items')
        .addColumn('notice_id', 'integer', (c) => c.notNull().references('venue_notices.id'))
        .addColumn('venue_id', 'integer', (c) => c.notNull().references('venues.id'))
        .addColumn('previous_status', 'text', (c) => c.notNull())
        .addColumn('restored', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('venue_notice_items_pk', ['notice_id', 'venue_id'])
        .execute();
      await db.schema.alterTable('venues').addColumn('notice_no', 'text').execute();
    },
  },
];
