/**
 * Sampling-to-result target in hours. RULES.md states none for pooled PCR, so this is a product
 * default; BANYAN_TURNAROUND_HOURS or the `targetHours` query overrides it.
 */
export const TURNAROUND_TARGET_HOURS = 12;

const H = 3600_000;

/** The times of one tube as stored (ISO text, null when not yet known). */
export interface TubeTimes {
  first_sampled_at: string;
  received_at: string | null;
  resulted_at: string | null;
}

/** Turnaround of a set of tubes against a target, in hours. */
export interface Turnaround {
  tubes: number;
  received: number;
  resulted: number;
  /** Resulted tubes no lab marked as received: their receipt time is unknown, not invented. */
  resultedWithoutReceipt: number;
  p50Hours: number | null;
  p90Hours: number | null;
  withinTarget: number;
  pctWithinTarget: number | null;
  /** Tubes without a result whose sampling is longer ago than the target. */
  waitingPastTarget: number;
  p50ToReceiptHours: number | null;
  p50InLabHours: number | null;
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / H) * 10) / 10);
const asc = (a: number, b: number) => a - b;

/** Sampled → received → resulted figures of some tubes, against a target, as seen at `now`. */
export function turnaroundOf(rows: TubeTimes[], targetHours: number, now: number): Turnaround {
  const total: number[] = [];
  const toReceipt: number[] = [];
  const inLab: number[] = [];
  let received = 0;
  let withoutReceipt = 0;
  let waitingPastTarget = 0;
  for (const r of rows) {
    const sampled = Date.parse(r.first_sampled_at);
    const rec = r.received_at ? Date.parse(r.received_at) : null;
    const res = r.resulted_at ? Date.parse(r.resulted_at) : null;
    if (rec !== null) {
      received++;
      toReceipt.push(rec - sampled);
    }
    if (res === null) {
      if (now - sampled > targetHours * H) waitingPastTarget++;
      continue;
    }
    total.push(res - sampled);
    if (rec === null) withoutReceipt++;
    else inLab.push(res - rec);
  }
  total.sort(asc);
  toReceipt.sort(asc);
  inLab.sort(asc);
  const withinTarget = total.filter((ms) => ms <= targetHours * H).length;
  return {
    tubes: rows.length,
    received,
    resulted: total.length,
    resultedWithoutReceipt: withoutReceipt,
    p50Hours: hours(percentile(total, 50)),
    p90Hours: hours(percentile(total, 90)),
    withinTarget,
    pctWithinTarget: total.length ? Math.round((withinTarget / total.length) * 1000) / 10 : null,
    waitingPastTarget,
    p50ToReceiptHours: hours(percentile(toReceipt, 50)),
    p50InLabHours: hours(percentile(inLab, 50)),
  };
}

/**
 * A tube as it stood at an instant (ISO text, compared as stored): a time after it not yet there,
 * and no tube at all before its first sample. Times are ordered sampled ≤ received ≤ resulted (the
 * receipt and results checks refuse others), so the lab that reported comes with the result.
 */
export function tubeAsOf<T extends TubeTimes & { lab_code: string | null; receiving_lab: string | null }>(
  t: T,
  asOf: string,
): T | null {
  if (t.first_sampled_at > asOf) return null;
  const received = t.received_at !== null && t.received_at <= asOf;
  const resulted = t.resulted_at !== null && t.resulted_at <= asOf;
  return {
    ...t,
    received_at: received ? t.received_at : null,
    receiving_lab: received ? t.receiving_lab : null,
    resulted_at: resulted ? t.resulted_at : null,
    lab_code: resulted ? t.lab_code : null,
  };
}

/** The target in force: an explicit one, else BANYAN_TURNAROUND_HOURS, else the default. */
export function targetHoursOf(given: number | undefined, env: string | undefined): number {
  if (given !== undefined && Number.isFinite(given) && given > 0) return given;
  const n = Number(env);
  return env && Number.isFinite(n) && n > 0 && n <= 168 ? n : TURNAROUND_TARGET_HOURS;
}

/** What one tube adds to the kept turnaround counts (see turnaround.repo.ts). */
export interface TubeTurnaround extends TubeTimes {
  campaign_id: number | null;
  round: number | null;
  district_code: string;
  lab_code: string | null;
  receiving_lab: string | null;
}

