// The dispatcher's queue and every filtered list: the filters, the text search through the token
// index (search.rules.ts), and the page-then-rows query.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { StoredAppeal } from './appeals.repo.ts';
import './appeals.tables.ts';
import {
  approxAppeals,
  containsText,
  ftsCount,
  ftsHas,
  pgCount,
  pgHas,
  searchDays,
  trackingIs,
} from './search.repo.ts';
import { filterTokens, searchPlan } from './search.rules.ts';

const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) }) as unknown as StoredAppeal;

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
 * token index already holds (status, district, category, channel).
 */
interface Shape {
  text?: Expression<SqlBool>;
  walk?: boolean;
  indexed?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the same filter applies to select and count builders
function applyFilter<Q extends { where: (...a: any[]) => Q }>(
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
  }
  if (f.areaPrefix) r = r.where(col('district_code'), 'like', `${f.areaPrefix}%`);
  if (f.unit) r = r.where(col('unit', ordered), '=', f.unit);
  if (f.from) r = r.where('received_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) r = r.where('received_at', '<', `${f.to}T23:59:59.999Z`);
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

/** The filter tokens of a list filter (the token indexes hold them beside the text). */
const filterOf = (f: AppealFilter) =>
  filterTokens({ status: f.status, district_code: f.district, category: f.category, channel: f.channel });

/** The filters beyond the four that the token index holds (and the text). */
const onlyIndexed = (f: AppealFilter) =>
  Object.entries(f).every(
    ([k, v]) => ['q', 'status', 'district', 'category', 'channel'].includes(k) || v === undefined,
  );

/** How many appeals a filter matches, counted up to `upTo`. */
async function countUpTo(db: Executor, f: AppealFilter, dialect: string, s: Shape, upTo: number): Promise<number> {
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

/** Appeals by id, newest first. */
async function rowsOf(db: Executor, ids: number[]): Promise<StoredAppeal[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('appeals')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(num);
}

/** The ids of one page, newest first, then those rows in full. */
async function pageOf(db: Executor, f: AppealFilter, dialect: string, s: Shape, offset: number, limit: number) {
  const page = applyFilter(db.selectFrom('appeals').select('id'), f, dialect, s)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(limit);
  const rows = await db
    .selectFrom('appeals')
    .selectAll()
    .where('id', 'in', page)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(num);
}

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
  tokens: string[],
  narrow: (hit: Expression<SqlBool>) => Expression<SqlBool>,
  walk: Shape,
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
      text: narrow(pgHas(tokens, days)),
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
 * A page of appeals, newest first, and the total up to the cap. A text search counts its matches
 * through the token index (search.repo.ts); with many matches the page walks the newest-first order
 * and checks the text on each row, stopping after one page, with few it reads the index's matches
 * and sorts them. `walkAbove` (matches) lets tests force either plan.
 */
export async function listAppeals(
  db: Executor,
  f: AppealFilter,
  offset: number,
  limit: number,
  dialect: string,
  walkAbove?: number,
  cap = TOTAL_CAP,
): Promise<{ total: number; totalCapped: boolean; rows: StoredAppeal[] }> {
  const plan = f.q ? searchPlan(f.q) : undefined;
  const done = (total: number, rows: StoredAppeal[]) => ({
    total: Math.min(total, cap),
    totalCapped: total > cap,
    rows,
  });
  if (!f.q || !plan?.tokens.length) {
    const rows = await pageOf(db, f, dialect, {}, offset, limit);
    return done(await countUpTo(db, f, dialect, {}, cap + 1), rows);
  }
  const q = f.q;
  // Walking costs about (offset + limit) × appeals / matches rows; reading the matches costs one each.
  const threshold = walkAbove ?? Math.min(cap, Math.sqrt((offset + limit) * (await approxAppeals(db))));
  const tokens = [...plan.tokens, ...filterOf(f)];
  const narrow = (hit: Expression<SqlBool>) =>
    plan.exact ? hit : sql<SqlBool>`(${hit} and ${containsText(q, dialect)})`;
  const extra = () =>
    applyFilter(
      db.selectFrom('appeals').select((e) => e.fn.countAll<number>().as('n')),
      f,
      dialect,
      {
        text: sql<SqlBool>`(${trackingIs(q)} and not ${containsText(q, dialect)})`,
      },
    ).executeTakeFirstOrThrow();
  const walk: Shape = { walk: true };

  if (dialect === 'postgres') {
    // Day by day from the newest, until the count passes the cap: each day's posting lists are short.
    const batches = await searchDays(db, f.from, f.to && `${f.to}T23:59:59.999Z`);
    if (!(plan.exact && onlyIndexed(f))) return pgRead(db, f, offset, limit, batches, tokens, narrow, walk, cap);
    let matches = 0;
    const need: string[] = [];
    for (const days of batches) {
      const before = matches;
      // Text and filters are all tokens: counted in the index alone.
      matches += await pgCount(db, tokens, days, cap + 1 - matches);
      // The newest days that hold the page: every match in them is newer than any outside.
      if (before < offset + limit) need.push(...days);
      if (matches > cap) break;
    }
    const total = matches + Number((await extra()).n);
    const days = matches >= offset + limit ? need : batches.flat();
    const found = sql<SqlBool>`(${containsText(q, dialect)} or ${trackingIs(q)})`;
    const s: Shape =
      matches > threshold || !days.length ? walk : { text: sql<SqlBool>`(${pgHas(tokens, days, q)} and ${found})` };
    return done(total, await pageOf(db, f, dialect, s, offset, limit));
  }

  const matches = await ftsCount(db, tokens, Math.max(threshold, cap) + 1);
  const text = sql<SqlBool>`(${narrow(ftsHas(tokens))} or ${trackingIs(q)})`;
  if (plan.exact && onlyIndexed(f)) {
    // The index count is exact: the page alone, walked or from the matches.
    const rows = await pageOf(db, f, dialect, matches > threshold ? walk : { text }, offset, limit);
    return done(matches + Number((await extra()).n), rows);
  }
  if (matches <= cap) {
    // Every candidate must be read for the count anyway: read each once, for the count and the page.
    const ids = await applyFilter(db.selectFrom('appeals').select('id'), f, dialect, { text })
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const page = ids.slice(offset, offset + limit).map((r) => Number(r.id));
    return done(ids.length, await rowsOf(db, page));
  }
  const rows = await pageOf(db, f, dialect, walk, offset, limit);
  return done(await countUpTo(db, f, dialect, { text }, cap + 1), rows);
}

/** Open appeals past a deadline and not yet escalated, for the escalation job. */
export async function overdueUnescalated(db: Executor, now: string): Promise<StoredAppeal[]> {
  const rows = await applyFilter(db.selectFrom('appeals').selectAll(), { overdueAt: now, escalated: false }, '')
    .orderBy('id')
    .execute();
  return rows.map(num);
}
