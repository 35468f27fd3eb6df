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
  {
    // A venue's kind within its category (a city exit's rail/airport/highway/port, a public place's
    // KTV/internet café/…): notices and the checkpoint screens read it instead of the name. Venues
    // registered before it get their kind once, here, from the words their names used; from now on
    // the registration says it.
    id: '0158_venue_kind',
    async up(db) {
      await db.schema.alterTable('venues').addColumn('kind', 'text').execute();
      const byName: Array<[string, string, string[]]> = [
        ['city-exit', 'highway', ['%高速%', '%收费站%']],
        ['city-exit', 'airport', ['%机场%']],
        ['city-exit', 'port', ['%港%', '%码头%']],
        ['city-exit', 'rail', ['%站%']],
        ['public-place', 'ktv', ['%KTV%', '%ktv%', '%卡拉OK%', '%歌厅%', '%歌舞厅%']],
        ['public-place', 'internet-cafe', ['%网吧%', '%网咖%']],
        ['public-place', 'cinema', ['%影城%', '%影院%', '%剧院%']],
        ['public-place', 'gym', ['%健身%']],
        ['public-place', 'bath-house', ['%洗浴%', '%浴场%', '%足浴%']],
      ];
      // In this order, each only where no earlier one matched (a highway toll station is no railway station).
      for (const [category, kind, patterns] of byName)
        await db
          .updateTable('venues')
          .set({ kind })
          .where('category', '=', category)
          .where('kind', 'is', null)
          .where((eb) => eb.or(patterns.map((p) => eb('name', 'like', p))))
          .execute();
    },
  },
];