/**
 * One kept count: tubes of a campaign round, district and lab, per measure and duration. A
 * duration is kept twice over in tenths of an hour: rounded (`r`, what the card shows, so a
 * nearest-rank percentile of the counts equals that of the exact durations) and rounded up (`c`, so
 * "within a target of t tenths" is exactly c ≤ t).
 */
export interface CountKey {
  campaign_id: number;
  round: number;
  district_code: string;
  lab: string;
  measure: 'tubes' | 'receipt' | 'total' | 'inlab' | 'noreceipt';
  r: number;
  c: number;
}

const TENTH = H / 10;
const span = (ms: number) => ({ r: Math.round((ms / H) * 10), c: Math.ceil(ms / TENTH) });

/** The counts a tube in this state contributes (none outside a campaign round). */
export function countsOf(t: TubeTurnaround): CountKey[] {
  if (t.campaign_id === null || t.round === null) return [];
  const base = {
    campaign_id: Number(t.campaign_id),
    round: Number(t.round),
    district_code: t.district_code,
    lab: t.lab_code ?? t.receiving_lab ?? '',
  };
  const out: CountKey[] = [{ ...base, measure: 'tubes', r: 0, c: 0 }];
  const sampled = Date.parse(t.first_sampled_at);
  const rec = t.received_at ? Date.parse(t.received_at) : null;
  const res = t.resulted_at ? Date.parse(t.resulted_at) : null;
  if (rec !== null) out.push({ ...base, measure: 'receipt', ...span(rec - sampled) });
  if (res !== null) {
    out.push({ ...base, measure: 'total', ...span(res - sampled) });
    out.push(
      rec === null ? { ...base, measure: 'noreceipt', r: 0, c: 0 } : { ...base, measure: 'inlab', ...span(res - rec) },
    );
  }
  return out;
}

/** The target as whole tenths of an hour, or null when it is not one (the figures are then computed from the tubes). */
export function targetTenths(targetHours: number): number | null {
  const t = Math.round(targetHours * 10);
  return t * TENTH === targetHours * H ? t : null;
}

/** Counts of one measure: [r, c, n]. */
export type Histogram = Array<[number, number, number]>;

function percentileOf(h: Histogram, p: number): number | null {
  const total = h.reduce((s, [, , n]) => s + n, 0);
  if (!total) return null;
  const rank = Math.min(total - 1, Math.max(0, Math.ceil((p / 100) * total) - 1));
  const sorted = [...h].sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [r, , n] of sorted) {
    seen += n;
    if (seen > rank) return r / 10;
  }
  return null;
}

/** The same figures as turnaroundOf, from kept counts and the number of tubes waiting past the target. */
export function turnaroundFromCounts(
  m: Partial<Record<CountKey['measure'], Histogram>>,
  tenths: number,
  waitingPastTarget: number,
): Turnaround {
  const sum = (h: Histogram | undefined) => (h ?? []).reduce((s, [, , n]) => s + n, 0);
  const total = m.total ?? [];
  const resulted = sum(total);
  const withinTarget = total.reduce((s, [, c, n]) => s + (c <= tenths ? n : 0), 0);
  return {
    tubes: sum(m.tubes),
    received: sum(m.receipt),
    resulted,
    resultedWithoutReceipt: sum(m.noreceipt),
    p50Hours: percentileOf(total, 50),
    p90Hours: percentileOf(total, 90),
    withinTarget,
    pctWithinTarget: resulted ? Math.round((withinTarget / resulted) * 1000) / 10 : null,
    waitingPastTarget,
    p50ToReceiptHours: percentileOf(m.receipt ?? [], 50),
    p50InLabHours: percentileOf(m.inlab ?? [], 50),
  };
}

/** Changes to kept counts, summed per key before they are written (a rack of tubes shares few keys). */
export class CountDeltas {
  private m = new Map<string, { key: CountKey; n: number }>();
  /** Adds (n > 0) or removes (n < 0) what n tubes in this state contribute. */
  add(t: TubeTurnaround, n: number): void {
    for (const key of countsOf(t)) {
      const k = `${key.campaign_id}|${key.round}|${key.district_code}|${key.lab}|${key.measure}|${key.r}|${key.c}`;
      const d = this.m.get(k);
      if (d) d.n += n;
      else this.m.set(k, { key, n });
    }
  }
  /** The non-zero changes. */
  rows(): Array<CountKey & { n: number }> {
    return [...this.m.values()].filter((d) => d.n !== 0).map((d) => ({ ...d.key, n: d.n }));
  }
}
