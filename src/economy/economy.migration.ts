import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** Industrial electricity: accounts, daily readings and their history, daily totals, baselines, settings, flags. */
export const economyMigrations: Migration[] = [
  {
    id: '0170_economy_electricity',
    async up(db, dialect) {
      await db.schema
        .createTable('power_accounts')
        .addColumn('account_no', 'text', (c) => c.primaryKey())
        .addColumn('credit_code', 'text')
        .addColumn('enterprise_id', 'integer')
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('industry_section', 'text', (c) => c.notNull())
        .addColumn('industry_division', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('power_accounts_enterprise').on('power_accounts').column('enterprise_id').execute();
      await withSerialId(db.schema.createTable('power_imports'), dialect)
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('inserted', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // The account leads the key (its curve is one range scan); the day index serves a day's views.
      await db.schema
        .createTable('power_readings')
        .addColumn('account_no', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('wd', 'integer', (c) => c.notNull())
        .addColumn('kwh', 'double precision', (c) => c.notNull())
        .addColumn('import_id', 'integer')
        .addPrimaryKeyConstraint('power_readings_pk', ['account_no', 'day'])
        .execute();
      await db.schema.createIndex('power_readings_day').on('power_readings').columns(['day', 'account_no']).execute();
      await withSerialId(db.schema.createTable('power_reading_history'), dialect)
        .addColumn('account_no', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('old_kwh', 'double precision', (c) => c.notNull())
        .addColumn('new_kwh', 'double precision', (c) => c.notNull())
        .addColumn('import_id', 'integer', (c) => c.notNull())
        .addColumn('replaced_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('power_reading_history_account')
        .on('power_reading_history')
        .columns(['account_no', 'day'])
        .execute();
      await db.schema
        .createTable('power_daily')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('wd', 'integer', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('industry_division', 'text', (c) => c.notNull())
        .addColumn('kwh', 'double precision', (c) => c.notNull())
        .addColumn('accounts', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('power_daily_pk', ['day', 'district_code', 'industry_division'])
        .execute();
      await db.schema
        .createTable('power_baselines')
        .addColumn('account_no', 'text', (c) => c.notNull())
        .addColumn('wd', 'integer', (c) => c.notNull())
        .addColumn('kwh', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('power_baselines_pk', ['account_no', 'wd'])
        .execute();
      await db.schema
        .createTable('economy_settings')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('baseline_from', 'text')
        .addColumn('baseline_to', 'text')
        .addColumn('account_share', 'double precision', (c) => c.notNull())
        .addColumn('account_days', 'integer', (c) => c.notNull())
        .addColumn('area_share', 'double precision', (c) => c.notNull())
        .addColumn('absurd_factor', 'double precision', (c) => c.notNull())
        .addColumn('flat_band', 'double precision', (c) => c.notNull())
        .addColumn('marked_share', 'double precision', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('power_flags')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('kwh', 'double precision', (c) => c.notNull())
        .addColumn('baseline', 'double precision', (c) => c.notNull())
        .addColumn('share', 'double precision', (c) => c.notNull())
        .addColumn('threshold', 'double precision', (c) => c.notNull())
        .addColumn('days', 'integer', (c) => c.notNull())
        .addColumn('enterprise_id', 'integer')
        .addColumn('task_id', 'integer')
        .addPrimaryKeyConstraint('power_flags_pk', ['day', 'kind', 'subject'])
        .execute();
    },
  },
];
