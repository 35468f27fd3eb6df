/**
 * Failed sign-ins per account. The per-address limit on the route stops one machine; this stops
 * many machines (or spoofed addresses) guessing one account's password. After MAX_FAILURES wrong
 * passwords within WINDOW_MS the account is locked for LOCK_MS: every attempt, the right password
 * too, is refused without checking it. Locked attempts do not extend the lock, so an attacker
 * cannot keep a person out longer than LOCK_MS after their last burst.
 *
 * Kept in the process's memory, like the per-address limit: each server process counts on its
 * own, and a restart forgets.
 */
export const LOGIN_LIMIT = { MAX_FAILURES: 10, WINDOW_MS: 15 * 60_000, LOCK_MS: 15 * 60_000 } as const;

// Bounded so that a flood of invented usernames cannot grow the map without end: past the cap the
// stale entries go first, then the oldest.
const MAX_ACCOUNTS = 50_000;

interface Entry {
  failures: number[];
  lockedUntil: number;
}

/** Per-account failure counting and locking; `now` is machine time (like sessions), injectable for tests. */
export class LoginLimiter {
  private readonly accounts = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until the account may try again, or 0 when it is not locked. */
  lockedFor(username: string): number {
    const e = this.accounts.get(keyOf(username));
    const left = e ? e.lockedUntil - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Counts a wrong password; returns the lock in seconds when this failure locks the account. */
  failed(username: string): number {
    const key = keyOf(username);
    const t = this.now();
    const e = this.accounts.get(key) ?? { failures: [], lockedUntil: 0 };
    e.failures = e.failures.filter((at) => at > t - LOGIN_LIMIT.WINDOW_MS);
    e.failures.push(t);
    if (e.failures.length >= LOGIN_LIMIT.MAX_FAILURES) {
      e.lockedUntil = t + LOGIN_LIMIT.LOCK_MS;
      e.failures = [];
    }
    this.accounts.delete(key);
    this.accounts.set(key, e);
    if (this.accounts.size > MAX_ACCOUNTS) this.prune(t);
    return e.lockedUntil > t ? Math.ceil(LOGIN_LIMIT.LOCK_MS / 1000) : 0;
  }

  /** A successful sign-in clears the account's failures. */
  succeeded(username: string): void {
    this.accounts.delete(keyOf(username));
  }

  private prune(t: number): void {
    for (const [k, e] of this.accounts)
      if (e.lockedUntil <= t && !e.failures.some((at) => at > t - LOGIN_LIMIT.WINDOW_MS)) this.accounts.delete(k);
    // Insertion order is last-failure order: the oldest go first.
    for (const k of this.accounts.keys()) {
      if (this.accounts.size <= MAX_ACCOUNTS) break;
      this.accounts.delete(k);
    }
  }
}

// Usernames are matched exactly at sign-in; trimming and case-folding here only makes the count
// stricter (variants of one name share a counter).
function keyOf(username: string): string {
  return username.trim().toLowerCase();
}
