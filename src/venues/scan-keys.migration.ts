import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';

/** Scan keys once across days on PostgreSQL (ids 0196, 0201). */
export const scanKeyMigrations: Migration[] = [
  {
    // With day partitions the scans key is (id, day), so a retried scan whose retry crosses
    // midnight (sent 23:59:59, retried 00:00:01) would be stored under both days. A row whose id
    // is stored on the day before or after is not inserted: the insert reports it skipped and the
    // retry is answered from the stored row, as on the same day. The embedded database keys scans
    // by id alone and needs nothing.
    id: '0196_scan_key_across_midnight',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`create or replace function scans_key_once() returns trigger language plpgsql as $$
        declare d date := new.day::date;
        begin
          if exists (select 1 from scans where id = new.id
                     and day in (to_char(d - 1, 'YYYY-MM-DD'), to_char(d + 1, 'YYYY-MM-DD'))) then
            return null;
          end if;
          return new;
        end $$`.execute(db);
      await sql`create trigger scans_key_once before insert on scans
        for each row execute function scans_key_once()`.execute(db);
    },
  },
  {
    // 0196 looked only at the day before and after, so a key retried two days apart (a phone that
    // kept its queue over a weekend) was stored twice. A keyed scan now claims its key in
    // scan_keys, one row per key whatever its day, kept as long as its scan (the retention deletes
    // both): a key already claimed is skipped and answered from its stored scan. Unkeyed scans
    // (server ids, a replay keeps its day) pass without the check they paid before.
    id: '0201_scan_key_once_in_retention',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`create table scan_keys (id text primary key, day text not null)`.execute(db);
      await sql`create index scan_keys_day on scan_keys (day)`.execute(db);
      await sql`insert into scan_keys (id, day)
        select id, min(day) from scans where request_hash is not null group by id`.execute(db);
      await sql`create or replace function scans_key_once() returns trigger language plpgsql as $$
        begin
          if new.request_hash is null then
            return new;
          end if;
          insert into scan_keys (id, day) values (new.id, new.day) on conflict (id) do nothing;
          if not found then
            return null;
          end if;
          return new;
        end $$`.execute(db);
    },
  },
];
