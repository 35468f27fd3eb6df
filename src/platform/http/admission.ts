// Admission by latency for hot routes: a request that would wait longer than a bound is refused
// at once with 429 and Retry-After, before its body is parsed, so that the requests admitted stay
// fast and a client knows when to come back. A queue bounded by length (the scan writer's 20,000)
// never filled under 3,000 connections while answers took 9 s: length says nothing about time.
import type { onRequestHookHandler } from 'fastify';
import { AppError, type Lang, langOf } from '../errors.ts';

/**
 * How long requests have queued on this thread in the current turn of the event loop. Sockets that
 * turn readable together are read one after another in one turn (the poll phase); a request read
 * late in a long turn has waited at least since the turn began, behind every request handled before
 * it. That is its sojourn time (as CoDel measures it on a packet queue), measured rather than
 * modelled: no service rate to estimate, one clock read a request and one setImmediate a turn.
 * A stall outside the requests (a long synchronous import, a GC pause) ends before the turn that
 * reads the next requests begins, and is not held against them. What it cannot see is the time a
 * request spent in the kernel before its turn (up to the previous turn, which admission keeps near
 * the bound plus the refusals' own cost), nor a connection still waiting to be accepted.
 */
export class LoopTurns {
  private start = -1;
  private readonly end = () => {
    this.start = -1;
  };

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Milliseconds since the first request of this turn; the first one starts the turn (and gets 0). */
  sojournMs(): number {
    const t = this.now();
    if (this.start < 0) {
      this.start = t;
      // Immediates run once the poll phase has read every ready socket: the turn is over.
      setImmediate(this.end);
      return 0;
    }
    return t - this.start;
  }
}

/**
 * The listen backlog of the server (capped by the kernel's somaxconn, 4096 on current Linux).
 * Node's default of 511 overflows in a surge: 3,000 scanners connecting within a second while a turn
 * of the loop takes 200–300 ms had their SYNs dropped and resent after 1, 3 and 7 s (connect p99
 * 5–7 s in bench/surge-worker.ts, 0.9–2.3 s with 4096) – delays no admission can see or refuse.
 */
export const LISTEN_BACKLOG = 4096;

/** The process's one event loop, shared by every admitted route. */
export const loopTurns = new LoopTurns();

/** How a route admits its requests. */
export interface AdmissionOptions {
  /** Refuse a request whose expected wait exceeds this many milliseconds; 0 admits every request. */
  boundMs: number;
  /** The route's own 429 code from the catalogue, with a {retryAfter} (seconds) in its message. */
  code: string;
  /** Waits behind the loop (e.g. a writer's queue sojourn) in milliseconds, added to the loop's. */
  waitMs?: () => number;
  turns?: LoopTurns;
}

/**
 * An onRequest hook that admits a request only if the time it would wait (its sojourn in this turn
 * of the event loop plus the route's own queues) is within the bound; otherwise it answers 429
 * with Retry-After (whole seconds, at least 1) at once, before the body is read or validated.
 */
export function admission(opts: AdmissionOptions): onRequestHookHandler {
  const turns = opts.turns ?? loopTurns;
  // The refusal is the same few bytes each time: rendered once per language and Retry-After.
  const bodies = new Map<string, string>();
  const bodyOf = (lang: Lang, retryAfter: number) => {
    const k = `${lang}:${retryAfter}`;
    let b = bodies.get(k);
    if (b === undefined) {
      b = JSON.stringify(new AppError(opts.code, { retryAfter }).toBody(lang));
      if (bodies.size < 100) bodies.set(k, b);
    }
    return b;
  };
  return (request, reply, done) => {
    if (opts.boundMs <= 0) return done();
    const wait = turns.sojournMs() + (opts.waitMs?.() ?? 0);
    if (wait <= opts.boundMs) return done();
    const retryAfter = Math.max(1, Math.ceil(wait / 1000));
    reply
      .code(429)
      .header('retry-after', String(retryAfter))
      .header('content-type', 'application/json; charset=utf-8')
      .send(bodyOf(langOf(request.headers['accept-language']), retryAfter));
  };
}
