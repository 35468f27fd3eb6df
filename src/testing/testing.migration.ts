import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';
import { applyCounts } from './turnaround.repo.ts';
import { CountDeltas } from './turnaround.rules.ts';

/** Campaigns, sites, tubes and their samples, results, retest tasks and each person's test facts. */
export const testingMigrations: Migration[] = [
  {
    id: '0010_testing',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('testing_campaigns'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('start_on', 'text', (c) => c.notNull())
        .addColumn('end_on', 'text', (c) => c.notNull())
        .addColumn('areas', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withSerialId(db.schema.createTable('sampling_sites'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('community_code', 'text', (c) => c.notNull())
        .addColumn('lanes', 'integer', (c) => c.notNull())
        .addColumn('hours', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('queue_length', 'integer', (c) => c.notNull())
        .addColumn('queue_updated_at', 'text')
        .execute();
      // Natural keys first: a tube code is printed on the tube; samples are distributed by tube.
      await db.schema
        .createTable('tubes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('pool_size', 'integer', (c) => c.notNull())
        .addColumn('site_code', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'integer')
        .addColumn('round', 'integer')
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('first_sampled_at', 'text', (c) => c.notNull())
        .addColumn('samples', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'text')
        .addColumn('result', 'text')
        .addColumn('resulted_at', 'text')
        .addColumn('lab_code', 'text')
        .addColumn('ct_value', 'real')
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tubes_campaign')
        .on('tubes')
        .columns(['campaign_id', 'round', 'district_code'])
        .execute();
      await db.schema
        .createTable('samples')
        .addColumn('tube_code', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('sampled_at', 'text', (c) => c.notNull())
        .addColumn('repeat_in_round', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('samples_pk', ['tube_code', 'person_id'])
        .execute();
      await db.schema.createIndex('samples_person').on('samples').columns(['person_id', 'sampled_at']).execute();
      await withSerialId(db.schema.createTable('tube_results'), dialect)
        .addColumn('tube_code', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('resulted_at', 'text', (c) => c.notNull())
        .addColumn('lab_code', 'text', (c) => c.notNull())
        .addColumn('ct_value', 'real')
        .addColumn('correction_reason', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await withSerialId(db.schema.createTable('retest_tasks'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('pool_tube', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('community_code', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addColumn('outcome', 'text')
        .execute();
      await db.schema.createIndex('retest_tasks_person').on('retest_tasks').columns(['person_id', 'done_at']).execute();
      await db.schema.createIndex('retest_tasks_pool').on('retest_tasks').column('pool_tube').execute();
      await db.schema
        .createTable('person_tests')
        .addColumn('person_id', 'integer', (c) => c.primaryKey())
        .addColumn('last_sampled_at', 'text')
        .addColumn('last_negative_sampled_at', 'text')
        .addColumn('positive_pool_at', 'text')
        .addColumn('positive_at', 'text')
        .execute();
    },
  },
  {
    id: '0030_testing_receipt',
    async up(db) {
      // The lab that scanned the tube in may differ from the one that reports its result.
      await db.schema.alterTable('tubes').addColumn('receiving_lab', 'text').execute();
    },
  },
  {
    id: '0031_testing_alerts',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('testing_alerts'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'integer')
        .addColumn('tube_code', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_by', 'text')
        .addColumn('acknowledged_at', 'text')
        .execute();
      // One alert per positive tube, however often its result is re-sent.
      await db.schema
        .createIndex('testing_alerts_tube')
        .on('testing_alerts')
        .columns(['kind', 'tube_code'])
        .unique()
        .execute();
      await db.schema
        .createIndex('testing_alerts_open')
        .on('testing_alerts')
        .columns(['district_code', 'acknowledged_at'])
        .execute();
    },
  },
  {
    id: '0032_testing_site_coords',
    async up(db) {
      await db.schema.alterTable('sampling_sites').addColumn('lng', 'real').execute();
      await db.schema.alterTable('sampling_sites').addColumn('lat', 'real').execute();
    },
  },
  {
    id: '0033_testing_turnaround',
    async up(db) {
      // The turnaround card reads these counts instead of every tube of a round (0.84 M at full scale).
      await db.schema
        .createTable('turnaround_counts')
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('round', 'integer', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('lab', 'text', (c) => c.notNull())
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('r', 'integer', (c) => c.notNull())
        .addColumn('c', 'integer', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('turnaround_counts_pk', [
          'campaign_id',
          'round',
          'district_code',
          'lab',
          'measure',
          'r',
          'c',
        ])
        .execute();
      // "Waiting past the target" depends on the moment asked: counted live, over tubes without a result only.
      await db.schema
        .createIndex('tubes_waiting')
        .on('tubes')
        .columns(['campaign_id', 'first_sampled_at', 'district_code', 'round', 'lab_code', 'receiving_lab'])
        .where(sql.ref('resulted_at'), 'is', null)
        .execute();
      for (let after = ''; ; ) {
        const tubes = await db
          .selectFrom('tubes')
          .select([
            'code',
            'campaign_id',
            'round',
            'district_code',
            'first_sampled_at',
            'received_at',
            'resulted_at',
            'lab_code',
            'receiving_lab',
          ])
          .where('code', '>', after)
          .where('campaign_id', 'is not', null)
          .orderBy('code')
          .limit(20_000)
          .execute();
        if (!tubes.length) break;
        const d = new CountDeltas();
        for (const t of tubes) d.add(t, 1);
        await applyCounts(db, d.rows());
        after = (tubes[tubes.length - 1] as { code: string }).code;
      }
    },
  },
];
