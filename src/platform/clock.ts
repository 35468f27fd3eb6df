// The business clock. Domain modules (deadlines, certificates, colours, "today") read the time
// here; the platform's own records (sessions, the audit chain, job runs, migrations) keep the
// machine's time. Normally the two agree. The demo scenario is November 2022, so `npm start`
// (or BANYAN_NOW) starts the business clock at a scenario instant and lets it run forward from
// there: certificates, overdue lists and pass codes then read as they did that morning.

let offsetMs = 0;

/** Starts the business clock at an instant (ISO-8601); null returns it to the machine's time. */
export function setClock(startAt: string | null, realNow = Date.now()): void {
  offsetMs = startAt === null ? 0 : parseInstant(startAt) - realNow;
  // A clock set forward (a rehearsal, a test) reaches its timers' instants at once.
  for (const t of timers) arm(t);
}

interface BusinessTimer {
  at: number;
  fn: () => void;
  real?: NodeJS.Timeout;
}
const timers = new Set<BusinessTimer>();
// setTimeout's longest delay; a timer further ahead is armed again whenever the clock is set.
const MAX_TIMER_MS = 2 ** 31 - 1;

function arm(t: BusinessTimer): void {
  if (t.real) clearTimeout(t.real);
  t.real = undefined;
  const wait = t.at - nowMs();
  if (wait >= MAX_TIMER_MS) return;
  t.real = setTimeout(
    () => {
      timers.delete(t);
      t.fn();
    },
    Math.max(0, wait),
  );
  t.real.unref();
}

/**
 * Calls `fn` once the business clock reaches `at` (epoch ms), also when the clock is set past it;
 * returns a function that cancels it. It never keeps the process alive.
 */
export function atBusinessTime(at: number, fn: () => void): () => void {
  const t: BusinessTimer = { at, fn };
  timers.add(t);
  arm(t);
  return () => {
    if (t.real) clearTimeout(t.real);
    timers.delete(t);
  };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO-8601 instant with its offset; anything looser (e.g. 11/11/2022) throws. */
export function parseInstant(v: string): number {
  const t = INSTANT.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) throw new Error(`not an ISO-8601 instant with an offset: ${v}`);
  return t;
}

/** Business time in epoch milliseconds. */
export function nowMs(): number {
  return Date.now() + offsetMs;
}

/** Business time as an ISO-8601 instant. */
export function nowIso(): string {
  return new Date(Date.now() + offsetMs).toISOString();
}

/** Today in Beijing (UTC+8) by the business clock: the day every form and figure is judged in. */
export function beijingToday(): string {
  return new Date(Date.now() + offsetMs + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whether the business clock runs apart from the machine's (a scenario or BANYAN_NOW). */
export function clockShifted(): boolean {
  return offsetMs !== 0;
}
