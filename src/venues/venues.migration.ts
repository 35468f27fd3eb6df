import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** Venues and their scans; scans are indexed by (venue, time) for tracing and by day for retention. */
export const venuesMigrations: Migration[] = [
  {
    id: '0011_venues',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('venues'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('community_code', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('code_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('scans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('venue_id', 'integer', (c) => c.notNull())
        .addColumn('person_id', 'integer')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('colour', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('proxy', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('scans_venue_at').on('scans').columns(['venue_id', 'at']).execute();
      await db.schema.createIndex('scans_day').on('scans').column('day').execute();
    },
  },
  {
    id: '0012_resident_accounts',
    async up(db) {
      await db.schema
        .createTable('resident_accounts')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
        .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
        .execute();
    },
  },
];

/**
 * Venue operators and paper registrations: ids 0040+, so this array comes after every module's
 * earlier migrations in MIGRATIONS (ids sort in the order they apply).
 */
export const venueOperatorsMigrations: Migration[] = [
  {
    // A venue operator sees and enters records for the venues they are tied to, nothing else.
    id: '0040_venue_operators',
    async up(db) {
      await db.schema
        .createTable('venue_operators')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('venue_id', 'integer', (c) => c.notNull().references('venues.id'))
        .addPrimaryKeyConstraint('venue_operators_pk', ['user_id', 'venue_id'])
        .execute();
    },
  },
  {
    // Who entered a paper registration, and the identity written on paper when no registered person matched.
    id: '0041_paper_scans',
    async up(db) {
      await db.schema
        .createTable('paper_scans')
        .addColumn('scan_id', 'text', (c) => c.primaryKey())
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .addColumn('entered_at', 'text', (c) => c.notNull())
        .addColumn('id_cipher', 'text')
        .addColumn('name_cipher', 'text')
        .addColumn('phone_cipher', 'text')
        .addColumn('identity_masked', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // A retried scan is answered from its stored row only if the key came with the same request.
    id: '0100_scan_keys',
    async up(db) {
      await db.schema.alterTable('scans').addColumn('request_hash', 'text').execute();
      await db.schema.alterTable('scans').addColumn('reply', 'text').execute();
    },
  },
  {
    // Every verdict names the policy version and the rule that decided it (issue 19).
    id: '0121_scan_policy',
    async up(db) {
      await db.schema.alterTable('scans').addColumn('policy_id', 'text').execute();
      await db.schema.alterTable('scans').addColumn('policy_rule', 'text').execute();
    },
  },
];
