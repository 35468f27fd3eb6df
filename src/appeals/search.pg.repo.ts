// The appeals search on PostgreSQL (queue.repo.ts decides when): appeal_search keys every token by
// the appeal's UTC day, so counts and pages read day batches newest first and stop early.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { StoredAppeal } from './appeals.repo.ts';
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
import { containsText, pgCount, pgHas, searchDays, trackingIs } from './search.repo.ts';

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
  tokens: string[],
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
 * A PostgreSQL search: the day batches' matches counted in the index alone (text and filters all
 * tokens) until past the cap, then the page by walking (many matches) or from the newest days that
 * hold it (few); otherwise pgRead.
 */
export async function pgSearch(
  db: Executor,
  f: AppealFilter,
  offset: number,
  limit: number,
  search: { tokens: string[]; exact: boolean; threshold: number },
  cap: number,
): Promise<{ total: number; totalCapped: boolean; rows: StoredAppeal[] }> {
  const q = f.q as string;
  const { tokens, threshold } = search;
  const narrow = (hit: Expression<SqlBool>) => narrowed(hit, q, search.exact, 'postgres');
  // Day by day from the newest, until the count passes the cap: each day's posting lists are short.
  const batches = await searchDays(db, f.from, f.to && `${f.to}T23:59:59.999Z`);
  if (!(search.exact && onlyIndexed(f))) return pgRead(db, f, offset, limit, batches, tokens, narrow, cap);
  let matches = 0;
  const need: string[] = [];
  for (const days of batches) {
    const before = matches;
    matches += await pgCount(db, tokens, days, cap + 1 - matches);
    // The newest days that hold the page: every match in them is newer than any outside.
    if (before < offset + limit) need.push(...days);
    if (matches > cap) break;
  }
  const total = matches + (await trackedOnly(db, f, q, 'postgres'));
  const days = matches >= offset + limit ? need : batches.flat();
  const found = sql<SqlBool>`(${containsText(q, 'postgres')} or ${trackingIs(q)})`;
  const s: Shape =
    matches > threshold || !days.length ? walk : { text: sql<SqlBool>`(${pgHas(tokens, days, q)} and ${found})` };
  return {
    total: Math.min(total, cap),
    totalCapped: total > cap,
    rows: await pageOf(db, f, 'postgres', s, offset, limit),
  };
}
