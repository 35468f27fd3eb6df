// The dispatcher's queue and every filtered list: how a text search finds its count and page
// (search.rules.ts has the tokens, list.repo.ts the filter, search.pg.repo.ts PostgreSQL's side).
import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { StoredAppeal } from './appeals.repo.ts';
import {
  type AppealFilter,
  applyFilter,
  countUpTo,
  filterOf,
  num,
  onlyIndexed,
  PHRASE_CAP,
  pageOf,
  type Shape,
  TOTAL_CAP,
  trackedOnly,
} from './list.repo.ts';
import { pgSearch, plainPlans } from './search.pg.repo.ts';
import { approxAppeals, districtsUnder, ftsCount, ftsHas, trackingIs } from './search.repo.ts';
import { searchPlan } from './search.rules.ts';
import { sqliteSearch } from './search.sqlite.repo.ts';

export { type AppealFilter, PHRASE_CAP, TOTAL_CAP } from './list.repo.ts';

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
  totalCap = TOTAL_CAP,
): Promise<{ total: number; totalCapped: boolean; rows: StoredAppeal[] }> {
  const plan = f.q ? searchPlan(f.q) : undefined;
  const cap = plan && !plan.exact ? Math.min(totalCap, PHRASE_CAP) : totalCap;
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
  const g = await areaAsDistrict(db, f);
  if (!g) return done(0, []);
  // Walking costs about (offset + limit) × appeals / matches rows; reading the matches costs one each.
  const appeals = await approxAppeals(db);
  const walk: Shape = { walk: true };
  if (dialect === 'postgres')
    return plainPlans(db, (trx) =>
      pgSearch(trx, g, offset, limit, { ...plan, filters: filterOf(g), walkAbove, appeals }, cap),
    );
  const threshold = walkAbove ?? Math.min(cap, Math.sqrt((offset + limit) * appeals));
  const tokens = [...plan.tokens, ...filterOf(g)];

  if (plan.exact && onlyIndexed(g)) {
    const matches = await ftsCount(db, tokens, Math.max(threshold, cap) + 1);
    const text = sql<SqlBool>`(${ftsHas(tokens)} or ${trackingIs(q)})`;
    // The index count is exact: the page alone, walked or from the matches.
    const rows = await pageOf(db, g, dialect, matches > threshold ? walk : { text }, offset, limit);
    return done(matches + (await trackedOnly(db, g, q, dialect)), rows);
  }
  return sqliteSearch(db, g, offset, limit, { tokens, exact: plan.exact, fewUpTo: walkAbove }, cap);
}

/**
 * A search's area prefix as the one district it names (the token indexes hold districts), or null
 * when no appeal's district starts with it: a street officer's nine digits, as appeals hold
 * district codes. A prefix of several districts stays a filter checked on the row.
 */
async function areaAsDistrict(db: Executor, f: AppealFilter): Promise<AppealFilter | null> {
  if (!f.areaPrefix) return f;
  const districts = await districtsUnder(db, f.areaPrefix);
  if (f.district) return districts.includes(f.district) ? { ...f, areaPrefix: undefined } : null;
  if (districts.length > 1) return f;
  return districts.length ? { ...f, district: districts[0], areaPrefix: undefined } : null;
}

/** Open appeals past a deadline and not yet escalated, for the escalation job. */
export async function overdueUnescalated(db: Executor, now: string): Promise<StoredAppeal[]> {
  const rows = await applyFilter(db.selectFrom('appeals').selectAll(), { overdueAt: now, escalated: false }, '')
    .orderBy('id')
    .execute();
  return rows.map(num);
}
