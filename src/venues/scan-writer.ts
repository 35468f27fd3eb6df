import type { Db } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type ScanSink, type SinkStats, scanSink } from './scan-sink.ts';
import { VenueErrors } from './venues.errors.ts';
import type { Counting } from './venues.repo.ts';
import type { ScanRow } from './venues.tables.ts';

/** The ids of a committed group whose stored row may not be the one a request sent, or null. */
export type Skipped = ReadonlySet<string> | null;

/** Scans committed together: one promise answers every request in the group. */
interface Group {
  rows: ScanRow[];
  /** When the group's first scan joined it (the writer's clock). */
  opened: number;
  done: Promise<Skipped>;
  resolve: (skipped: Skipped) => void;
  reject: (e: unknown) => void;
}

function newGroup(opened: number): Group {
  let resolve!: (skipped: Skipped) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<Skipped>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { rows: [], opened, done, resolve, reject };
}

/** How the writer is built: tests give it a sink of their own and a clock they move. */
export interface ScanWriterOptions {
  nice?: number;
  /**
   * On a database file: acknowledge a group once it is in the scan log, and move the log into
   * `scans` and the venue counters every this many ms (BANYAN_SCAN_INDEX_MS); 0 inserts each group.
   */
  indexEveryMs?: number;
  sink?: ScanSink;
  /** Milliseconds on a monotonic clock (performance.now by default), for the queue's sojourn. */
  now?: () => number;
}

/**
 * The single writer of scans. Requests queue their scan; one flush commits everything queued in one
 * transaction (group commit) and only then acknowledges each request. A full queue answers
 * SCAN_OVERLOADED (429 + Retry-After) at once instead of letting memory grow without bound; the
 * scan route's admission (venues.routes.ts) refuses long before that, by `waitMs`.
 */
export class ScanWriter {
  // Requests join the open group, which is committed (and settled) as one: a promise, its two
  // functions and a record per group rather than per scan, on the thread that answers checks.
  private groups: Group[] = [];
  private open: Group | null = null;
  private committing: Group | null = null;
  private queued = 0;
  private flushing = false;
  private lastCommitMs = 0;

  private readonly sink: ScanSink;
  private readonly now: () => number;

  constructor(
    db: Db,
    opts: ScanWriterOptions = {},
    private readonly maxQueue = 20_000,
    private readonly batch = 1000,
  ) {
    this.sink = opts.sink ?? scanSink(db, opts.nice ?? 0, opts.indexEveryMs ?? 0);
    this.now = opts.now ?? (() => performance.now());
  }

  /** Whether groups are committed on a writer thread of their own. */
  get threaded(): boolean {
    return this.sink.threaded;
  }

  /**
   * Resolves once the scan's group is committed, with the ids of the group that were not stored as
   * sent (a key already stored, or sent twice): a request whose id is among them is answered from
   * the database, never from what it computed.
   */
  write(row: ScanRow): Promise<Skipped> {
    if (this.queued >= this.maxQueue) throw new AppError(VenueErrors.SCAN_OVERLOADED, { retryAfter: 1 });
    let g = this.open;
    if (!g || g.rows.length >= this.batch) {
      g = newGroup(this.now());
      this.open = g;
      this.groups.push(g);
    }
    g.rows.push(row);
    this.queued++;
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => void this.flush());
    }
    return g.done;
  }

  /** Groups and rows committed so far, and the time their commits took. */
  get stats(): SinkStats {
    const s = this.sink.stats;
    return { ...s, index: s.index && { ...s.index } };
  }

  /** Resolves once every scan acknowledged so far is in `scans` (readers and tracing see it). */
  async settle(): Promise<void> {
    await Promise.all(this.groups.map((g) => g.done.catch(() => null)));
    await this.sink.settle?.();
  }

  /** Keeps the venue counters or not: off, or 'sql' (the way before), only for the benchmark's comparison. */
  countVenues(on: Counting): void {
    this.sink.count?.(on);
  }

  /** Scans waiting for their commit. */
  get depth(): number {
    return this.queued;
  }

  /**
   * How long a scan queued now can expect to wait for its commit, in ms: 0 with nothing queued;
   * otherwise how long the oldest scan not yet committed has waited (the queue's sojourn, which
   * keeps growing while a commit is stuck behind an import's write lock, where a rate of recent
   * commits would not move) plus how long the last commit took (the new scan's group commits after
   * the one in flight). Counted only while something waits, so that a slow commit in the past
   * cannot keep refusing scans once the queue is empty.
   */
  waitMs(): number {
    const head = this.committing ?? this.groups[0];
    return head ? this.now() - head.opened + this.lastCommitMs : 0;
  }

  private async flush(): Promise<void> {
    for (let g = this.groups.shift(); g; g = this.groups.shift()) {
      // Later scans open a new group: this one's rows are fixed once it is sent.
      if (g === this.open) this.open = null;
      this.committing = g;
      const started = this.now();
      try {
        const skipped = await this.sink.append(g.rows);
        this.lastCommitMs = this.now() - started;
        g.resolve(skipped ? new Set(skipped) : null);
      } catch (e) {
        g.reject(e);
      } finally {
        this.committing = null;
        this.queued -= g.rows.length;
      }
    }
    this.flushing = false;
  }
}
