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

/** The target in force: an explicit one, else BANYAN_TURNAROUND_HOURS, else the default. */
export function targetHoursOf(given: number | undefined, env: string | undefined): number {
  if (given !== undefined && Number.isFinite(given) && given > 0) return given;
  const n = Number(env);
  return env && Number.isFinite(n) && n > 0 && n <= 168 ? n : TURNAROUND_TARGET_HOURS;
}
