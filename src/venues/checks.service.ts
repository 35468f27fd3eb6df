import { colourFor, testsOf } from '../health-code/colour.service.ts';
import { type ColourState, colourFresh, colourState, freshColourState } from '../health-code/colour.state.ts';
import { findPersonByIndex } from '../people/people.repo.ts';
import { validateIdNumber } from '../people/people.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { events } from '../platform/events.ts';
import { uuidv7 } from '../platform/ids.ts';
import { type DoorFacts, type DoorRule, type DoorVerdict, type EntranceEntry, lookupsOf } from '../platform/module.ts';
import { StaleParts } from '../platform/stale-parts.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import {
  type KeyedRequest,
  type KnownReply,
  rememberReply,
  requestHash,
  sameRequest,
  storedAfterRefusal,
  storedAnswerOf,
  storedReplyOf,
} from './scan-keys.ts';
import { ScanWriter } from './scan-writer.ts';
import { type CodeKeys, codeKeys, readPersonalCode, readVenueCode } from './venues.codes.ts';
import { VenueErrors } from './venues.errors.ts';
import { allVenues, operatorVenueIds, type StoredVenue } from './venues.repo.ts';
import { type Category, entranceRuleOf, type VenueStatus, verdictOf } from './venues.rules.ts';
import type { ExitDeclaration } from './venues.schema.ts';

/** What a scan answers. */
export interface CheckResult {
  scanId: string;
  verdict: 'allow' | 'deny';
  colour: 'green' | 'yellow' | 'red';
  colourRule: string;
  lastNegativeSampledAt: string | null;
  reasons: Array<{ code: string; 'zh-CN': string; en: string }>;
  venue: { code: string; name: string; category: string };
  /** The policy version that decided and its rule (`entrance.<category>`, or an event's, e.g. `exam.clear`). */
  policy: { id: string; rule: string };
  /** At a venue an event uses today: the participant's lane and room (the modules' door rules). */
  entry?: EntranceEntry;
}

/**
 * Everything the hot path reads, kept in memory and refreshed when its sources change: the venue
 * side here, the person's colour and certificate in health-code's colour state.
 */
interface CheckState {
  keys: CodeKeys;
  venues: Map<string, StoredVenue>;
  verified: Map<string, { venue: string; version: number } | null>;
  policies: Policy[];
  writer: ScanWriter;
  /** Health-code's state of the same database (one object for the database's life). */
  colour: ColourState;
  replies: Map<string, KnownReply>;
  /** The modules' door rules (`provides.doors`), asked at each check which of them apply. */
  doors: DoorRule[];
  /** Venues and policy versions changed since they were read (one shared reload, see StaleParts). */
  stale: StaleParts<'venues' | 'policies'>;
  /** The Beijing day of the last check and the policy in force on it. */
  day?: DayRule;
}

/** A Beijing day as instants [from, until), its date, and the policy version in force on it. */
interface DayRule {
  from: number;
  until: number;
  day: string;
  policy: Policy;
}

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3600_000;

/** The day of an instant: worked out once a day rather than formatted and filtered on every check. */
function dayRuleOf(s: CheckState, now: number): DayRule {
  const d = s.day;
  if (d && now >= d.from && now < d.until) return d;
  const from = Math.floor((now + BEIJING_MS) / DAY_MS) * DAY_MS - BEIJING_MS;
  const day = new Date(now + BEIJING_MS).toISOString().slice(0, 10);
  s.day = { from, until: from + DAY_MS, day, policy: policyOn(s.policies, day) };
  return s.day;
}

const states = new WeakMap<Ctx['db'], Promise<CheckState>>();
const MAX_CACHE = 200_000;

/** The check state of a database: built once, then kept current by change notifications. */
export function checkState(ctx: Ctx): Promise<CheckState> {
  let p = states.get(ctx.db);
  if (!p) {
    p = (async () => {
      const s: CheckState = {
        keys: codeKeys(ctx.config.secret),
        venues: new Map((await allVenues(ctx.db)).map((v) => [v.code, v])),
        verified: new Map(),
        policies: await listPolicies(ctx),
        writer: new ScanWriter(ctx.db, { nice: ctx.config.writerNice, indexEveryMs: ctx.config.scanIndexMs }),
        colour: await colourState(ctx),
        replies: new Map(),
        doors: lookupsOf(ctx.modules ?? []).doors,
        stale: new StaleParts(['venues', 'policies']),
      };
      events.on('venues-changed', () => s.stale.mark('venues'));
      // A new or edited version may change the certificate rule of a day already checked.
      events.on('policies-changed', () => s.stale.mark('policies'));
      return s;
    })();
    states.set(ctx.db, p);
    // A failed build is reported to the callers awaiting p; this branch must not raise it again.
    p.then(
      (s) => ready.set(ctx.db, s),
      () => {},
    );
  }
  return p;
}

