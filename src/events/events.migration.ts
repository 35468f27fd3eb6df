import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** Events (exams): sessions, sites, rooms and candidates. Ids 0150–0169 belong to events. */
export const eventsMigrations: Migration[] = [
  {
    id: '0150_events_exams',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('events'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withSerialId(db.schema.createTable('event_sessions'), dialect)
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .execute();
      await withSerialId(db.schema.createTable('exam_sites'), dialect)
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
        .addColumn('venue_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('is_new', 'integer', (c) => c.notNull())
        .addColumn('lng', 'real')
        .addColumn('lat', 'real')
        .addUniqueConstraint('exam_sites_venue', ['event_id', 'venue_code'])
        .execute();
      await withSerialId(db.schema.createTable('exam_rooms'), dialect)
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
        .addColumn('site_id', 'integer', (c) => c.notNull().references('exam_sites.id'))
        .addColumn('room_no', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('isolation', 'integer', (c) => c.notNull())
        .addUniqueConstraint('exam_rooms_no', ['site_id', 'room_no'])
        .execute();
      await db.schema.createIndex('exam_rooms_event').on('exam_rooms').columns(['event_id']).execute();
      await withSerialId(db.schema.createTable('exam_candidates'), dialect)
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
        .addColumn('candidate_no', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('site_id', 'integer', (c) => c.notNull().references('exam_sites.id'))
        .addColumn('room_id', 'integer', (c) => c.notNull().references('exam_rooms.id'))
        .addColumn('shuttle', 'integer', (c) => c.notNull())
        .addColumn('pickup_cipher', 'text')
        .addColumn('planned_room_id', 'integer')
        .addColumn('plan_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('exam_candidates_no', ['event_id', 'candidate_no'])
        .execute();
      await db.schema.createIndex('exam_candidates_room').on('exam_candidates').columns(['room_id']).execute();
    },
  },
  {
    id: '0151_events_shuttles',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('exam_vehicles'), dialect)
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
        .addColumn('plate', 'text', (c) => c.notNull())
        .addColumn('seats', 'integer', (c) => c.notNull())
        .addColumn('driver_cipher', 'text', (c) => c.notNull())
        .addColumn('driver_masked', 'text', (c) => c.notNull())
        .addColumn('phone_cipher', 'text')
        .addColumn('phone_masked', 'text')
        .addUniqueConstraint('exam_vehicles_plate', ['event_id', 'plate'])
        .execute();
      await withSerialId(db.schema.createTable('exam_trips'), dialect)
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
        .addColumn('session_no', 'integer', (c) => c.notNull())
        .addColumn('vehicle_id', 'integer', (c) => c.notNull().references('exam_vehicles.id'))
        .addColumn('site_id', 'integer', (c) => c.notNull().references('exam_sites.id'))
        .addColumn('lane', 'text', (c) => c.notNull())
        .addColumn('departs_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exam_trips_session').on('exam_trips').columns(['event_id', 'session_no']).execute();
      await db.schema
        .createTable('exam_trip_riders')
        .addColumn('trip_id', 'integer', (c) => c.notNull().references('exam_trips.id'))
        .addColumn('candidate_id', 'integer', (c) => c.notNull().references('exam_candidates.id'))
        .addPrimaryKeyConstraint('exam_trip_riders_pk', ['trip_id', 'candidate_id'])
        .execute();
    },
  },
];
