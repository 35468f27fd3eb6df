import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db/db.ts';
import { announce, onAnnouncement } from '../platform/events.ts';
import { allPersonTests, personTestsOf } from './testing.repo.ts';
import type { PersonTestRow } from './testing.tables.ts';

/** One person's test facts as epoch milliseconds (NaN = none). */
export interface PersonStatus {
  lastSampledAt: number | null;
  lastNegativeSampledAt: number | null;
  positivePoolAt: number | null;
  positiveAt: number | null;
}

const FIELDS = ['lastSampledAt', 'lastNegativeSampledAt', 'positivePoolAt', 'positiveAt'] as const;
const orNull = (x: number) => (Number.isNaN(x) ? null : x);

/**
 * The in-memory status index of DESIGN.md: dense person number → test facts, in typed arrays
 * (32 bytes a person: 8.4 M residents take about 270 MB). Entrance checks read it without a
 * database round trip; every write that changes a fact updates it after its commit.
 */
export class StatusIndex {
  private cols: Record<(typeof FIELDS)[number], Float64Array>;
  /** Told of every person whose facts a local write changed (announced to other processes). */
  onChange?: (id: number) => void;
  /** Told of many such persons at once (a bulk import), instead of one call each. */
  onChanges?: (ids: number[]) => void;
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
    // Written out field by field: an inner helper was a closure made (and named) on every check.
    const c = this.cols;
    const known = id < c.lastSampledAt.length;
    return {
      lastSampledAt: known ? orNull(c.lastSampledAt[id] as number) : null,
      lastNegativeSampledAt: known ? orNull(c.lastNegativeSampledAt[id] as number) : null,
      positivePoolAt: known ? orNull(c.positivePoolAt[id] as number) : null,
      positiveAt: known ? orNull(c.positiveAt[id] as number) : null,
    };
  }
  /** A person's last sampling time alone (NaN when none), without building the whole record. */
  lastSampledAt(id: number): number {
    const a = this.cols.lastSampledAt;
    return id < a.length ? (a[id] as number) : Number.NaN;
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
    this.onChange?.(id);
  }
  /** Moves one time fact of many persons forward (never back), as `set` does for that field alone. */
  advance(field: keyof PersonStatus, ids: number[], ms: ArrayLike<number>): void {
    let top = -1;
    for (let i = 0; i < ids.length; i++) if ((ids[i] as number) > top) top = ids[i] as number;
    this.grow(top);
    const col = this.cols[field];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      const cur = col[id] as number;
      const v = ms[i] as number;
      if (Number.isNaN(cur) || v > cur) col[id] = v;
    }
    if (this.onChanges) this.onChanges(ids);
    else if (this.onChange) for (const id of ids) this.onChange(id);
  }
  /** Overwrites one fact, also backwards (a corrected result can take a certificate away). */
  replace(id: number, field: keyof PersonStatus, value: number | null): void {
    this.grow(id);
    this.cols[field][id] = value ?? Number.NaN;
    this.onChange?.(id);
  }
  /** Overwrites all facts of a person with what the database holds, without announcing it. */
  load(id: number, facts: PersonStatus): void {
    this.grow(id);
    for (const f of FIELDS) this.cols[f][id] = facts[f] ?? Number.NaN;
  }
  /** Bytes held by the index. */
  bytes(): number {
    return FIELDS.reduce((s, f) => s + this.cols[f].byteLength, 0);
  }
}

const indexes = new WeakMap<Db, Promise<StatusIndex>>();
const ms = (s: string | null) => (s ? Date.parse(s) : null);
const factsOf = (r: PersonTestRow): PersonStatus => ({
  lastSampledAt: ms(r.last_sampled_at),
  lastNegativeSampledAt: ms(r.last_negative_sampled_at),
  positivePoolAt: ms(r.positive_pool_at),
  positiveAt: ms(r.positive_at),
});

/**
 * Batches the persons changed by local writes and announces them once per tick, so that other
 * API processes reload just those persons (the announcement goes out after the write committed).
 */
function announceChanges(idx: StatusIndex): void {
  let pending: { one: Set<number>; many: number[][] } | null = null;
  const queue = () => {
    if (pending) return pending;
    const p = { one: new Set<number>(), many: [] as number[][] };
    pending = p;
    setImmediate(() => {
      pending = null;
      let ids: number[];
      if (p.many.length === 1 && !p.one.size) ids = p.many[0] as number[];
      else {
        for (const list of p.many) for (const id of list) p.one.add(id);
        ids = [...p.one];
      }
      announce('person-status', ids);
    });
    return p;
  };
  idx.onChange = (id) => {
    queue().one.add(id);
  };
  // A bulk list (its ids distinct) goes out as it is, without a set entry per person.
  idx.onChanges = (ids) => {
    queue().many.push(ids);
  };
}

/**
 * Re-reads persons' facts from the database into a loaded index, for a change made by another
 * process; without ids, every person (after a lost connection, when announcements may have been missed).
 */
export async function reloadStatuses(db: Db, ids?: number[]): Promise<void> {
  const p = indexes.get(db);
  if (!p) return;
  const idx = await p;
  if (!ids) {
    for await (const r of allPersonTests(db)) idx.load(r.person_id, factsOf(r));
    return;
  }
  const found = new Map((await personTestsOf(db, ids)).map((r) => [r.person_id, r]));
  for (const id of ids) {
    const r = found.get(id);
    idx.load(
      id,
      r ? factsOf(r) : { lastSampledAt: null, lastNegativeSampledAt: null, positivePoolAt: null, positiveAt: null },
    );
  }
}

/** A new index read from `person_tests`, neither kept nor announcing: what the live one must equal. */
export async function loadStatusIndex(db: Db): Promise<StatusIndex> {
  const idx = new StatusIndex();
  for await (const r of allPersonTests(db)) idx.load(r.person_id, factsOf(r));
  return idx;
}

/** The status index of a database, loaded once from `person_tests`. */
export function statusIndex(db: Db): Promise<StatusIndex> {
  let p = indexes.get(db);
  if (!p) {
    p = (async () => {
      const idx = await loadStatusIndex(db);
      announceChanges(idx);
      return idx;
    })();
    indexes.set(db, p);
  }
  return p;
}

// One function for every app in the process: registered once however many apps start it.
const reloadAnnounced = (ctx: Ctx, ids?: number[]) => reloadStatuses(ctx.db, ids);

/**
 * The testing module's listener (started with the server): another process's person-status
 * announcement re-reads the named persons' test facts (all of them without ids) before this
 * process's listeners are told. Returns its removal.
 */
export function listenForStatusChanges(): () => void {
  return onAnnouncement('person-status', reloadAnnounced);
}
