import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** Zones with their event history, cadres, task forces and duties. */
export const zonesMigrations: Migration[] = [
  {
    id: '0007_zones',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('zones'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('street_code', 'text', (c) => c.notNull())
        .addColumn('community_code', 'text', (c) => c.notNull())
        .addColumn('polygon', 'text')
        .addColumn('residents', 'integer', (c) => c.notNull())
        .addColumn('designated_on', 'text', (c) => c.notNull())
        .addColumn('lifted_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('zones_district').on('zones').columns(['district_code', 'status']).execute();
      await withSerialId(db.schema.createTable('zone_events'), dialect)
        .addColumn('zone_id', 'integer', (c) => c.notNull().references('zones.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_level', 'text')
        .addColumn('to_level', 'text')
        .addColumn('notice_no', 'text')
        .addColumn('notice_district', 'text')
        .addColumn('policy_id', 'text')
        .addColumn('rule', 'text')
        .addColumn('reason', 'text')
        .addColumn('override_reason', 'text')
        .addColumn('tested', 'integer')
        .addColumn('positives', 'integer')
        .addColumn('case_no', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('zone_events_zone_day').on('zone_events').columns(['zone_id', 'day']).execute();
      await db.schema.createIndex('zone_events_day').on('zone_events').columns(['day', 'kind']).execute();
      await withSerialId(db.schema.createTable('cadres'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('rank', 'text', (c) => c.notNull())
        .addColumn('home_unit', 'text', (c) => c.notNull())
        .execute();
      await withSerialId(db.schema.createTable('task_forces'), dialect)
        .addColumn('zone_id', 'integer', (c) => c.notNull().unique().references('zones.id'))
        .addColumn('formed_on', 'text', (c) => c.notNull())
        .addColumn('disbanded_on', 'text')
        .execute();
      await withSerialId(db.schema.createTable('task_force_members'), dialect)
        .addColumn('task_force_id', 'integer', (c) => c.notNull().references('task_forces.id'))
        .addColumn('cadre_id', 'integer', (c) => c.notNull().references('cadres.id'))
        .addColumn('working_group', 'text', (c) => c.notNull())
        .addColumn('is_leader', 'integer', (c) => c.notNull())
        .addColumn('joined_on', 'text', (c) => c.notNull())
        .addColumn('left_on', 'text')
        .execute();
      // The database itself refuses a cadre in two task forces at once, whatever the service checks.
      await db.schema
        .createIndex('task_force_members_one_active')
        .on('task_force_members')
        .column('cadre_id')
        .unique()
        .where(sql.ref('left_on'), 'is', null)
        .execute();
      await withSerialId(db.schema.createTable('zone_duties'), dialect)
        .addColumn('zone_id', 'integer', (c) => c.notNull().references('zones.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closing_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('zone_duties_open')
        .on('zone_duties')
        .columns(['zone_id', 'closed_at', 'due_at'])
        .execute();
    },
  },
  {
    // Who lives in a zone (its building or compound): the health code of a high or medium zone's
    // residents follows the zone, and testing coverage is counted per zone.
    id: '0070_zone_residents',
    async up(db) {
      await db.schema
        .createTable('zone_residents')
        .addColumn('zone_id', 'integer', (c) => c.notNull().references('zones.id'))
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('zone_residents_pk', ['zone_id', 'person_id'])
        .execute();
      await db.schema.createIndex('zone_residents_person').on('zone_residents').column('person_id').execute();
    },
  },
];
