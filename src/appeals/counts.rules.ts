// The dashboard figures of an appeal, as counter contributions. Each appeal adds one to `n` and to
// each measure it meets, under the key of its local day, district, channel, category and status; a
// change subtracts its old contribution and adds the new one in the same transaction, so the sums
// over a period equal a GROUP BY over the appeals received in it.
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

export interface CountRow extends Record<Measure, number> {
  day: string;
  district_code: string;
  channel: string;
  category: string;
  status: string;
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

const keyOf = (r: Omit<CountRow, 'n' | Measure>) =>
  `${r.day}|${r.district_code}|${r.channel}|${r.category}|${r.status}`;

/** Accumulates the signed contribution of one appeal into a delta map. */
export function addContribution(deltas: Map<string, CountRow>, a: Countable, sign: 1 | -1): void {
  const key = {
    day: localDay(a.received_at),
    district_code: a.district_code,
    channel: a.channel,
    category: a.category,
    status: a.status,
  };
  const k = keyOf(key);
  let row = deltas.get(k);
  if (!row) {
    row = { ...key, n: 0, ...(Object.fromEntries(MEASURES.map((m) => [m, 0])) as Record<Measure, number>) };
    deltas.set(k, row);
  }
  row.n += sign;
  const m = measuresOf(a);
  for (const name of MEASURES) row[name] += sign * m[name];
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
  const sum = (col: 'day' | 'channel' | 'category' | 'district_code' | 'status') => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r[col], (m.get(r[col]) ?? 0) + r.n);
    return sortedFigures([...m.entries()].map(([key, n]) => ({ key, n })));
  };
  const sums = { n: 0, closed: 0, ...(Object.fromEntries(MEASURES.map((m) => [m, 0])) as Record<Measure, number>) };
  for (const r of rows) {
    sums.n += r.n;
    if (r.status === 'closed') sums.closed += r.n;
    for (const m of MEASURES) sums[m] += r[m];
  }
  return {
    byChannel: sum('channel'),
    byCategory: sum('category'),
    byDistrict: sum('district_code'),
    byStatus: sum('status'),
    byDay: sum('day').map(({ key, n }) => ({ day: key, n })),
    measures: measuresFrom(sums),
  };
}
