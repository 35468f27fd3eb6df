import { sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import './appeals.tables.ts';
import { addTo, type CountRow, DIMS, MEASURES, type Measure } from './counts.rules.ts';

const KEY = ['day', 'district_code', 'dim', 'key'] as const;

/** Adds signed deltas to the dashboard counters (upsert), in the caller's transaction. */
export async function applyAppealCountDeltas(trx: Executor, rows: CountRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('appeal_counts')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const m of ['n', ...MEASURES] as const) set[m] = eb(`appeal_counts.${m}`, '+', eb.ref(`excluded.${m}`));
          return set;
        }),
      )
      .execute();
  }
}

export interface Period {
  /** First and last local day (YYYY-MM-DD), inclusive. */
  from: string;
  to: string;
  areaPrefix?: string;
}

/** The counter rows of a period (summed over nothing: one row per stored key with appeals). */
export async function countsOf(db: Executor, p: Period): Promise<CountRow[]> {
  let q = db.selectFrom('appeal_counts').selectAll().where('day', '>=', p.from).where('day', '<=', p.to);
  if (p.areaPrefix) q = q.where('district_code', 'like', `${p.areaPrefix}%`);
  return (await q.where('n', '!=', 0).execute()).map((r) => {
    const out = { ...r } as CountRow;
    for (const m of ['n', ...MEASURES] as const) out[m] = Number(r[m]);
    return out;
  });
}

/** The counter sums of a period by channel, category, status, district or day (summed in the database). */
export async function countSumsBy(
  db: Executor,
  by: 'channel' | 'category' | 'status' | 'district_code' | 'day',
  p: Period,
): Promise<Array<{ key: string; n: number }>> {
  // District and day sums come from the status rows: the statuses partition the appeals.
  const dim = by === 'district_code' || by === 'day' ? 'status' : by;
  const col = by === 'district_code' || by === 'day' ? by : 'key';
  let q = db
    .selectFrom('appeal_counts')
    .select([col, (e) => e.fn.sum<number>('n').as('n')])
    .where('day', '>=', p.from)
    .where('day', '<=', p.to)
    .where('dim', '=', dim);
  if (p.areaPrefix) q = q.where('district_code', 'like', `${p.areaPrefix}%`);
  const rows = await q.groupBy(col).execute();
  return rows.map((r) => ({ key: String(r[col as keyof typeof r]), n: Number(r.n) }));
}

/** Appeals per local day and value of one dimension (the stacked daily volume chart). */
export async function countByDayAnd(
  db: Executor,
  dim: 'channel' | 'category' | 'status',
  p: Period,
): Promise<Array<{ day: string; key: string; n: number }>> {
  let q = db
    .selectFrom('appeal_counts')
    .select(['day', 'key', (e) => e.fn.sum<number>('n').as('n')])
    .where('day', '>=', p.from)
    .where('day', '<=', p.to)
    .where('dim', '=', dim);
  if (p.areaPrefix) q = q.where('district_code', 'like', `${p.areaPrefix}%`);
  const rows = await q.groupBy(['day', 'key']).orderBy('day').execute();
  return rows.map((r) => ({ day: String(r.day), key: String(r.key), n: Number(r.n) })).filter((r) => r.n !== 0);
}

/** The sums of `n`, of every measure and of closed appeals over a period. */
export async function countTotals(db: Executor, p: Period): Promise<Record<'n' | 'closed' | Measure, number>> {
  let q = db
    .selectFrom('appeal_counts')
    .select((e) => [
      e.fn.sum<number>('n').as('n'),
      e.fn.sum<number>(e.case().when('key', '=', 'closed').then(e.ref('n')).else(0).end()).as('closed'),
      ...MEASURES.map((m) => e.fn.sum<number>(m).as(m)),
    ])
    .where('day', '>=', p.from)
    .where('day', '<=', p.to)
    .where('dim', '=', 'status');
  if (p.areaPrefix) q = q.where('district_code', 'like', `${p.areaPrefix}%`);
  const r = (await q.executeTakeFirstOrThrow()) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v ?? 0)])) as Record<
    'n' | 'closed' | Measure,
    number
  >;
}

/** Appeals received in a period (UTC instants) that are overdue at `now` (partial index on overdue_at). */
export async function overdueCount(
  db: Executor,
  f: { fromAt: string; toAt: string; now: string; areaPrefix?: string },
): Promise<number> {
  let q = db
    .selectFrom('appeals')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('received_at', '>=', f.fromAt)
    .where('received_at', '<', f.toAt)
    .where('overdue_at', '<', f.now);
  if (f.areaPrefix) q = q.where('district_code', 'like', `${f.areaPrefix}%`);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Every counter recomputed from the appeals by GROUP BY: the reference the tests compare with. */
export async function countsReference(db: Executor, dialect: string, p: Period): Promise<CountRow[]> {
  const day =
    dialect === 'postgres'
      ? sql<string>`to_char((received_at::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`
      : sql<string>`strftime('%Y-%m-%d', received_at, '+8 hours')`;
  const c = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
  const fromAt = new Date(Date.parse(`${p.from}T00:00:00+08:00`)).toISOString();
  const toAt = new Date(Date.parse(`${p.to}T00:00:00+08:00`) + 86_400_000).toISOString();
  let q = db
    .selectFrom('appeals')
    .select([
      day.as('day'),
      'district_code',
      'channel',
      'category',
      'status',
      (e) => e.fn.countAll<number>().as('n'),
      c(sql`signed_at is not null`).as('signed'),
      c(sql`signed_at is not null and signed_at <= sign_due_at`).as('signed_on_time'),
      c(sql`replied_at is not null`).as('replied'),
      c(sql`replied_at is not null and replied_at <= due_at`).as('replied_on_time'),
      c(sql`rating is not null`).as('rated'),
      c(sql`rating in ('satisfied', 'basic')`).as('satisfied'),
      c(sql`reopen_count > 0`).as('reopened'),
      c(sql`escalated_at is not null`).as('escalated'),
    ])
    .where('received_at', '>=', fromAt)
    .where('received_at', '<', toAt);
  if (p.areaPrefix) q = q.where('district_code', 'like', `${p.areaPrefix}%`);
  const rows = await q.groupBy([day, 'district_code', 'channel', 'category', 'status']).execute();
  const out = new Map<string, CountRow>();
  for (const r of rows) {
    const m = Object.fromEntries(MEASURES.map((x) => [x, Number(r[x])])) as Record<Measure, number>;
    for (const dim of DIMS)
      addTo(out, { day: String(r.day), district_code: r.district_code, dim, key: String(r[dim]) }, Number(r.n), m);
  }
  return [...out.values()];
}

/** The overdue count by the two-deadline predicate over the appeals (reference for the tests). */
export async function overdueCountReference(
  db: Executor,
  f: { fromAt: string; toAt: string; now: string; areaPrefix?: string },
): Promise<number> {
  let q = db
    .selectFrom('appeals')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('received_at', '>=', f.fromAt)
    .where('received_at', '<', f.toAt)
    .where(
      sql<boolean>`status in ('received','dispatched','signed') and ((signed_at is null and sign_due_at < ${f.now}) or due_at < ${f.now})`,
    );
  if (f.areaPrefix) q = q.where('district_code', 'like', `${f.areaPrefix}%`);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
