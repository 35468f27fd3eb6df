import type { Db } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type ScanSink, type SinkStats, scanSink } from './scan-sink.ts';
import { VenueErrors } from './venues.errors.ts';
import type { ScanRow } from './venues.tables.ts';

interface Pending {
  row: ScanRow;
  done: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The single writer of scans. Requests queue their scan; one flush commits everything queued in one
 * transaction (group commit) and only then acknowledges each request. A full queue answers
 * SCAN_OVERLOADED (429 + Retry-After) at once instead of letting latency grow without bound.
 */
export class ScanWriter {
  private queue: Pending[] = [];
  private byId = new Map<string, Pending>();
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
    if (same) return same.done;
    if (this.queue.length >= this.maxQueue) throw new AppError(VenueErrors.SCAN_OVERLOADED, { retryAfter: 1 });
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const p: Pending = { row, done, resolve, reject };
    this.queue.push(p);
    this.byId.set(row.id, p);
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => void this.flush());
    }
    return done;
  }

  /** Groups and rows committed so far, and the time their commits took. */
  get stats(): SinkStats {
    return { ...this.sink.stats };
  }

  /** Scans waiting for their commit. */
  get depth(): number {
    return this.queue.length;
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const group = this.queue.splice(0, this.batch);
      try {
        await this.sink.append(group.map((g) => g.row));
        for (const g of group) g.resolve();
      } catch (e) {
        for (const g of group) g.reject(e);
      } finally {
        for (const g of group) this.byId.delete(g.row.id);
      }
    }
    this.flushing = false;
  }
}
