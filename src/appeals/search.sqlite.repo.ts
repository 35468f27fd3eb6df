// The appeals search on SQLite when a filter is not in the FTS table (overdue, a received range, a
// unit …) or the query is longer than a token: one pass up to the cap for the count and the page.
import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { StoredAppeal } from './appeals.repo.ts';
import { OVERDUE_STATUSES } from './counts.rules.ts';
import { type AppealFilter, applyFilter, pageOf, rowsOf } from './list.repo.ts';
import { containsText, trackingIs } from './search.repo.ts';
import { filterTokens, ftsMatch } from './search.rules.ts';

type Hit = { id: number; received_at: string };
const newestFirst = (a: Hit, b: Hit) =>
  a.received_at < b.received_at ? 1 : a.received_at > b.received_at ? -1 : b.id - a.id;

/**
 * SQLite: the appeals passing the filters whose ids are among the FTS matches of the tokens (and,
 * for the overdue list, of an open status), up to the cap, sorted here; above the cap the page
 * walks the newest-first order.
 */
export async function sqliteSearch(
  db: Executor,
  f: AppealFilter,
  offset: number,
  limit: number,
  search: { tokens: string[]; exact: boolean },
  cap: number,
): Promise<{ total: number; totalCapped: boolean; rows: StoredAppeal[] }> {
  const q = f.q as string;
  const any = f.overdueAt ? OVERDUE_STATUSES.flatMap((s) => filterTokens({ status: s })) : [];
  const match = sql<SqlBool>`id in (select rowid from appeals_fts where appeals_fts match ${ftsMatch(search.tokens, any)})`;
  const text = search.exact ? match : sql<SqlBool>`(${match} and ${containsText(q, 'sqlite')})`;
  // The overdue list's or the received range's index holds what the filter checks and the rowid
  // that the FTS matches are probed for, so the appeals themselves are not read; the planner
  // instead read each FTS match's appeal (4 µs each: 76 against 13 ms for 20,000 at 200,000).
  // In one district the overdue entries are that district's range of its own index (物流受阻 at
  // 1 M: 22 against 72 ms walking the city's), so the district, which the FTS tokens hold, is
  // also checked there.
  const inDistrict = !!(f.overdueAt && f.district);
  const by = inDistrict
    ? 'appeals_overdue_district'
    : f.overdueAt
      ? 'appeals_overdue_received'
      : f.from || f.to
        ? 'appeals_received'
        : undefined;
  const from = by
    ? db.selectFrom(sql<'appeals'>`appeals indexed by ${sql.raw(by)}` as never)
    : db.selectFrom('appeals');
  const candidates = applyFilter(
    from.select([sql<number>`id`.as('id'), sql<string>`received_at`.as('received_at')]),
    f,
    'sqlite',
    { text, indexed: true },
  );
  const hits = await (inDistrict ? candidates.where('district_code', '=', f.district as string) : candidates)
    .limit(cap + 1)
    .execute();
  if (hits.length > cap)
    return { total: cap, totalCapped: true, rows: await pageOf(db, f, 'sqlite', { walk: true }, offset, limit) };
  // The appeals found only by their tracking number (at most two) sort in among the matches.
  const tracked = await applyFilter(db.selectFrom('appeals').select(['id', 'received_at']), f, 'sqlite', {
    text: sql<SqlBool>`(${trackingIs(q)} and not ${containsText(q, 'sqlite')})`,
  }).execute();
  const found = [...hits, ...tracked].map((r) => ({ ...r, id: Number(r.id) })).sort(newestFirst);
  const ids = found.slice(offset, offset + limit).map((r) => r.id);
  return { total: Math.min(found.length, cap), totalCapped: found.length > cap, rows: await rowsOf(db, ids) };
}
