import type { Migration } from '../db/migration.ts';
import { withSerialId } from '../db/migration.ts';

/** The record of scheduled job runs. */
export const jobsMigrations: Migration[] = [
  {
    id: '0009_jobs',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('job_runs'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('job_runs_name_day').on('job_runs').columns(['name', 'day']).execute();
    },
  },
];
