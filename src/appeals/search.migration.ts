import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';

/**
 * documentTokens (search.rules.ts) in PL/pgSQL, each token suffixed with the appeal's UTC day
 * (`停产@20221107`, `zsclosed@20221107`). A GIN index keeps one posting list per token and day, so
 * a newest-first count or page reads the lists of the newest days and stops (search.repo.ts),
 * where one list per token had to be read whole (700,000 entries for a common character) before
 * the first row. The filter tokens let the index count text and filters together, as SQLite's
 * FTS table does. Costed high (about 0.2 ms a row) so the planner never computes it per row; the
 * search test checks that it finds exactly what the substring filter finds.
 */
const PG_SEARCH_DAYS = `
create function appeal_search_days(title text, content text, status text, district_code text,
  category text, channel text, received_at text) returns tsvector
language plpgsql immutable parallel safe cost 10000 as $$
declare
  grams text[] := '{}';
  run text;
  len int;
  day text := '@' || replace(substr(received_at, 1, 10), '-', '');
  pair text[];
begin
  for run in select regexp_split_to_table(
    translate(title || ' ' || content, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
    '[^0-9a-z㐀-䶿一-鿿]+')
  loop
    len := char_length(run);
    for i in 1..len loop
      for n in 1..least(4, len - i + 1) loop
        grams := array_append(grams, substr(run, i, n) || day);
      end loop;
    end loop;
  end loop;
  foreach pair slice 1 in array array[['zs', status], ['zd', district_code], ['zc', category], ['zh', channel]] loop
    if pair[2] <> '' then
      grams := array_append(grams, pair[1] || regexp_replace(lower(pair[2]), '[^0-9a-z]', '', 'g') || day);
    end if;
  end loop;
  return array_to_tsvector(grams);
end $$`;

/** The index expression, as the repository's queries must spell it for the planner to use the index. */
export const PG_SEARCH_EXPRESSION =
  'appeal_search_days(title, content, status, district_code, category, channel, received_at)';

/** PostgreSQL: the day-keyed token index replaces the one keyed by token alone (SQLite keeps FTS5). */
export const searchMigrations: Migration[] = [
  {
    id: '0090_appeals_search_days',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql.raw(PG_SEARCH_DAYS).execute(db);
      // Built over the existing appeals: the index is the backfill.
      await sql.raw(`create index appeals_search_days on appeals using gin (${PG_SEARCH_EXPRESSION})`).execute(db);
      await sql`drop index appeals_search`.execute(db);
      await sql`drop function appeal_search_vector(text, text)`.execute(db);
    },
  },
];
