// The appeals search on PostgreSQL (queue.repo.ts decides when): appeal_search keys every token by
// the appeal's UTC day, so counts and pages read day batches newest first and stop early.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { StoredAppeal } from './appeals.repo.ts';
import { OVERDUE_STATUSES } from './counts.rules.ts';
import {
  type AppealFilter,
  applyFilter,
  narrowed,
  onlyIndexed,
  pageOf,
  rowsOf,
  type Shape,
  trackedOnly,
} from './list.repo.ts';
import { containsText, pgCount, pgHas, receivedOnDays, searchDays, trackingIs } from './search.repo.ts';
import { type DayMatch, filterTokens, LOST_POSITIONS, type Phrase } from './search.rules.ts';

const walk: Shape = { walk: true };

/**
 * PostgreSQL, when the rows must be checked anyway (a longer phrase, or filters the index does not
 * hold): the matches of each day batch, newest first, read once for both the count and the page.
 */
async function pgRead(
  db: Executor,
  f: AppealFilter,
  offset: number,
  limit: number,
  batches: string[][],
  m: DayMatch,
  narrow: (hit: Expression<SqlBool>) => Expression<SqlBool>,
  cap: number,
) {
  const q = f.q as string;
  const newest = applyFilter(db.selectFrom('appeals').select(['id', 'received_at']), f, 'postgres', {
    text: sql<SqlBool>`(${trackingIs(q)} and not ${containsText(q, 'postgres')})`,
  });
  const extras = (await newest.execute()).map((r) => ({ ...r, id: Number(r.id) }));
  const text: typeof extras = [];
  for (const days of batches) {
    if (text.length > cap) break;
    const rows = await applyFilter(db.selectFrom('appeals').select(['id', 'received_at']), f, 'postgres', {
      text: sql<SqlBool>`(${narrow(pgHas(m, days))} and ${receivedOnDays(days)})`,
      indexed: true,
    })
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(cap + 1 - text.length)
      .execute();
    text.push(...rows.map((r) => ({ ...r, id: Number(r.id) })));
  }
  // Batches are disjoint days, newest first; the tracked appeals (at most two) sort in among them,
  // exactly so up to the last text match read.
  const found = [...text, ...extras].sort((a, b) =>
    a.received_at < b.received_at ? 1 : a.received_at > b.received_at ? -1 : b.id - a.id,
  );
  const total = found.length;
  const deep = text.length > cap && offset + limit > cap;
  const rows = deep
    ? await pageOf(db, f, 'postgres', walk, offset, limit)
    : await rowsOf(
        db,
        found.slice(offset, offset + limit).map((r) => r.id),
      );
  return { total: Math.min(total, cap), totalCapped: total > cap, rows };
}

/**
 * Runs a search with neither JIT nor parallel workers (SET LOCAL, in the caller's transaction or
 * a new one): a day's tsquery is a parameter, so the planner guesses 5,000 rows a day (650 at 1 M
 * appeals for 停产 and an open status), and the guessed cost brought JIT compilation (30 ms) and
 * parallel plans whose workers took over a second on the busy machine.
 */
export async function plainPlans<T>(db: Executor, run: (db: Executor) => Promise<T>): Promise<T> {
  const go = async (trx: Executor) => {
    await sql`set local jit = off`.execute(trx);
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return run(trx);
  };
  return db.isTransaction ? go(db) : db.transaction().execute(go);
}

/**
 * A PostgreSQL search: the day batches' matches counted in the index alone (text and filters all
 * tokens, a longer query as a phrase of positioned pieces) until past the cap, then the page by
 * walking (many matches) or from the newest days that hold it (few); otherwise pgRead.
 */
export async function pgSearch(
  db: Executor,
  f: AppealFilter,
  offset: number,
  limit: number,
  search: { tokens: string[]; filters: string[]; exact: boolean; phrase?: Phrase; walkAbove?: number; appeals: number },
  cap: number,
): Promise<{ total: number; totalCapped: boolean; rows: StoredAppeal[] }> {
  const q = f.q as string;
  const { phrase, filters } = search;
  // Overdue: an open status in the index, the instant on appeal_search's own row (its copy).
  const overdue = f.overdueAt
    ? { any: OVERDUE_STATUSES.flatMap((s) => filterTokens({ status: s })), overdueBefore: f.overdueAt }
    : {};
  const all: DayMatch = { tokens: [...search.tokens, ...filters], ...overdue };
  const narrow = (hit: Expression<SqlBool>) => narrowed(hit, q, search.exact, 'postgres');
  // Day by day from the newest, until the count passes the cap: each day's posting lists are short.
  // A received range is whole UTC days, so it only limits the days read.
  const batches = await searchDays(db, f.from, f.to && `${f.to}T23:59:59.999Z`);
  if (!((search.exact || phrase) && onlyIndexed(f, ['from', 'to', 'overdueAt'])))
    return pgRead(db, f, offset, limit, batches, all, narrow, cap);
  // A phrase counts exactly from the positions, except in documents that lost some (checked on the row).
  const match: DayMatch = phrase ? { tokens: filters, phrase, not: [LOST_POSITIONS], ...overdue } : all;
  let matches = 0;
  let inNeed = 0;
  let counted = 0;
  const need: string[] = [];
  for (const days of batches) {
    const before = matches;
    matches += await pgCount(db, match, days, cap + 1 - matches);
    counted += days.length;
    // The newest days that hold the page: every match in them is newer than any outside.
    if (before < offset + limit) {
      need.push(...days);
      inNeed = matches;
    }
    if (matches > cap) break;
  }
  const lost = phrase && matches <= cap ? await lostMatches(db, f, all, batches.flat()) : 0;
  const total = matches + lost + (await trackedOnly(db, f, q, 'postgres'));
  // Matches uncounted (lost positions) only make `need` reach further back: still every newer match.
  const days = matches >= offset + limit ? need : batches.flat();
  const found = sql<SqlBool>`(${containsText(q, 'postgres')} or ${trackingIs(q)})`;
  // Walking the newest-first order reads about page ÷ density rows (fewer with a filter's index);
  // the newest days' matches cost two reads each (appeal_search, then the appeal).
  const perDay = search.appeals / Math.max(1, batches.flat().length);
  const walkRows = matches ? ((offset + limit) * counted * perDay) / matches : Number.POSITIVE_INFINITY;
  const walks = search.walkAbove === undefined ? walkRows < 2 * inNeed : matches > search.walkAbove;
  const s: Shape = walks || !days.length ? walk : { text: sql<SqlBool>`(${pgHas(all, days, q)} and ${found})` };
  return {
    total: Math.min(total, cap),
    totalCapped: total > cap,
    rows: await pageOf(db, f, 'postgres', s, offset, limit),
  };
}

/** The appeals whose document lost positions (LOST_POSITIONS) and that hold the text: checked on the row. */
async function lostMatches(db: Executor, f: AppealFilter, all: DayMatch, days: string[]): Promise<number> {
  const lost: DayMatch = { ...all, tokens: [...all.tokens, LOST_POSITIONS] };
  const text = sql<SqlBool>`(${pgHas(lost, days)} and ${containsText(f.q as string, 'postgres')})`;
  const r = await applyFilter(
    db.selectFrom('appeals').select((e) => e.fn.countAll<number>().as('n')),
    f,
    'postgres',
    {
      text,
      indexed: true,
    },
  ).executeTakeFirstOrThrow();
  return Number(r.n);
}
