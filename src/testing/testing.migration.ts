import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';
import { samplePartitionBounds, samplePartitionName } from './sample-retention.repo.ts';
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
  {
    // PostgreSQL keeps samples in one partition a Beijing day (by sampled_at, an ISO instant in UTC),
    // so that retention drops a day at once and a window's queries (tracing, coverage up to now)
    // read only its days; a default partition takes a day no job made a partition for, so no
    // sample is ever refused. The key gains sampled_at, as a partitioned table's keys must; a tube
    // holds a person once all the same, since the import drops the samples already stored. The
    // embedded database keeps its one table.
    id: '0195_sample_day_partitions',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`alter table samples rename to samples_unpartitioned`.execute(db);
      await sql`alter table samples_unpartitioned rename constraint samples_pk to samples_unpartitioned_pk`.execute(db);
      const { rows: indexes } = await sql<{ name: string; def: string }>`
        select indexname as name, indexdef as def from pg_indexes
        where tablename = 'samples_unpartitioned' and indexname <> 'samples_unpartitioned_pk'`.execute(db);
      for (const i of indexes) await sql`drop index ${sql.ref(i.name)}`.execute(db);
      await sql`create table samples (like samples_unpartitioned including defaults,
        constraint samples_pk primary key (tube_code, person_id, sampled_at)) partition by range (sampled_at)`.execute(
        db,
      );
      for (const i of indexes)
        await sql.raw(i.def.replace(/ ON (public\.)?samples_unpartitioned /, ' ON samples ')).execute(db);
      await sql`create table samples_default partition of samples default`.execute(db);
      const { rows: days } = await sql<{ day: string }>`
        select distinct ((sampled_at::timestamptz at time zone 'Asia/Shanghai')::date)::text as day
        from samples_unpartitioned order by 1`.execute(db);
      for (const { day } of days)
        await sql
          .raw(`create table ${samplePartitionName(day)} partition of samples ${samplePartitionBounds(day)}`)
          .execute(db);
      await sql`insert into samples select * from samples_unpartitioned`.execute(db);
      await sql`drop table samples_unpartitioned`.execute(db);
    },
  },
  {
    // A past moment's test facts (explain --at, a policy difference, a switch-over) join each sample's
    // tube to its result history; without this index every such read scanned all results.
    id: '0124_tube_results_by_tube',
    async up(db) {
      await db.schema
        .createIndex('tube_results_tube')
        .on('tube_results')
        .columns(['tube_code', 'resulted_at'])
        .execute();
    },
  },
  {
    // The card shows nothing after the business clock: the tubes with a time after it are found
    // through these indexes (with tubes_waiting for those sampled after it) and their contribution
    // taken back. A demo or a replay runs behind its data; in live use there are none.
    id: '0200_turnaround_as_of',
    async up(db) {
      await db.schema
        .createIndex('tubes_resulted')
        .on('tubes')
        .columns(['campaign_id', 'resulted_at'])
        .where(sql.ref('resulted_at'), 'is not', null)
        .execute();
      await db.schema
        .createIndex('tubes_received_open')
        .on('tubes')
        .columns(['campaign_id', 'received_at'])
        .where((e) => e.and([e(sql.ref('resulted_at'), 'is', null), e(sql.ref('received_at'), 'is not', null)]))
        .execute();
    },
  },
  {
    // A tube's members were looked up by tube_code alone, and the samples' day partitions (0195)
    // have no index across them: every lookup probed every day's partition. A tube keeps the span
    // of its samples' times, widened as samples come, and the lookups read only the partitions of
    // that span (the tube's round, as a rule a day or two). Null (a row written before this, or by
    // hand): the lookup reads every partition, as before.
    id: '0202_tube_sample_span',
    async up(db) {
      await db.schema.alterTable('tubes').addColumn('samples_from', 'text').execute();
      await db.schema.alterTable('tubes').addColumn('samples_until', 'text').execute();
      await sql`update tubes set samples_from = s.lo, samples_until = s.hi
        from (select tube_code, min(sampled_at) as lo, max(sampled_at) as hi from samples group by tube_code) as s
        where tubes.code = s.tube_code`.execute(db);
    },
  },
];
