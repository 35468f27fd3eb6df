import { colourFor, testsOf } from '../health-code/colour.service.ts';
import { type ColourState, colourFresh, colourState, freshColourState } from '../health-code/colour.state.ts';
import type { ColourVerdict } from '../health-code/health-code.rules.ts';
import { findPersonByIndex } from '../people/people.repo.ts';
import { validateIdNumber } from '../people/people.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { events } from '../platform/events.ts';
import { uuidv7 } from '../platform/ids.ts';
import { type EntranceEntry, type EntranceHook, lookupsOf } from '../platform/module.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { type DoorCheck, type DoorRule, doorRulesAt } from './door-rules.ts';
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
import { type Category, entranceRuleOf, type VenueStatus, type Verdict, verdictOf } from './venues.rules.ts';
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
  /** At a venue an event uses today: the participant's lane and room (the `entrance` hooks of the modules). */
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
  /** The modules' entrance hooks by venue category; a category without hooks is checked as before. */
  hooks: Map<string, EntranceHook[]>;
  stale: { venues: boolean; policies: boolean };
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
        hooks: hooksByCategory(ctx),
        stale: { venues: false, policies: false },
      };
      events.on('venues-changed', () => {
        s.stale.venues = true;
      });
      // A new or edited version may change the certificate rule of a day already checked.
      events.on('policies-changed', () => {
        s.stale.policies = true;
      });
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

function hooksByCategory(ctx: Ctx): Map<string, EntranceHook[]> {
  const out = new Map<string, EntranceHook[]>();
  for (const h of lookupsOf(ctx.modules ?? []).entrance)
    for (const c of h.categories) out.set(c, [...(out.get(c) ?? []), h]);
  return out;
}

// The built states, for the check's synchronous path: with nothing stale, a check awaits nothing
// but its commit (each await of a promise is a microtask and a promise on the answering thread).
const ready = new WeakMap<Ctx['db'], CheckState>();

/** The scan writer of a database once its check state is built (the scan route admits by its queue). */
export function scanWriterOf(ctx: Ctx): ScanWriter | undefined {
  return ready.get(ctx.db)?.writer;
}

// Every stale flag counts, so a part added to the state cannot be forgotten here; a for-in rather
// than Object.values, which made an array on every check.
function isFresh(s: CheckState): boolean {
  for (const k in s.stale) if (s.stale[k as keyof CheckState['stale']]) return false;
  return colourFresh(s.colour);
}

/** The check state with every stale part reloaded. */
export async function freshState(ctx: Ctx): Promise<CheckState> {
  const s = await checkState(ctx);
  if (!colourFresh(s.colour)) await freshColourState(ctx);
  if (s.stale.venues) {
    s.stale.venues = false;
    s.venues = new Map((await allVenues(ctx.db)).map((v) => [v.code, v]));
  }
  if (s.stale.policies) {
    s.stale.policies = false;
    s.policies = await listPolicies(ctx);
    s.day = undefined;
  }
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

/** A verdict as the modules at a door leave it: `door` after the door rules, `verdict` after the entrance hooks too. */
export interface Judged {
  door: Verdict;
  verdict: Verdict;
  policy: { id: string; rule: string };
  entry?: EntranceEntry;
}

/**
 * The other modules' say at a door: its door rules amend the venue's verdict (a closed-loop
 * institution's staff on shift), then an entrance hook of the category (an exam's candidates) may
 * replace the reasons and name its own rule. Read-only: what a door rule records is left to the caller.
 */
export async function judgeAtDoor(
  ctx: Ctx,
  door: DoorRule[] | null,
  hooks: EntranceHook[] | undefined,
  c: DoorCheck,
  colour: ColourVerdict,
  lastNegativeAt: number | null,
  judged: Judged,
): Promise<Judged> {
  let v = judged.door;
  if (door) for (const d of door) if (d.verdict) v = await d.verdict(ctx, c, v);
  const out: Judged = { ...judged, door: v, verdict: v };
  if (hooks)
    for (const h of hooks) {
      const a = await h.check(ctx, {
        venue: {
          code: c.venue.code,
          name: c.venue.name,
          category: c.venue.category,
          districtCode: c.venue.district_code,
        },
        personId: c.personId,
        now: c.now,
        day: c.day,
        policy: c.policy,
        colour,
        zone: c.zone,
        lastNegativeAt,
      });
      if (!a) continue;
      out.entry = a.entry;
      if (a.reasons) out.verdict = { verdict: a.reasons.length ? 'deny' : 'allow', reasons: a.reasons };
      if (a.rule) out.policy = { id: c.policy.id, rule: a.rule };
      break;
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
    door = doorRulesAt(venue);
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
  let at: DoorCheck | undefined;
  // Only venues with a door rule or of a hooked category (exam sites) ask another module; the rest pay two lookups.
  const hooks = s.hooks.get(venue.category);
  let judged: Judged = { door: v, verdict: v, policy: { id: policy.id, rule: entrance.rule } };
  if (door || hooks) {
    at = { scanId, venue, personId, now, day, policy, zone: zone ?? null, exit: input.exit };
    judged = await judgeAtDoor(ctx, door, hooks, at, colour, test.lastNegativeSampledAt, judged);
    v = judged.door;
  }
  const result: CheckResult = {
    scanId,
    verdict: judged.verdict.verdict,
    colour: colour.colour,
    colourRule: colour.rule,
    lastNegativeSampledAt:
      test.lastNegativeSampledAt === null ? null : new Date(test.lastNegativeSampledAt).toISOString(),
    reasons: judged.verdict.reasons,
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
