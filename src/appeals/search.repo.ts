// The text-search side of the appeals list (search.rules.ts has the tokens): the predicates, and
// counting the matches through each dialect's token index without reading every match.
import { type Expression, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import './appeals.tables.ts';
import {
  asciiLower,
  type DayMatch,
  dayBatches,
  dayDocument,
  documentTokens,
  type FilterFields,
  ftsMatch,
  tsDayQuery,
} from './search.rules.ts';

/** The fields of an appeal its search tokens come from (and, on PostgreSQL, its overdue instant). */
export type SearchFields = FilterFields & {
  title: string;
  content: string;
  received_at: string;
  overdue_at?: string | null;
};

/** Whether an executor talks to PostgreSQL. */
export const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Writes (or replaces) the search tokens of appeals, in the caller's transaction: SQLite's FTS
 * table, PostgreSQL's appeal_search (tokens keyed by day, and the overdue instant unless the
 * migrations before appeal_search had that column backfill it).
 */
export async function writeSearch(
  trx: Executor,
  rows: Array<SearchFields & { id: number }>,
  replace: boolean,
  withOverdue = true,
) {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (isPostgres(trx)) {
      const ids = chunk.map((r) => r.id);
      const docs = chunk.map((r) => dayDocument(r));
      const overdue = chunk.map((r) => r.overdue_at ?? null);
      if (!withOverdue) {
        await sql`insert into appeal_search (appeal_id, tokens)
          select u.id, u.doc::tsvector from unnest(${ids}::int[], ${docs}::text[]) as u(id, doc)`.execute(trx);
        continue;
      }
      await sql`insert into appeal_search (appeal_id, tokens, overdue_at)
        select u.id, u.doc::tsvector, u.overdue
        from unnest(${ids}::int[], ${docs}::text[], ${overdue}::text[]) as u(id, doc, overdue)
        on conflict (appeal_id) do update set tokens = excluded.tokens, overdue_at = excluded.overdue_at`.execute(trx);
      continue;
    }
    if (replace) await sql`delete from appeals_fts where rowid in (${sql.join(chunk.map((r) => r.id))})`.execute(trx);
    await sql`insert into appeals_fts(rowid, tokens) values ${sql.join(
      chunk.map((r) => sql`(${r.id}, ${documentTokens(r)})`),
    )}`.execute(trx);
  }
}

/** PostgreSQL: an appeal's overdue instant changed without its tokens (appeal_search keeps a copy). */
export async function writeOverdue(trx: Executor, id: number, overdueAt: string | null) {
  if (isPostgres(trx))
    await sql`update appeal_search set overdue_at = ${overdueAt} where appeal_id = ${id}`.execute(trx);
}

/**
 * The district codes held by appeals that start with an area prefix: a loose scan of
 * appeals_district_status (one probe per district), so an area officer's prefix becomes the
 * district's index token (or, for a street's nine digits, nothing: appeals hold district codes).
 */
