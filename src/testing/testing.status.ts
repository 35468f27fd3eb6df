import type { Db } from '../platform/db/db.ts';
import { allPersonTests } from './testing.repo.ts';

/** One person's test facts as epoch milliseconds (NaN = none). */
export interface PersonStatus {
  lastSampledAt: number | null;
  lastNegativeSampledAt: number | null;
  positivePoolAt: number | null;
  positiveAt: number | null;
}

const FIELDS = ['lastSampledAt', 'lastNegativeSampledAt', 'positivePoolAt', 'positiveAt'] as const;

/**
 * The in-memory status index of DESIGN.md: dense person number → test facts, in typed arrays
 * (32 bytes a person: 8.4 M residents take about 270 MB). Entrance checks read it without a
 * database round trip; every write that changes a fact updates it after its commit.
 */
export class StatusIndex {
  private cols: Record<(typeof FIELDS)[number], Float64Array>;
  constructor(capacity = 1024) {
    this.cols = Object.fromEntries(
      FIELDS.map((f) => [f, new Float64Array(capacity).fill(Number.NaN)]),
    ) as StatusIndex['cols'];
  }
  private grow(id: number): void {
    const cap = this.cols.lastSampledAt.length;
    if (id < cap) return;
    let next = cap;
    while (next <= id) next *= 2;
    for (const f of FIELDS) {
      const a = new Float64Array(next).fill(Number.NaN);
      a.set(this.cols[f]);
      this.cols[f] = a;
    }
  }
  /** A person's facts (all null for an unknown person). */
  get(id: number): PersonStatus {
    const v = (f: (typeof FIELDS)[number]) => {
      const x = id < this.cols[f].length ? (this.cols[f][id] as number) : Number.NaN;
      return Number.isNaN(x) ? null : x;
    };
    return {
      lastSampledAt: v('lastSampledAt'),
      lastNegativeSampledAt: v('lastNegativeSampledAt'),
      positivePoolAt: v('positivePoolAt'),
      positiveAt: v('positiveAt'),
    };
  }
  /** Sets facts; times only move forward, except an explicit null which clears (e.g. a cleared pool flag). */
  set(id: number, facts: Partial<PersonStatus>): void {
    this.grow(id);
    for (const f of FIELDS) {
      const v = facts[f];
      if (v === undefined) continue;
      const cur = this.cols[f][id] as number;
      if (v === null) this.cols[f][id] = Number.NaN;
      else if (Number.isNaN(cur) || v > cur) this.cols[f][id] = v;
    }
  }
  /** Overwrites one fact, also backwards (a corrected result can take a certificate away). */
  replace(id: number, field: keyof PersonStatus, value: number | null): void {
    this.grow(id);
    this.cols[field][id] = value ?? Number.NaN;
  }
  /** Bytes held by the index. */
  bytes(): number {
    return FIELDS.reduce((s, f) => s + this.cols[f].byteLength, 0);
  }
}

const indexes = new WeakMap<Db, Promise<StatusIndex>>();

/** The status index of a database, loaded once from `person_tests`. */
export function statusIndex(db: Db): Promise<StatusIndex> {
  let p = indexes.get(db);
  if (!p) {
    p = (async () => {
      const idx = new StatusIndex();
      const ms = (s: string | null) => (s ? Date.parse(s) : null);
      for await (const r of allPersonTests(db)) {
        idx.set(r.person_id, {
          lastSampledAt: ms(r.last_sampled_at),
          lastNegativeSampledAt: ms(r.last_negative_sampled_at),
          positivePoolAt: ms(r.positive_pool_at),
          positiveAt: ms(r.positive_at),
        });
      }
      return idx;
    })();
    indexes.set(db, p);
  }
  return p;
}
