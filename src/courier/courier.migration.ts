import { dayOf } from '../platform/dates.ts';
import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';
import { FIRMS } from './courier.rules.ts';

/** The courier sector: firms, outlets, workers, disinfection, batches, inspections, volumes, relief. */
export const courierMigrations: Migration[] = [
  {
    id: '0180_courier_registry',
    async up(db, dialect) {
      await db.schema
        .createTable('courier_firms')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .execute();
      await db
        .insertInto('courier_firms')
        .values(FIRMS.map((f) => ({ code: f.code, name_zh: f.zh, name_en: f.en })))
        .execute();
      await withSerialId(db.schema.createTable('courier_outlets'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('firm_code', 'text', (c) => c.notNull().references('courier_firms.code'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('staff', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('courier_outlets_district')
        .on('courier_outlets')
        .columns(['district_code'])
        .execute();
      // No foreign key onto persons (docs/scale-out.md): the link is made only from a matched or
      // registered person by the workers import.
      await withSerialId(db.schema.createTable('courier_workers'), dialect)
        .addColumn('outlet_id', 'integer', (c) => c.notNull().references('courier_outlets.id'))
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('on_duty', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('courier_workers_outlet_person', ['outlet_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('courier_outlet_managers')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
        .addColumn('outlet_id', 'integer', (c) => c.notNull().references('courier_outlets.id'))
        .execute();
      await db.schema
        .createTable('courier_green_lane')
        .addColumn('tube_code', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('site_code', 'text', (c) => c.notNull())
        .addColumn('marked_at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('courier_green_lane_pk', ['tube_code', 'person_id'])
        .execute();
    },
  },
  {
    id: '0181_courier_operations',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('courier_batches'), dialect)
        .addColumn('batch_no', 'text', (c) => c.notNull().unique())
        .addColumn('firm_code', 'text', (c) => c.notNull().references('courier_firms.code'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('parcels', 'integer', (c) => c.notNull())
        .addColumn('arrived_at', 'text', (c) => c.notNull())
        .addColumn('disinfected_at', 'text')
        .addColumn('released_at', 'text')
        .addColumn('released_by', 'text')
        .execute();
      await withSerialId(db.schema.createTable('courier_disinfections'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('outlet_id', 'integer', (c) => c.references('courier_outlets.id'))
        .addColumn('batch_id', 'integer', (c) => c.references('courier_batches.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('courier_disinfections_at').on('courier_disinfections').columns(['at']).execute();
      await withSerialId(db.schema.createTable('courier_inspections'), dialect)
        .addColumn('outlet_id', 'integer', (c) => c.notNull().references('courier_outlets.id'))
        .addColumn('visited_on', 'text', (c) => c.notNull())
        .addColumn('inspectors', 'integer', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('rectified', 'integer', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('courier_inspections_on').on('courier_inspections').columns(['visited_on']).execute();
      await withSerialId(db.schema.createTable('courier_summons'), dialect)
        .addColumn('firm_code', 'text', (c) => c.notNull().references('courier_firms.code'))
        .addColumn('summoned_on', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('courier_volumes')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('firm_code', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('collected', 'integer', (c) => c.notNull())
        .addColumn('delivered', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('courier_volumes_pk', ['day', 'firm_code', 'district_code'])
        .execute();
      await withSerialId(db.schema.createTable('courier_delivery_points'), dialect)
        .addColumn('zone_code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('courier_point_deliveries')
        .addColumn('point_id', 'integer', (c) => c.notNull().references('courier_delivery_points.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('parcels', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('courier_point_deliveries_pk', ['point_id', 'day'])
        .execute();
      await withSerialId(db.schema.createTable('courier_relief_trips'), dialect)
        .addColumn('trip_on', 'text', (c) => c.notNull())
        .addColumn('plate', 'text', (c) => c.notNull())
        .addColumn('driver_masked', 'text', (c) => c.notNull())
        .addColumn('driver_cipher', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('kg', 'integer', (c) => c.notNull())
        .addColumn('persons', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('courier_relief_trips_on').on('courier_relief_trips').columns(['trip_on']).execute();
    },
  },
  {
    // The open-outlet count of a past day (the briefing's) is that day's, not today's.
    id: '0182_courier_outlet_status_history',
    async up(db) {
      await db.schema
        .createTable('courier_outlet_status')
        .addColumn('outlet_id', 'integer', (c) => c.notNull().references('courier_outlets.id'))
        .addColumn('from_day', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('courier_outlet_status_pk', ['outlet_id', 'from_day'])
        .execute();
      // Outlets registered before the history: their status as it stands, from the day they were registered.
      const outlets = await db.selectFrom('courier_outlets').select(['id', 'status', 'created_at']).execute();
      for (let i = 0; i < outlets.length; i += 500)
        await db
          .insertInto('courier_outlet_status')
          .values(
            outlets
              .slice(i, i + 500)
              .map((o) => ({ outlet_id: o.id, from_day: dayOf(o.created_at), status: o.status })),
          )
          .execute();
    },
  },
];