export async function districtsUnder(db: Executor, prefix: string): Promise<string[]> {
  const r = await sql<{ c: string }>`with recursive d(c) as (
      select min(district_code) from appeals
      union all select (select min(district_code) from appeals where district_code > d.c) from d where d.c is not null)
    select c from d where c like ${`${prefix}%`}`.execute(db);
  return r.rows.map((x) => x.c);
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Title or content contains the text, ASCII case-insensitive: what a search means, checked on the row. */
export function containsText(q: string, dialect: string): Expression<SqlBool> {
  const needle = asciiLower(q);
  return dialect === 'postgres'
    ? sql<SqlBool>`(strpos(translate(title, ${UPPER}, ${UPPER.toLowerCase()}), ${needle}) > 0 or strpos(translate(content, ${UPPER}, ${UPPER.toLowerCase()}), ${needle}) > 0)`
    : sql<SqlBool>`(instr(lower(title), ${needle}) > 0 or instr(lower(content), ${needle}) > 0)`;
}

/** The appeal whose tracking number the query is (as typed or upper-cased). */
export const trackingIs = (q: string) => sql<SqlBool>`tracking_no in (${q}, ${q.toUpperCase()})`;

/** SQLite: the appeal is in the FTS table's matches for the tokens (text and filter tokens). */
export const ftsHas = (tokens: string[]) =>
  sql<SqlBool>`id in (select rowid from appeals_fts where appeals_fts match ${ftsMatch(tokens)})`;

/**
 * PostgreSQL: the ids of appeal_search's matches on the days, one tsquery a day (tsDayQuery) in an
 * array: the bitmap index scan runs each in turn. Not one tsquery OR-ing the days: GIN evaluates
 * the whole query for every candidate (7× slower for 38 days).
 */
const pgMatches = (m: DayMatch, days: string[]) =>
  sql`select appeal_id from appeal_search where tokens @@ any(${days.map((d) => tsDayQuery(m, d))}::tsquery[])${overdue(m)}`;

/**
 * Received on one of the days (consecutive UTC days, newest first, as dayBatches gives them): a
 * batch's bounds, so a plan walking the newest-first order starts at the batch's newest day, not
 * at the newest appeal (a walk from the newest read 100,000 appeals for a batch a week back).
 */
export function receivedOnDays(days: string[]): Expression<SqlBool> {
  const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T00:00:00.000Z`;
  const next = new Date(Date.parse(iso(days[0] as string)) + 86_400_000).toISOString();
  return sql<SqlBool>`(received_at >= ${iso(days[days.length - 1] as string)} and received_at < ${next})`;
}

/** The overdue check on appeal_search's row, which the index scan reads anyway (its tsvector's recheck). */
const overdue = (m: DayMatch) => (m.overdueBefore ? sql` and overdue_at < ${m.overdueBefore}` : sql``);

/** PostgreSQL: the appeal matches on one of the days (or, given the query, is the one it tracks). */
export const pgHas = (m: DayMatch, days: string[], q?: string) =>
  !days.length
    ? sql<SqlBool>`${q === undefined ? sql`false` : trackingIs(q)}`
    : q === undefined
      ? sql<SqlBool>`id in (${pgMatches(m, days)})`
      : sql<SqlBool>`id in (${pgMatches(m, days)} union all select id from appeals where ${trackingIs(q)})`;

/**
 * PostgreSQL: how many appeals match on the days, counted up to `upTo` (appeals unread). Each day's
 * scan on its own (lateral): a phrase is rechecked on the row, and against the array of pgMatches
 * that tries every day's query in turn (44 against 14 ms for 16 days of 原材料库存告急).
 */
export async function pgCount(db: Executor, m: DayMatch, days: string[], upTo: number): Promise<number> {
  if (!days.length) return 0;
  const r = await sql<{ n: number }>`select count(*) as n from (select s.appeal_id
    from unnest(${days.map((d) => tsDayQuery(m, d))}::tsquery[]) as q(t),
      lateral (select appeal_id from appeal_search where tokens @@ q.t${overdue(m)}) as s limit ${upTo}) as m`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** SQLite: how many appeals the FTS table matches for the tokens (and one of `any`), counted up to `upTo`. */
export async function ftsCount(db: Executor, tokens: string[], upTo: number, any: string[] = []): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*) as n from (select rowid from appeals_fts where appeals_fts match ${ftsMatch(tokens, any)} limit ${upTo})`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** The UTC days that hold appeals within the optional received range, newest first, in growing batches. */
export async function searchDays(db: Executor, from?: string, to?: string): Promise<string[][]> {
  const r = await db
    .selectFrom('appeals')
    .select((e) => [e.fn.min('received_at').as('lo'), e.fn.max('received_at').as('hi')])
    .executeTakeFirst();
  if (!r?.lo || !r.hi) return [];
  const lo = from && from > r.lo ? from : r.lo;
  const hi = to && to < r.hi ? to : r.hi;
  return dayBatches(lo, hi);
}

/** A rough number of appeals (ids are dense): what a walk through the newest-first order is measured against. */
export async function approxAppeals(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('appeals')
    .select((e) => e.fn.max('id').as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
