// The business clock in the browser. Every business "now" and "today" on a screen (24-hour
// certificates, countdowns, overdue, the day a screen opens on) comes from here, never from the
// browser's clock: the demo runs on a scenario clock in November 2022, and even with real time a
// phone's clock may be off by minutes. Server now = the server's time at its last answer + the
// monotonic time elapsed since. test/architecture/web-clock.test.ts fails if a screen reads the
// browser's clock for itself.
import { useEffect, useState, useSyncExternalStore } from 'react';

interface Anchor {
  /** The server's business time (epoch ms) when the answer was read. */
  serverMs: number;
  /** performance.now() at that moment. */
  monoMs: number;
  /** Whether the server's business clock runs apart from real time (a scenario, a rehearsal). */
  shifted: boolean;
}

let anchor: Anchor | undefined;
let syncing: Promise<void> | undefined;
let resyncTimer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();
// A sleeping laptop may stop the monotonic clock: ask again now and then, and when the tab comes back.
const RESYNC_MS = 10 * 60_000;
const BEIJING_MS = 8 * 3600_000;

/** Monotonic milliseconds for timing that is not business time (elapsed time, back-off). */
export function elapsedMs(): number {
  return performance.now();
}

/** Records the server's business time read from an answer; `sentAt` (elapsedMs()) halves the round trip. */
export function noteServerNow(iso: string, shifted: boolean, sentAt?: number): void {
  const serverMs = Date.parse(iso);
  if (Number.isNaN(serverMs)) return;
  const received = elapsedMs();
  anchor = { serverMs, monoMs: sentAt === undefined ? received : (sentAt + received) / 2, shifted };
  for (const l of listeners) l();
}

/** Asks the server for its business clock (`GET /api/v1/clock`); concurrent calls share one request. */
export function syncClock(): Promise<void> {
  if (syncing) return syncing;
  const sentAt = elapsedMs();
  syncing = fetch('/api/v1/clock', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) throw new Error(`GET /api/v1/clock answered ${res.status}`);
      const body = (await res.json()) as { now: string; shifted: boolean };
      noteServerNow(body.now, body.shifted, sentAt);
    })
    .finally(() => {
      syncing = undefined;
    });
  if (!resyncTimer && typeof window !== 'undefined') {
    resyncTimer = setInterval(() => void syncClock().catch(() => undefined), RESYNC_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void syncClock().catch(() => undefined);
    });
  }
  return syncing;
}

/** Whether the server's clock has been read (the app waits for it before any screen). */
export function clockKnown(): boolean {
  return anchor !== undefined;
}

/** Whether the business clock runs apart from real time (the demo's scenario clock). */
export function clockShifted(): boolean {
  return anchor?.shifted ?? false;
}

/**
 * Business time in epoch milliseconds. Before the server has answered (only on the public forms,
 * which need no business time) it is the browser's clock.
 */
export function businessNow(): number {
  return anchor ? anchor.serverMs + (elapsedMs() - anchor.monoMs) : Date.now();
}

/** Business time as an ISO instant. */
export function businessNowIso(): string {
  return new Date(businessNow()).toISOString();
}

/** Today in Beijing (UTC+8, no daylight saving) by the business clock, YYYY-MM-DD. */
export function businessToday(): string {
  return beijingDay(businessNow());
}

/** The Beijing day of an instant (epoch ms), YYYY-MM-DD. */
export function beijingDay(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().slice(0, 10);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Re-renders when the server's clock is read again; returns whether it is shifted. */
export function useClockShifted(): boolean {
  return useSyncExternalStore(subscribe, clockShifted, () => false);
}

/** Business time, read again every `everyMs` (and whenever the clock is synced). */
export function useBusinessNow(everyMs = 30_000): number {
  const [now, setNow] = useState(businessNow);
  useEffect(() => {
    const tick = () => setNow(businessNow());
    const id = setInterval(tick, everyMs);
    const off = subscribe(tick);
    return () => {
      clearInterval(id);
      off();
    };
  }, [everyMs]);
  return now;
}

/** The business today in Beijing; re-renders when the day turns. */
export function useBusinessToday(): string {
  return beijingDay(useBusinessNow(60_000));
}