/** The door rules that apply at a venue, or null at the many doors where none does. */
export function doorRulesAt(s: CheckState, venue: StoredVenue): DoorRule[] | null {
  let out: DoorRule[] | null = null;
  for (const r of s.doors) {
    if (!r.applies(venue)) continue;
    if (out) out.push(r);
    else out = [r];
  }
  return out;
}

// The built states, for the check's synchronous path: with nothing stale, a check awaits nothing
// but its commit (each await of a promise is a microtask and a promise on the answering thread).
const ready = new WeakMap<Ctx['db'], CheckState>();

/** The scan writer of a database once its check state is built (the scan route admits by its queue). */
export function scanWriterOf(ctx: Ctx): ScanWriter | undefined {
  return ready.get(ctx.db)?.writer;
}

// Not fresh while a part is stale or being reloaded: a check then waits for the shared reload
// rather than reading the venues or policies it replaces.
function isFresh(s: CheckState): boolean {
  return s.stale.fresh() && colourFresh(s.colour);
}

/** The check state with every stale part reloaded (concurrent callers share one reload). */
export async function freshState(ctx: Ctx): Promise<CheckState> {
  const s = await checkState(ctx);
  if (!colourFresh(s.colour)) await freshColourState(ctx);
  await s.stale.refresh(async (parts) => {
    // Read first, then swap: the state is never half reloaded.
    const venues = parts.includes('venues') ? await allVenues(ctx.db) : null;
    const policies = parts.includes('policies') ? await listPolicies(ctx) : null;
    if (venues) s.venues = new Map(venues.map((v) => [v.code, v]));
    if (policies) {
      s.policies = policies;
      s.day = undefined;
    }
  });
  return s;
}

function venueOf(s: CheckState, code: string): StoredVenue {
  // The number printed under the poster's QR (V350102-00470) is what a resident types when the
  // camera fails: it is looked up here, not trusted from the phone. It carries no signature, so
  // only the signed QR can be revoked by reprinting; the short number names the venue as it is now.
  if (!code.startsWith('V1.')) {
    const short = code.trim().toUpperCase();
    const venue = s.venues.get(short);
    if (!venue) throw new AppError(VenueErrors.VENUE_UNKNOWN, { code: short.slice(0, 40) });
    return venue;
  }
  let read = s.verified.get(code);
  if (read === undefined) {
    // Signature checks cost ~0.1 ms; a poster's code is checked once, then remembered.
    read = readVenueCode(s.keys, code);
    if (s.verified.size > MAX_CACHE) s.verified.clear();
    s.verified.set(code, read);
  }
  if (!read) throw new AppError(VenueErrors.VENUE_CODE_INVALID);
  const venue = s.venues.get(read.venue);
  if (!venue) throw new AppError(VenueErrors.VENUE_UNKNOWN, { code: read.venue });
  if (venue.code_version !== read.version) throw new AppError(VenueErrors.VENUE_CODE_REVOKED);
  return venue;
}

/**
 * A resident ID typed at the door is a lookup in the population register, so the guard must stand
 * at a venue of their area, and a venue operator at one of their own venues.
 */
