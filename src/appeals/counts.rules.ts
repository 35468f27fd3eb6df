// The dashboard figures of an appeal, as counter contributions. For each dimension (channel,
// category, status) an appeal adds one to `n` and to each measure it meets, under its local day,
// district and its value of that dimension; a change subtracts its old contribution and adds the new
// one in the same transaction. Any one dimension partitions the appeals, so the status rows also give
// the totals, the days and the districts. About 20 rows per day and district: a period's figures
// are sums over a few thousand rows, never a scan of the appeals.
import { localDay } from './appeals.rules.ts';

/** The counted measures, named as their counter columns. */
export const MEASURES = [
  'signed',
  'signed_on_time',
  'replied',
  'replied_on_time',
  'rated',
  'satisfied',
  'reopened',
  'escalated',
] as const;
export type Measure = (typeof MEASURES)[number];

/** The fields of an appeal that its counters and its overdue instant depend on. */
export interface Countable {
  received_at: string;
  district_code: string;
  channel: string;
  category: string;
  status: string;
  sign_due_at: string;
  due_at: string;
  signed_at?: string | null;
  replied_at?: string | null;
  rating?: string | null;
  reopen_count: number;
  escalated_at?: string | null;
}

/** The dimensions that have their own counter rows. */
export const DIMS = ['channel', 'category', 'status'] as const;
export type Dim = (typeof DIMS)[number];

export interface CountRow extends Record<Measure, number> {
  day: string;
  district_code: string;
  dim: Dim;
  key: string;
  n: number;
}

/** The measures one appeal meets (each 0 or 1). */
export function measuresOf(a: Countable): Record<Measure, number> {
  const b = (x: boolean) => (x ? 1 : 0);
  const signed = a.signed_at != null;
  const replied = a.replied_at != null;
  return {
    signed: b(signed),
    signed_on_time: b(signed && (a.signed_at as string) <= a.sign_due_at),
    replied: b(replied),
    replied_on_time: b(replied && (a.replied_at as string) <= a.due_at),
    rated: b(a.rating != null),
    satisfied: b(a.rating === 'satisfied' || a.rating === 'basic'),
    reopened: b(a.reopen_count > 0),
    escalated: b(a.escalated_at != null),
  };
}

/** The identity of a counter row. */
export const countKey = (r: Pick<CountRow, 'day' | 'district_code' | 'dim' | 'key'>) =>
  `${r.day}|${r.district_code}|${r.dim}|${r.key}`;

/** Adds `sign` × (count, measures) to the row of a day, district and dimension value. */
export function addTo(
  deltas: Map<string, CountRow>,
  at: Pick<CountRow, 'day' | 'district_code' | 'dim' | 'key'>,
  n: number,
  m: Record<Measure, number>,
): void {
  const k = countKey(at);
  let row = deltas.get(k);
  if (!row) {
    row = { ...at, n: 0, ...(Object.fromEntries(MEASURES.map((x) => [x, 0])) as Record<Measure, number>) };
    deltas.set(k, row);
  }
  row.n += n;
  for (const name of MEASURES) row[name] += m[name];
}

/** Accumulates the signed contribution of one appeal into a delta map. */
export function addContribution(deltas: Map<string, CountRow>, a: Countable, sign: 1 | -1): void {
  const day = localDay(a.received_at);
  const m = measuresOf(a);
  for (const name of MEASURES) m[name] *= sign;
  for (const dim of DIMS) addTo(deltas, { day, district_code: a.district_code, dim, key: a[dim] }, sign, m);
}

/** The non-zero counter deltas of a change from `before` to `after` (either may be absent). */
export function countDeltas(before: Countable | null, after: Countable | null): CountRow[] {
  const deltas = new Map<string, CountRow>();
  if (before) addContribution(deltas, before, -1);
  if (after) addContribution(deltas, after, 1);
  return [...deltas.values()].filter((r) => r.n !== 0 || MEASURES.some((m) => r[m] !== 0));
}

/** Statuses in which a passed deadline makes an appeal overdue (the queue's and dashboard's meaning). */
export const OVERDUE_STATUSES = ['received', 'dispatched', 'signed'];

/**
 * The instant from which an appeal is overdue, or null if it cannot be: open and unsigned, the
 * earlier of its deadlines; open and signed, its resolution deadline. Overdue at `now` is
 * `overdue_at < now`, the same as the two-deadline predicate, but one indexed column.
 */
export function overdueAt(a: Pick<Countable, 'status' | 'signed_at' | 'sign_due_at' | 'due_at'>): string | null {
  if (!OVERDUE_STATUSES.includes(a.status)) return null;
  // ISO instants: the earlier sorts first.
  if (a.signed_at == null) return [a.sign_due_at, a.due_at].sort()[0] as string;
  return a.due_at;
}

type Figure = { key: string; n: number };
/** Figures without empty keys, in key order (the order of the GROUP BY path on SQLite). */
export const sortedFigures = (xs: Figure[]): Figure[] =>
  xs.filter((x) => x.n !== 0).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** The measures as the dashboard names them, from the counter sums. */
export function measuresFrom(sums: Record<'n' | 'closed' | Measure, number>) {
  return {
    total: sums.n,
    signed: sums.signed,
    signedOnTime: sums.signed_on_time,
    replied: sums.replied,
    repliedOnTime: sums.replied_on_time,
    rated: sums.rated,
    satisfied: sums.satisfied,
    reopened: sums.reopened,
    escalated: sums.escalated,
    closed: sums.closed,
  };
}

/** The dashboard volumes and measures from counter rows, summed here (the tests' reference path). */
export function figuresOf(rows: CountRow[]) {
  const sum = (dim: Dim, by: 'key' | 'district_code' | 'day') => {
    const m = new Map<string, number>();
    for (const r of rows) if (r.dim === dim) m.set(r[by], (m.get(r[by]) ?? 0) + r.n);
    return sortedFigures([...m.entries()].map(([key, n]) => ({ key, n })));
  };
  const sums = { n: 0, closed: 0, ...(Object.fromEntries(MEASURES.map((m) => [m, 0])) as Record<Measure, number>) };
  for (const r of rows) {
    if (r.dim !== 'status') continue;
    sums.n += r.n;
    if (r.key === 'closed') sums.closed += r.n;
    for (const m of MEASURES) sums[m] += r[m];
  }
  return {
    byChannel: sum('channel', 'key'),
    byCategory: sum('category', 'key'),
    byDistrict: sum('status', 'district_code'),
    byStatus: sum('status', 'key'),
    byDay: sum('status', 'day').map(({ key, n }) => ({ day: key, n })),
    measures: measuresFrom(sums),
  };
}
