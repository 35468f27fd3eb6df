import { sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Migration } from '../platform/db/migration.ts';
import { type SearchFields, writeSearch } from './search.repo.ts';
import { dayKey, filterTokens } from './search.rules.ts';

type Appeal = SearchFields & { id: number };

/** The appeals (only dispatched ones, holding a unit, if asked) in id order, 5,000 at a time. */
async function eachBatch(db: Executor, dispatchedOnly: boolean, use: (rows: Appeal[]) => Promise<unknown>) {
  for (let last = 0; ; ) {
    let q = db
      .selectFrom('appeals')
      .select(['id', 'title', 'content', 'status', 'district_code', 'category', 'channel', 'unit', 'received_at'])
      .where('id', '>', last);
    if (dispatchedOnly) q = q.where('unit', 'is not', null);
    const rows = (await q.orderBy('id').limit(5000).execute()) as Appeal[];
    if (!rows.length) return;
    await use(rows);
    last = Number(rows[rows.length - 1]?.id);
  }
}

/** PostgreSQL's GIN index over appeal_search, built once over the written rows (faster than growing it row by row). */
async function buildTokenIndex(db: Executor) {
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  await sql`create index appeal_search_tokens on appeal_search using gin (tokens)`.execute(db);
}

/** Writes every appeal's search document, in id order, through the repository's own writer. */
async function backfill(db: Executor) {
  // The overdue copy came with 0092, which fills it itself.
  await eachBatch(db, false, (rows) => writeSearch(db, rows, false, false));
  await buildTokenIndex(db);
}

/**
 * PostgreSQL: the search tokens move from a GIN expression index over the appeals (one posting
 * list per token, read whole — 700,000 entries for a common character — before the first row, and
 * a PL/pgSQL tokeniser costing 0.2 ms an appeal) to a table the repository writes in the same
 * transaction as the appeal, as SQLite's FTS table is written: one tsvector per appeal, its
 * tokens and filter tokens keyed by the appeal's UTC day (search.rules.ts dayDocument). A
 * newest-first count or page then reads the newest days' short lists and stops. SQLite keeps its
 * FTS table (its counts stop early by themselves) and has nothing to do here.
 */
export const searchMigrations: Migration[] = [
  {
    id: '0090_appeals_search_days',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await db.schema
        .createTable('appeal_search')
        .addColumn('appeal_id', 'integer', (c) => c.primaryKey().references('appeals.id'))
        .addColumn('tokens', sql`tsvector`, (c) => c.notNull())
        .execute();
      await backfill(db);
      await sql`drop index appeals_search`.execute(db);
      await sql`drop function appeal_search_vector(text, text)`.execute(db);
    },
  },
  {
    // The four-character tokens gain their positions (search.rules.ts gramPositions): a longer
    // query is then a tsquery phrase that the documents answer exactly, instead of every candidate
    // appeal's row being read for a substring check. The documents are rewritten.
    id: '0091_appeals_search_positions',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`drop index appeal_search_tokens`.execute(db);
      await sql`truncate appeal_search`.execute(db);
      await backfill(db);
    },
  },
  {
    // appeal_search keeps a copy of the overdue instant: a text search of the overdue list then
    // checks it on the row its tsvector's recheck reads anyway, instead of also reading each
    // candidate appeal (twice the reads). The GIN index is rebuilt rather than grown by the update
    // (rows a page apart, so every updated row would re-insert its ~100 lexemes).
    id: '0092_appeals_search_overdue',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`drop index appeal_search_tokens`.execute(db);
      await sql`alter table appeal_search add column overdue_at text`.execute(db);
      await sql`update appeal_search s set overdue_at = a.overdue_at
        from appeals a where a.id = s.appeal_id and a.overdue_at is not null`.execute(db);
      await buildTokenIndex(db);
    },
  },
  {
    // The handling unit joins the filter tokens (search.rules.ts filterTokens): a unit's inbox
    // searched for 停产 was counted by reading each match's appeal for its unit, and on PostgreSQL
    // the planner walked 100,000 appeals newest-first for a batch of older days (2.6 s at 1 M).
    // Only dispatched appeals hold a unit; their documents gain its token.
    id: '0093_appeals_search_unit',
    async up(db, dialect) {
      // SQLite's contentless FTS table cannot append a token: dispatched appeals' documents are rewritten.
      if (dialect === 'postgres') await withUnitTokens(db);
      else await eachBatch(db, true, (rows) => writeSearch(db, rows, true));
    },
  },
];

/**
 * PostgreSQL: appeal_search rebuilt as a new table whose documents carry the unit tokens (keyed by
 * the appeal's day), then its keys and GIN index. Not an UPDATE: that left every row's old version
 * behind, and the GIN index built over the doubled heap was 951 MB against 584 MB compact, its
 * per-day scans twice as slow (物流受阻 + district + status at 1 M: 95 against 49 ms p50).
 */
async function withUnitTokens(db: Executor) {
  await sql`create temporary table unit_tokens (appeal_id integer primary key, token text not null) on commit drop`.execute(
    db,
  );
  await eachBatch(db, true, (rows) => {
    const ids = rows.map((r) => Number(r.id));
    const tokens = rows.map((r) => `${filterTokens({ unit: r.unit })[0]}@${dayKey(r.received_at)}`);
    return sql`insert into unit_tokens select * from unnest(${ids}::int[], ${tokens}::text[])`.execute(db);
  });
  await sql`create table appeal_search_next as
    select s.appeal_id, coalesce(s.tokens || u.token::tsvector, s.tokens) as tokens, s.overdue_at
    from appeal_search s left join unit_tokens u on u.appeal_id = s.appeal_id order by s.appeal_id`.execute(db);
  await sql`drop table appeal_search`.execute(db);
  await sql`alter table appeal_search_next rename to appeal_search`.execute(db);
  await sql`alter table appeal_search alter column tokens set not null`.execute(db);
  await sql`alter table appeal_search add constraint appeal_search_pkey primary key (appeal_id)`.execute(db);
  await sql`alter table appeal_search add constraint appeal_search_appeal_id_fkey
    foreign key (appeal_id) references appeals (id)`.execute(db);
  await buildTokenIndex(db);
}