async function guardMayEnter(ctx: Ctx, guard: Actor, venue: StoredVenue): Promise<void> {
  if (!scopeCoversDivision(guard.scope, venue.community_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  if (guard.role === 'venue-operator' && !(await operatorVenueIds(ctx.db, guard.userId)).includes(venue.id))
    throw new AppError(VenueErrors.VENUE_NOT_YOURS);
}

/** A verdict as the modules at a door leave it, with the rule that decided and an event's lane and room. */
export interface Judged {
  verdict: DoorVerdict;
  policy: { id: string; rule: string };
  entry?: EntranceEntry;
}

/**
 * The other modules' say at a door (a closed-loop institution's staff on shift, an exam's
 * candidates), each rule amending the verdict in turn. Read-only: what a rule records is the caller's.
 */
export async function judgeAtDoor(ctx: Ctx, door: DoorRule[], facts: DoorFacts, judged: Judged): Promise<Judged> {
  const out: Judged = { ...judged };
  for (const d of door) {
    const a = d.verdict ? await d.verdict(ctx, facts, out.verdict) : null;
    if (!a) continue;
    out.verdict = { verdict: a.verdict, reasons: a.reasons };
    if (a.rule) out.policy = { id: facts.policy.id, rule: a.rule };
    if (a.entry) out.entry = a.entry;
  }
  return out;
}

/** What the route knows of a scan request besides its body. */
export interface CheckOptions {
  guard: Actor | null;
  /** The signed-in user who sent it (a key is bound to its caller), or null. */
  caller?: number | null;
  now?: number;
}

/** A scan request's body and its Idempotency-Key. */
export interface CheckInput {
  venueCode: string;
  personalCode?: string;
  idNumber?: string;
  proxy?: boolean;
  /** A city exit's declared reason (required there by its door rule). */
  exit?: ExitDeclaration;
  key?: string;
}

/**
 * The entrance check: verifies the venue code and the person (rotating personal code, or a resident
 * ID entered by a guard), derives the colour, applies the venue's rule, and records the scan; the
 * answer is sent only after the scan is committed. A key binds to its caller and request: a retry
 * gets the stored answer and no second record, even after a restart; another request with the
 * same key is refused (SCAN_KEY_REUSED).
 */
export async function check(ctx: Ctx, input: CheckInput, opts: CheckOptions): Promise<CheckResult> {
  const built = ready.get(ctx.db);
  const s = built && isFresh(built) ? built : await freshState(ctx);
  const keyed: KeyedRequest | null =
    input.key === undefined ? null : { key: input.key, hash: requestHash(ctx, opts.caller ?? null, input) };
  if (keyed) {
    const known = s.replies.get(keyed.key);
    if (known) return sameRequest(known, keyed);
  }
  const now = opts.now ?? nowMs();
  let venue: StoredVenue;
  let personId: number;
  let source: 'code' | 'id';
  let door: DoorRule[] | null;
  try {
    venue = venueOf(s, input.venueCode);
    // Other modules' rules at some doors (city exits, closed-loop institutions); null at most.
    door = doorRulesAt(s, venue);
    if (door) for (const d of door) d.admit?.(venue, input.exit);
    if (input.personalCode) {
      const r = readPersonalCode(s.keys, input.personalCode, now);
      if (r === null) throw new AppError(VenueErrors.PERSONAL_CODE_INVALID);
      if (r === 'expired') throw new AppError(VenueErrors.PERSONAL_CODE_EXPIRED);
      personId = r;
      source = 'code';
    } else if (input.idNumber && opts.guard) {
      await guardMayEnter(ctx, opts.guard, venue);
      const facts = validateIdNumber(input.idNumber);
      const p = await findPersonByIndex(ctx.db, ctx.crypto.blindIndex('id', facts.idNumber));
      if (!p) throw new AppError(VenueErrors.SCAN_PERSON_UNKNOWN);
      personId = p.id;
      source = 'id';
    } else throw new AppError(VenueErrors.SCAN_WHO_MISSING);
  } catch (e) {
    // A retry whose personal code has since expired, or whose venue code was revoked, gets the
    // answer stored for it; any other request gets the refusal.
    if (!keyed) throw e;
    return rememberReply(s.replies, keyed, await storedAfterRefusal(ctx, keyed, e));
  }
  const test = testsOf(s.colour, personId);
  const { day, policy } = dayRuleOf(s, now);
  const colour = colourFor(s.colour, personId, test, now, policy);
  const entrance = entranceRuleOf(policy.params, venue.category as Category);
  const zone = s.colour.zones.get(personId);
  let v = verdictOf(
    { category: venue.category as Category, status: venue.status as VenueStatus, notice: venue.notice_no },
    colour,
    test.lastNegativeSampledAt,
    entrance.check,
    now,
    zone?.level ?? null,
  );
  const scanId = keyed?.key ?? uuidv7(now);
  let judged: Judged = { verdict: v, policy: { id: policy.id, rule: entrance.rule } };
  let at: DoorFacts | undefined;
  if (door) {
    at = {
      scanId,
      venue,
      personId,
      now,
      day,
      policy,
      colour,
      zone: zone ?? null,
      lastNegativeAt: test.lastNegativeSampledAt,
      exit: input.exit,
    };
    judged = await judgeAtDoor(ctx, door, at, judged);
    v = judged.verdict;
  }
  const result: CheckResult = {
    scanId,
    verdict: v.verdict,
    colour: colour.colour,
    colourRule: colour.rule,
    lastNegativeSampledAt:
      test.lastNegativeSampledAt === null ? null : new Date(test.lastNegativeSampledAt).toISOString(),
    reasons: v.reasons,
    venue: { code: venue.code, name: venue.name, category: venue.category },
    policy: judged.policy,
  };
  if (judged.entry) result.entry = judged.entry;
  const skipped = await s.writer.write({
    id: scanId,
    venue_id: venue.id,
    person_id: personId,
    at: new Date(now).toISOString(),
    day,
    verdict: result.verdict,
    colour: colour.colour,
    reasons: result.reasons.length ? JSON.stringify(result.reasons.map((r) => r.code)) : '[]',
    proxy: input.proxy ? 1 : 0,
    source,
    request_hash: keyed?.hash ?? null,
    reply: keyed ? storedReplyOf(result) : null,
    policy_id: policy.id,
    policy_rule: result.policy.rule,
  });
  if (door && at && !skipped?.has(scanId)) for (const d of door) await d.recorded?.(ctx, at, v);
  if (!keyed) {
    if (skipped?.has(scanId)) throw new Error(`scan id ${scanId} was stored twice`);
    return result;
  }
  // Not stored as sent (the key was stored before, or came twice at once): what is stored answers.
  return rememberReply(s.replies, keyed, skipped?.has(scanId) ? await storedAnswerOf(ctx, keyed) : result);
}
