import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';
import { countStoredScans } from './counters.repo.ts';

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
  {
    // PostgreSQL keeps scans in one partition a day, so that retention drops a day at once and a
    // window's queries read only its days; a default partition takes a day no job made a partition
    // for (the demo's 2022 days, a clock set back), so no scan is ever refused. The key gains the
    // day, as a partitioned table's keys must. The embedded database keeps its one table.
    id: '0191_scan_day_partitions',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`alter table scans rename to scans_unpartitioned`.execute(db);
      await sql`alter table scans_unpartitioned rename constraint scans_pkey to scans_unpartitioned_pkey`.execute(db);
      // Indexes another migration added are made again on the partitioned table, by definition.
      const { rows: indexes } = await sql<{ name: string; def: string }>`
        select indexname as name, indexdef as def from pg_indexes
        where tablename = 'scans_unpartitioned' and indexname <> 'scans_unpartitioned_pkey'`.execute(db);
      for (const i of indexes) await sql`drop index ${sql.ref(i.name)}`.execute(db);
      await sql`create table scans (like scans_unpartitioned including defaults, primary key (id, day)) partition by range (day)`.execute(
        db,
      );
      for (const i of indexes)
        await sql
          .raw(
            i.def
              .replace(/ ON (public\.)?scans_unpartitioned /, ' ON scans ')
              .replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX '),
          )
          .execute(db);
      await sql`create table scans_default partition of scans default`.execute(db);
      const { rows: days } = await sql<{
        day: string;
      }>`select distinct day from scans_unpartitioned order by day`.execute(db);
      for (const { day } of days) await sql.raw(partitionDdl(day)).execute(db);
      await sql`insert into scans select * from scans_unpartitioned`.execute(db);
      await sql`drop table scans_unpartitioned`.execute(db);
    },
  },
  {
    // Kept venue counters (issue 23): scans, denials and paper lines per venue and Beijing hour,
    // per venue and day and per district and hour, and the reasons given per venue and per
    // district and hour; filled from the scans stored, then added to as the scan writer indexes.
    id: '0192_venue_counters',
    async up(db, dialect) {
      const counts = 'scans integer not null, denied integer not null, paper integer not null';
      const tables = {
        venue_hour_counts: `venue_id integer not null, hour integer not null, ${counts}, primary key (day, venue_id, hour)`,
        venue_day_counts: `venue_id integer not null, ${counts}, primary key (day, venue_id)`,
        district_hour_counts: `district_code text not null, hour integer not null, ${counts}, primary key (day, district_code, hour)`,
        venue_hour_reasons:
          'venue_id integer not null, hour integer not null, reason text not null, n integer not null, primary key (day, venue_id, hour, reason)',
        district_hour_reasons:
          'district_code text not null, hour integer not null, reason text not null, n integer not null, primary key (day, district_code, hour, reason)',
      };
      for (const [name, columns] of Object.entries(tables))
        await sql.raw(`create table ${name} (day text not null, ${columns})`).execute(db);
      // A rehearsal's stored day may run past the business now: its later hours are found by hour.
      await db.schema.createIndex('venue_hour_counts_hour').on('venue_hour_counts').columns(['day', 'hour']).execute();
      await countStoredScans(db, dialect);
    },
  },
  {
    // Venue counters that rank by an index and cost the scan writer less (issue 23): a venue's day
    // row holds its district, and (day, district, scans) finds a district's busiest venues in the
    // index, so that no request ranks a city's 100,000 venue-days. On SQLite the tables keep their
    // rows in their key's b-tree (WITHOUT ROWID: one b-tree written per counter row, not a table
    // and its key's index). The (day, hour) index goes: whether a day holds hours after the
    // business now is asked of the district counters (a few hundred rows a day), and every upsert
    // of a venue's hour wrote it.
    id: '0203_venue_counter_keys',
    async up(db, dialect) {
      const counts = 'scans integer not null, denied integer not null, paper integer not null';
      const tables: Record<string, [string, string]> = {
        venue_hour_counts: [`venue_id integer not null, hour integer not null, ${counts}`, 'day, venue_id, hour'],
        venue_day_counts: [`venue_id integer not null, district_code text not null, ${counts}`, 'day, venue_id'],
        district_hour_counts: [
          `district_code text not null, hour integer not null, ${counts}`,
          'day, district_code, hour',
        ],
        venue_hour_reasons: [
          'venue_id integer not null, hour integer not null, reason text not null, n integer not null',
          'day, venue_id, hour, reason',
        ],
        district_hour_reasons: [
          'district_code text not null, hour integer not null, reason text not null, n integer not null',
          'day, district_code, hour, reason',
        ],
      };
      if (dialect === 'sqlite') {
        for (const [name, [columns, key]] of Object.entries(tables)) {
          await sql.raw(`alter table ${name} rename to ${name}_0192`).execute(db);
          await sql
            .raw(`create table ${name} (day text not null, ${columns}, primary key (${key})) without rowid`)
            .execute(db);
          const copy =
            name === 'venue_day_counts'
              ? `insert into venue_day_counts (day, venue_id, district_code, scans, denied, paper) select c.day, c.venue_id, coalesce(v.district_code, ''), c.scans, c.denied, c.paper from venue_day_counts_0192 c left join venues v on v.id = c.venue_id`
              : `insert into ${name} select * from ${name}_0192`;
          await sql.raw(copy).execute(db);
          await sql.raw(`drop table ${name}_0192`).execute(db);
        }
      } else {
        await sql`alter table venue_day_counts add column district_code text not null default ''`.execute(db);
        await sql`update venue_day_counts c set district_code = v.district_code from venues v where v.id = c.venue_id`.execute(
          db,
        );
        await sql`alter table venue_day_counts alter column district_code drop default`.execute(db);
        await sql`drop index if exists venue_hour_counts_hour`.execute(db);
      }
      // Scans down, then the venue: a district's busiest first, ties in the registry's order.
      await sql`create index venue_day_counts_busiest on venue_day_counts (day, district_code, scans desc, venue_id)`.execute(
        db,
      );
    },
  },
];

/** The name of a day's scan partition (scans_d20221109). */
export function scanPartitionName(day: string): string {
  return `scans_d${day.replaceAll('-', '')}`;
}

/** The DDL of a day's scan partition: the day's range [day, next day). */
export function partitionDdl(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `create table if not exists ${scanPartitionName(day)} partition of scans for values from ('${day}') to ('${next}')`;
}
