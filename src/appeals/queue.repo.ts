// The dispatcher's queue and every filtered list: the filters, the text search through the token
// index (search.rules.ts), and the page-then-rows query.
import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { StoredAppeal } from './appeals.repo.ts';
import './appeals.tables.ts';
import { asciiLower, filterTokens, ftsMatch, searchPlan, tsQuery } from './search.rules.ts';

const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) }) as unknown as StoredAppeal;

/** Whether an executor talks to PostgreSQL. */
export const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Writes (or replaces) the SQLite search tokens of appeals (PostgreSQL indexes an expression instead). */
export async function writeSearch(trx: Executor, rows: Array<{ id: number; tokens: string }>, replace: boolean) {
  if (isPostgres(trx)) return;
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    if (replace) await sql`delete from appeals_fts where rowid in (${sql.join(chunk.map((r) => r.id))})`.execute(trx);
    await sql`insert into appeals_fts(rowid, tokens) values ${sql.join(chunk.map((r) => sql`(${r.id}, ${r.tokens})`))}`.execute(
      trx,
    );
  }
}

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

// biome-ignore lint/suspicious/noExplicitAny: the same filter applies to select and count builders
function applyFilter<Q extends { where: (...a: any[]) => Q }>(
  q: Q,
  f: AppealFilter,
  dialect: string,
  probe = false,
): Q {
  let r = q;
  if (f.status) r = r.where('status', '=', f.status);
  if (f.district) r = r.where('district_code', '=', f.district);
  if (f.areaPrefix) r = r.where('district_code', 'like', `${f.areaPrefix}%`);
  if (f.category) r = r.where('category', '=', f.category);
  if (f.channel) r = r.where('channel', '=', f.channel);
  if (f.unit) r = r.where('unit', '=', f.unit);
  if (f.from) r = r.where('received_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) r = r.where('received_at', '<', `${f.to}T23:59:59.999Z`);
  if (f.escalated !== undefined) r = r.where('escalated_at', f.escalated ? 'is not' : 'is', null);
  // overdue_at < now is the two-deadline predicate over open appeals (counts.rules.ts overdueAt).
  if (f.overdueAt) r = r.where('overdue_at', '<', f.overdueAt);
  if (f.q) r = r.where(textMatch(f.q, dialect, probe, ftsFilter(f)));
  if (f.enterpriseIds) r = r.where('enterprise_id', 'in', f.enterpriseIds.length ? f.enterpriseIds : [-1]);
  return r;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Title or content contains the text (ASCII case-insensitive), or it is the tracking number. The
 * token index narrows the rows (search.rules.ts); the substring check keeps exactly those that contain it.
 */
function textMatch(q: string, dialect: string, probe: boolean, filter: string[]) {
  const needle = asciiLower(q);
  const { tokens, exact } = searchPlan(q);
  const tracking = sql<boolean>`tracking_no in (${q}, ${q.toUpperCase()})`;
  const contains =
    dialect === 'postgres'
      ? sql<boolean>`(strpos(translate(title, ${UPPER}, ${UPPER.toLowerCase()}), ${needle}) > 0 or strpos(translate(content, ${UPPER}, ${UPPER.toLowerCase()}), ${needle}) > 0)`
      : sql<boolean>`(instr(lower(title), ${needle}) > 0 or instr(lower(content), ${needle}) > 0)`;
  if (!tokens.length) return sql<boolean>`(${contains} or ${tracking})`;
  const indexed =
    dialect === 'postgres'
      ? sql<boolean>`appeal_search_vector(title, content) @@ ${tsQuery(tokens)}::tsquery`
      : probe
        ? sql<boolean>`+id in (select rowid from appeals_fts where appeals_fts match ${ftsMatch([...tokens, ...filter])})`
        : sql<boolean>`id in (select rowid from appeals_fts where appeals_fts match ${ftsMatch([...tokens, ...filter])})`;
  return exact
    ? sql<boolean>`(${indexed} or ${tracking})`
    : sql<boolean>`((${indexed} and ${contains}) or ${tracking})`;
}

// Above this many index matches SQLite walks the other filters' (or the date) index and probes the
// match set, instead of looking up every match by id.
const PROBE_ABOVE = 60_000;
/**
 * Totals above this read "10,000+": counting every match of a common word or of the city-wide
 * overdue list walks 100,000s of rows (0.2–1.2 s at 1 M appeals), and nobody pages that far; the
 * dashboard's exact figures come from the counters.
 */
export const TOTAL_CAP = 10_000;

/** The filter tokens of a list filter (SQLite's index intersects them with the text). */
const ftsFilter = (f: AppealFilter) =>
  filterTokens({ status: f.status, district_code: f.district, category: f.category, channel: f.channel });

/** How many appeals the SQLite search index matches for a query and filter (no text tokens: null). */
async function ftsCount(db: Executor, q: string, filter: string[], upTo: number): Promise<number | null> {
  const { tokens } = searchPlan(q);
  if (!tokens.length) return null;
  const match = ftsMatch([...tokens, ...filter]);
  const r = await sql<{
    n: number;
  }>`select count(*) as n from (select rowid from appeals_fts where appeals_fts match ${match} limit ${upTo})`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** A page of appeals, newest first, and the total (`probeAbove` lets tests take either SQLite plan). */
export async function listAppeals(
  db: Executor,
  f: AppealFilter,
  offset: number,
  limit: number,
  dialect: string,
  probeAbove = PROBE_ABOVE,
  cap = TOTAL_CAP,
): Promise<{ total: number; totalCapped: boolean; rows: StoredAppeal[] }> {
  // Counted only as far as the plan choice and the cap need.
  const matches =
    f.q && dialect === 'sqlite' ? await ftsCount(db, f.q, ftsFilter(f), Math.max(probeAbove, cap) + 1) : null;
  const probe = matches !== null && matches > probeAbove;
  // The page's ids first (index-only where the filter allows), then only those rows in full.
  const page = applyFilter(db.selectFrom('appeals').select('id'), f, dialect, probe)
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
  const inIndex = ['q', 'status', 'district', 'category', 'channel'];
  const indexOnly = Object.entries(f).every(([k, v]) => inIndex.includes(k) || v === undefined);
  let total: number;
  if (matches !== null && indexOnly && f.q && searchPlan(f.q).exact) {
    // The index count is exact; add appeals found only by their tracking number.
    const match = ftsMatch([...searchPlan(f.q).tokens, ...ftsFilter(f)]);
    const extra = await applyFilter(
      db.selectFrom('appeals').select((e) => e.fn.countAll<number>().as('n')),
      { ...f, q: undefined },
      dialect,
    )
      .where('tracking_no', 'in', [f.q, f.q.toUpperCase()])
      .where(sql<boolean>`id not in (select rowid from appeals_fts where appeals_fts match ${match})`)
      .executeTakeFirstOrThrow();
    total = matches + Number(extra.n);
  } else {
    const upTo = applyFilter(db.selectFrom('appeals').select('id'), f, dialect, probe)
      .limit(cap + 1)
      .as('m');
    total = Number(
      (
        await db
          .selectFrom(upTo)
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  return { total: Math.min(total, cap), totalCapped: total > cap, rows: rows.map(num) };
}

/** Open appeals past a deadline and not yet escalated, for the escalation job. */
export async function overdueUnescalated(db: Executor, now: string): Promise<StoredAppeal[]> {
  const rows = await applyFilter(db.selectFrom('appeals').selectAll(), { overdueAt: now, escalated: false }, '')
    .orderBy('id')
    .execute();
  return rows.map(num);
}
