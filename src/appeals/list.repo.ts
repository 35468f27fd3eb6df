// The appeals list's building blocks: the filter, counting up to a bound, and the page-then-rows
// query. queue.repo.ts chooses how a search uses them (search.pg.repo.ts on PostgreSQL).
import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Database } from '../platform/db/schema.ts';
import type { StoredAppeal } from './appeals.repo.ts';
import './appeals.tables.ts';
import { containsText, trackingIs } from './search.repo.ts';
import { filterTokens } from './search.rules.ts';

/** A stored appeal with a numeric id (pg returns serials as numbers, bigints as strings). */
export const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) }) as unknown as StoredAppeal;

export interface AppealFilter {
  status?: string;
  district?: string;
  areaPrefix?: string;
  category?: string;
  channel?: string;
  unit?: string;
  overdueAt?: string;
  escalated?: boolean;
  q?: string;
  from?: string;
  to?: string;
  enterpriseIds?: number[];
}

/**
 * How a list query is shaped: `text` replaces the text search with a prepared predicate; `walk`
 * keeps SQLite off the filter indexes that cannot give the newest-first order (it then walks an
 * order-giving index and checks the rest on each row); `indexed` leaves out the filters that the
 * token index already holds (status, district, category, channel, unit).
 */
export interface Shape {
  text?: Expression<SqlBool>;
  walk?: boolean;
  indexed?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the same filter applies to select and count builders
export function applyFilter<Q extends { where: (...a: any[]) => Q }>(
  q: Q,
  f: AppealFilter,
  dialect: string,
  s: Shape = {},
): Q {
  let r = q;
  // With a status, (district|category|unit, status, received_at) still walks in order.
  const col = (c: string, keep = false) => (s.walk && dialect === 'sqlite' && !keep ? sql.raw(`+${c}`) : sql.ref(c));
  const ordered = f.status !== undefined;
  if (!s.indexed) {
    if (f.status) r = r.where(col('status', true), '=', f.status);
    if (f.district) r = r.where(col('district_code', ordered), '=', f.district);
    if (f.category) r = r.where(col('category', ordered), '=', f.category);
    if (f.channel) r = r.where('channel', '=', f.channel);
    if (f.unit) r = r.where(col('unit', ordered), '=', f.unit);
  }
  if (f.areaPrefix) r = r.where(col('district_code'), 'like', `${f.areaPrefix}%`);
  if (f.from) r = r.where('received_at', '>=', `${f.from}T00:00:00.000Z`);
  // The whole last day (PostgreSQL's index keeps tokens by UTC day: a day is in or out).
  if (f.to) r = r.where('received_at', '<=', `${f.to}T23:59:59.999Z`);
  if (f.escalated !== undefined) r = r.where('escalated_at', f.escalated ? 'is not' : 'is', null);
  // overdue_at < now is the two-deadline predicate over open appeals (counts.rules.ts overdueAt).
  if (f.overdueAt) r = r.where('overdue_at', '<', f.overdueAt);
  if (s.text) r = r.where(s.text);
  else if (f.q) r = r.where(sql<SqlBool>`(${containsText(f.q, dialect)} or ${trackingIs(f.q)})`);
  if (f.enterpriseIds) r = r.where(col('enterprise_id'), 'in', f.enterpriseIds.length ? f.enterpriseIds : [-1]);
  return r;
}

/**
 * Totals above this read "10,000+": counting every match of a common word or of the city-wide
 * overdue list walks 100,000s of rows (0.2–1.2 s at 1 M appeals), and nobody pages that far; the
 * dashboard's exact figures come from the counters.
 */
export const TOTAL_CAP = 10_000;

/**
 * Totals of a query that is not one token (longer than four characters, or several words) read
 * "2,000+" above this: each match below the cap is checked on a row (PostgreSQL: the phrase's
 * positions in its appeal_search row), and 9,845 matches of 原材料库存告急 took 82–206 ms at 1 M.
 */
export const PHRASE_CAP = 2_000;

/** The filter tokens of a list filter (the token indexes hold them beside the text). */
export const filterOf = (f: AppealFilter) =>
  filterTokens({ status: f.status, district_code: f.district, category: f.category, channel: f.channel, unit: f.unit });

/**
 * Whether a filter holds nothing but the text and the five fields the token index holds; `also`
 * names more that the caller's index answers (PostgreSQL's days and overdue copy).
 */
export const onlyIndexed = (f: AppealFilter, also: string[] = []) =>
  Object.entries(f).every(
    ([k, v]) => ['q', 'status', 'district', 'category', 'channel', 'unit', ...also].includes(k) || v === undefined,
  );

/** How many appeals a filter matches, counted up to `upTo`. */
export async function countUpTo(
  db: Executor,
  f: AppealFilter,
  dialect: string,
  s: Shape,
  upTo: number,
): Promise<number> {
  const base = db.selectFrom('appeals');
  const m = applyFilter(dialect === 'postgres' ? base : base.select('id'), f, dialect, s)
    .limit(upTo)
    .as('m');
  return Number(
    (
      await db
        .selectFrom(m)
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** Appeals by id (a list, or a subquery of ids), newest first. */
async function newestFirst(
  db: Executor,
  ids: number[] | SelectQueryBuilder<Database, 'appeals', { id: number }>,
): Promise<StoredAppeal[]> {
  const rows = await db
    .selectFrom('appeals')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(num);
}

/** Appeals by id, newest first. */
export async function rowsOf(db: Executor, ids: number[]): Promise<StoredAppeal[]> {
  return ids.length ? newestFirst(db, ids) : [];
}

// With a bound LIMIT, SQLite 3.53 walks appeals_received for the city-wide overdue list and reads
// each row for its overdue instant (70 ms at 1 M appeals) instead of the partial index that holds
// both (0.5 ms), so that list names its index; so does a text search's walk of it (243 → 3 ms for
// 停产 at 1 M, the text then checked only on overdue rows).
const onlyOverdue = (f: AppealFilter) =>
  !!f.overdueAt && Object.entries(f).every(([k, v]) => k === 'overdueAt' || k === 'q' || v === undefined);

/** The ids of one page, newest first, then those rows in full. */
export async function pageOf(db: Executor, f: AppealFilter, dialect: string, s: Shape, offset: number, limit: number) {
  const from =
    dialect === 'sqlite' && onlyOverdue(f)
      ? db.selectFrom(sql<'appeals'>`appeals indexed by appeals_overdue_received` as never)
      : db.selectFrom('appeals');
  const page = applyFilter(from.select('id'), f, dialect, s)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(limit);
  return newestFirst(db, page);
}

/** A longer query's index matches are a superset: narrowed by the substring check on the row. */
export const narrowed = (hit: Expression<SqlBool>, q: string, exact: boolean, dialect: string) =>
  exact ? hit : sql<SqlBool>`(${hit} and ${containsText(q, dialect)})`;

/** How many appeals the query finds only by their tracking number (at most two). */
export async function trackedOnly(db: Executor, f: AppealFilter, q: string, dialect: string): Promise<number> {
  const text = sql<SqlBool>`(${trackingIs(q)} and not ${containsText(q, dialect)})`;
  const r = await applyFilter(
    db.selectFrom('appeals').select((e) => e.fn.countAll<number>().as('n')),
    f,
    dialect,
    { text },
  ).executeTakeFirstOrThrow();
  return Number(r.n);
}
