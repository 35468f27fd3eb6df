import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** Persons: personal data only as ciphertext, blind index and mask. */
export const peopleMigrations: Migration[] = [
  {
    id: '0003_people',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('persons'), dialect)
        .addColumn('id_index', 'text', (c) => c.notNull().unique())
        .addColumn('id_cipher', 'text', (c) => c.notNull())
        .addColumn('id_masked', 'text', (c) => c.notNull())
        .addColumn('name_cipher', 'text', (c) => c.notNull())
        .addColumn('name_masked', 'text', (c) => c.notNull())
        .addColumn('phone_index', 'text')
        .addColumn('phone_cipher', 'text')
        .addColumn('phone_masked', 'text')
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('street_code', 'text', (c) => c.notNull())
        .addColumn('community_code', 'text', (c) => c.notNull())
        .addColumn('address_cipher', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('persons_district').on('persons').columns(['district_code', 'id']).execute();
      await db.schema.createIndex('persons_street').on('persons').columns(['street_code', 'id']).execute();
      await db.schema.createIndex('persons_community').on('persons').columns(['community_code', 'id']).execute();
      await db.schema.createIndex('persons_phone').on('persons').column('phone_index').execute();
    },
  },
];
