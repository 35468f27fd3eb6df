// The text-search side of the appeals list (search.rules.ts has the tokens): the predicates, and
// counting the matches through each dialect's token index without reading every match.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import './appeals.tables.ts';
import { PG_SEARCH_EXPRESSION } from './search.migration.ts';
import { asciiLower, dayBatches, ftsMatch, tsDayQuery } from './search.rules.ts';

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

/** PostgreSQL: the appeal has every token on one of the days (day-keyed GIN index). */
export const pgHas = (tokens: string[], days: string[]) =>
  sql<SqlBool>`${sql.raw(PG_SEARCH_EXPRESSION)} @@ ${tsDayQuery(tokens, days)}::tsquery`;

/** SQLite: how many appeals the FTS table matches for the tokens, counted up to `upTo`. */
export async function ftsCount(db: Executor, tokens: string[], upTo: number): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*) as n from (select rowid from appeals_fts where appeals_fts match ${ftsMatch(tokens)} limit ${upTo})`.execute(
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
