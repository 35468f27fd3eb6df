import type { Db } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type ScanSink, type SinkStats, scanSink } from './scan-sink.ts';
import { VenueErrors } from './venues.errors.ts';
import type { ScanRow } from './venues.tables.ts';

/** Scans committed together: one promise answers every request in the group. */
interface Group {
  rows: ScanRow[];
  done: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function newGroup(): Group {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { rows: [], done, resolve, reject };
}

/**
 * The single writer of scans. Requests queue their scan; one flush commits everything queued in one
 * transaction (group commit) and only then acknowledges each request. A full queue answers
 * SCAN_OVERLOADED (429 + Retry-After) at once instead of letting latency grow without bound.
 */
export class ScanWriter {
  // Requests join the open group, which is committed (and settled) as one: a promise, its two
  // functions and a record per group rather than per scan, on the thread that answers checks.
  private groups: Group[] = [];
  private open: Group | null = null;
  private queued = 0;
  private byId = new Map<string, Promise<void>>();
  private flushing = false;

  private readonly sink: ScanSink;

  constructor(
    db: Db,
    opts: { nice?: number } = {},
    private readonly maxQueue = 20_000,
    private readonly batch = 1000,
  ) {
    this.sink = scanSink(db, opts.nice ?? 0);
  }

  /** Whether groups are committed on a writer thread of their own. */
  get threaded(): boolean {
    return this.sink.threaded;
  }

  /** Resolves once the scan is committed; the same id while pending shares one write. */
  write(row: ScanRow): Promise<void> {
    const same = this.byId.get(row.id);
    if (same) return same;
    if (this.queued >= this.maxQueue) throw new AppError(VenueErrors.SCAN_OVERLOADED, { retryAfter: 1 });
    let g = this.open;
    if (!g || g.rows.length >= this.batch) {
      g = newGroup();
      this.open = g;
      this.groups.push(g);
    }
    g.rows.push(row);
    this.queued++;
    this.byId.set(row.id, g.done);
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => void this.flush());
    }
    return g.done;
  }

  /** Groups and rows committed so far, and the time their commits took. */
  get stats(): SinkStats {
    return { ...this.sink.stats };
  }

  /** Scans waiting for their commit. */
  get depth(): number {
    return this.queued;
  }

  private async flush(): Promise<void> {
    for (let g = this.groups.shift(); g; g = this.groups.shift()) {
      // Later scans open a new group: this one's rows are fixed once it is sent.
      if (g === this.open) this.open = null;
      try {
        await this.sink.append(g.rows);
        g.resolve();
      } catch (e) {
        g.reject(e);
      } finally {
        this.queued -= g.rows.length;
        for (const r of g.rows) this.byId.delete(r.id);
      }
    }
    this.flushing = false;
  }
}
