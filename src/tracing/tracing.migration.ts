import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** Risk marks for contact tracing: ids 0080+. */
export const tracingMigrations: Migration[] = [
  {
    id: '0080_risk_marks',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('risk_marks'), dialect)
        .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('since', 'text', (c) => c.notNull())
        .addColumn('index_case_id', 'integer', (c) => c.references('cases.id'))
        .addColumn('zone_code', 'text')
        .addColumn('origin', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_by', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('close_reason', 'text')
        // The same person, kind and moment twice is one mark (an import or a tracing run resubmitted).
        .addUniqueConstraint('risk_marks_once', ['person_id', 'kind', 'since'])
        .execute();
      // The check state loads the active marks; the screen lists them by case.
      await db.schema.createIndex('risk_marks_status').on('risk_marks').columns(['status', 'kind']).execute();
      await db.schema.createIndex('risk_marks_case').on('risk_marks').column('index_case_id').execute();
    },
  },
];
