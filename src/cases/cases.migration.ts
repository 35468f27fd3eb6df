import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** Cases, their daily counters and the import log. */
export const casesMigrations: Migration[] = [
  {
    id: '0004_cases',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('case_imports'), dialect)
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('inserted', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await withSerialId(db.schema.createTable('cases'), dialect)
        .addColumn('case_no', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('reported_on', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('street_code', 'text')
        .addColumn('community_code', 'text')
        .addColumn('detected_via', 'text', (c) => c.notNull())
        .addColumn('reclassified_on', 'text')
        .addColumn('discharged_on', 'text')
        .addColumn('released_on', 'text')
        .addColumn('died_on', 'text')
        .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
        .addColumn('id_index', 'text')
        .addColumn('id_cipher', 'text')
        .addColumn('id_masked', 'text')
        .addColumn('name_cipher', 'text')
        .addColumn('name_masked', 'text')
        .addColumn('phone_cipher', 'text')
        .addColumn('phone_masked', 'text')
        .addColumn('import_id', 'integer', (c) => c.references('case_imports.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      for (const col of ['reported_on', 'reclassified_on', 'discharged_on', 'released_on', 'died_on']) {
        await db.schema.createIndex(`cases_${col}`).on('cases').columns([col, 'district_code']).execute();
      }
      await db.schema.createIndex('cases_id_index').on('cases').column('id_index').execute();
      await db.schema
        .createTable('case_counts')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_counts_pk', ['day', 'district_code', 'origin', 'metric'])
        .execute();
    },
  },
];
