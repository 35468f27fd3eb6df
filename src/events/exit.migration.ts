import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** City-exit departures and closed-loop institutions' rosters and leaves (ids 0154–0156). */
export const exitMigrations: Migration[] = [
  {
    id: '0154_exit_departures',
    async up(db) {
      // One row per checkpoint scan, keyed by its scan: the declared reason the scans table does
      // not hold, and the restricted zone (with its district) that flags an attempt.
      await db.schema
        .createTable('exit_departures')
        .addColumn('scan_id', 'text', (c) => c.primaryKey())
        .addColumn('venue_id', 'integer', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('reason_text', 'text')
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('refusals', 'text', (c) => c.notNull())
        .addColumn('policy_id', 'text', (c) => c.notNull())
        .addColumn('zone_code', 'text')
        .addColumn('zone_level', 'text')
        .addColumn('zone_community', 'text')
        .execute();
      await db.schema.createIndex('exit_departures_day').on('exit_departures').columns(['day', 'venue_id']).execute();
      await db.schema
        .createIndex('exit_departures_flagged')
        .on('exit_departures')
        .columns(['zone_community', 'day'])
        .execute();
    },
  },
  {
    id: '0155_loop_rosters',
    async up(db, dialect) {
      await db.schema
        .createTable('loop_staff')
        .addColumn('venue_id', 'integer', (c) => c.notNull().references('venues.id'))
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('loop_staff_pk', ['venue_id', 'person_id'])
        .execute();
      // A rotation: inside the loop from in_date through out_date (null: until further notice).
      await withSerialId(db.schema.createTable('loop_shifts'), dialect)
        .addColumn('venue_id', 'integer', (c) => c.notNull().references('venues.id'))
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('in_date', 'text', (c) => c.notNull())
        .addColumn('out_date', 'text')
        .addUniqueConstraint('loop_shifts_in', ['venue_id', 'person_id', 'in_date'])
        .execute();
      await db.schema.createIndex('loop_shifts_person').on('loop_shifts').columns(['person_id']).execute();
    },
  },
  {
    id: '0156_loop_leaves',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('loop_leaves'), dialect)
        .addColumn('venue_id', 'integer', (c) => c.notNull().references('venues.id'))
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('leave_date', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('loop_leaves_venue').on('loop_leaves').columns(['venue_id', 'status']).execute();
    },
  },
];
