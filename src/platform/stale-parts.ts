/**
 * The parts of an in-memory state that change notifications mark stale, reloaded by one shared
 * reload at a time. Each mark is counted, and a part is fresh again only when a reload that began
 * after its last mark has finished: a mark that arrives while a reload is reading keeps the part
 * stale (that reload may have read before the change), and nobody reads the state as fresh while a
 * reload is under way. Concurrent callers of `refresh` await the same reload.
 */
export class StaleParts<K extends string> {
  private readonly marks = {} as Record<K, number>;
  private readonly loaded = {} as Record<K, number>;
  private running: Promise<void> | undefined;

  constructor(parts: readonly K[]) {
    for (const p of parts) {
      this.marks[p] = 0;
      this.loaded[p] = 0;
    }
  }

  /** Marks a part stale (its source changed). */
  mark(part: K): void {
    this.marks[part]++;
  }

  /** True when no part is stale and no reload is under way: the state may be read as it is. */
  fresh(): boolean {
    if (this.running) return false;
    // A for-in rather than Object.keys: the check path asks this on every request.
    for (const k in this.marks) if (this.marks[k] !== this.loaded[k]) return false;
    return true;
  }

  /**
   * Runs `reload` with the stale parts until none is left, sharing a reload already under way; a
   * failed reload leaves its parts stale and is raised to every caller awaiting it.
   */
  async refresh(reload: (parts: K[]) => Promise<void>): Promise<void> {
    while (!this.fresh()) {
      if (!this.running) {
        const seen = { ...this.marks };
        const parts = (Object.keys(seen) as K[]).filter((k) => seen[k] !== this.loaded[k]);
        this.running = reload(parts)
          .then(() => {
            for (const k of parts) this.loaded[k] = seen[k];
          })
          .finally(() => {
            this.running = undefined;
          });
      }
      await this.running;
    }
  }
}
