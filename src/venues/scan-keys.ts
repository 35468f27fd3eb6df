import { hash, hkdfSync } from 'node:crypto';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { CheckResult } from './checks.service.ts';
import { VenueErrors } from './venues.errors.ts';
import { storedScan } from './venues.repo.ts';

/** A scan sent with an Idempotency-Key: the key, and the hash that binds it to its caller and request. */
export interface KeyedRequest {
  key: string;
  hash: string;
}

/** An answer given for a key, and the hash of the request it answered (the replies kept in memory). */
export interface KnownReply {
  hash: string;
  result: CheckResult;
}

/** What a scan's row does not hold of its answer (`scans.reply`, written by storedReplyOf). */
interface StoredReply {
  colourRule: string;
  lastNegativeSampledAt: string | null;
  reasons: CheckResult['reasons'];
  entry?: CheckResult['entry'];
}

const prefixes = new WeakMap<Ctx['config'], string>();

/**
 * The hash that binds a key to who sent it and what: the caller (the signed-in user, or nobody) and
 * the body as sent, which names the venue and the person. It is taken over the body rather than
 * over the venue and person it resolves to, so that a retry whose personal code has since expired
 * (or whose venue code was revoked) is still recognised as the same request. Keyed with a secret:
 * a body can carry a resident ID, which a plain hash in the database would give away to a guess
 * over the few billion valid IDs. The secret is a prefix of one SHA-256 (0.7 µs, against 4 µs for
 * an HMAC): the hash is only ever compared on the server, never accepted from outside, so length
 * extension has nothing to forge. 132 bits, stored with the scan.
 */
export function requestHash(
  ctx: Pick<Ctx, 'config'>,
  caller: number | null,
  input: {
    venueCode: string;
    personalCode?: string;
    idNumber?: string;
    proxy?: boolean;
    exit?: { reason: string; text?: string };
  },
): string {
  let prefix = prefixes.get(ctx.config);
  if (prefix === undefined) {
    prefix = Buffer.from(hkdfSync('sha256', ctx.config.secret, 'banyan', 'scan-request', 32)).toString('base64url');
    prefixes.set(ctx.config, prefix);
  }
  // Lengths keep the fields apart whatever they contain (the ID, last, runs to the end); JSON
  // would too, at twice the cost on the hot path.
  const v = input.venueCode;
  const p = input.personalCode ?? '';
  // A city exit's declaration is bound too (only when sent, so every other scan hashes as before).
  const t = input.exit?.text ?? '';
  const x = input.exit ? `|${input.exit.reason}|${t.length}:${t}` : '';
  return hash(
    'sha256',
    `${prefix}${caller}|${input.proxy === true ? 1 : 0}|${v.length}:${v}|${p.length}:${p}${x}|${input.idNumber ?? ''}`,
    'base64url',
  ).slice(0, 22);
}

/** The answer kept for a key, if the key came with the same request; another request is a 422. */
export function sameRequest(known: KnownReply, keyed: KeyedRequest): CheckResult {
  if (known.hash !== keyed.hash) throw new AppError(VenueErrors.SCAN_KEY_REUSED);
  return known.result;
}

/** The parts of an answer stored with a keyed scan (the rest are columns of the scan or its venue). */
export function storedReplyOf(r: CheckResult): string {
  // Written out rather than JSON.stringify of an object: a third of the cost, and the same JSON.
  const neg = r.lastNegativeSampledAt === null ? 'null' : JSON.stringify(r.lastNegativeSampledAt);
  const reasons = r.reasons.length ? JSON.stringify(r.reasons) : '[]';
  // An event's entry (an exam candidate's lane and room) is answered again on a retry, as first given.
  const entry = r.entry ? `,"entry":${JSON.stringify(r.entry)}` : '';
  return `{"colourRule":${JSON.stringify(r.colourRule)},"lastNegativeSampledAt":${neg},"reasons":${reasons}${entry}}`;
}

/**
 * The answer stored for a key, rebuilt from its scan: null if no scan has the key; SCAN_KEY_REUSED
 * if the scan was sent with another request (or without a key, or before keys were bound).
 * Venues are never renamed or recategorised, so their columns are what the first answer showed.
 */
export async function storedAnswer(ctx: Ctx, keyed: KeyedRequest): Promise<CheckResult | null> {
  const row = await storedScan(ctx.db, keyed.key);
  if (!row) return null;
  if (row.request_hash !== keyed.hash || row.reply === null) throw new AppError(VenueErrors.SCAN_KEY_REUSED);
  const reply = JSON.parse(row.reply) as StoredReply;
  return {
    scanId: row.id,
    verdict: row.verdict as CheckResult['verdict'],
    colour: row.colour as CheckResult['colour'],
    colourRule: reply.colourRule,
    lastNegativeSampledAt: reply.lastNegativeSampledAt,
    reasons: reply.reasons,
    venue: { code: row.venue_code, name: row.venue_name, category: row.venue_category },
    // Keyed scans stored before 0121 name no version: their rule is the category's, version unknown.
    policy: { id: row.policy_id ?? 'unknown', rule: row.policy_rule ?? `entrance.${row.venue_category}` },
    ...(reply.entry ? { entry: reply.entry } : {}),
  };
}

/** The stored answer of a key whose scan the writer reports as stored before; it must exist. */
export async function storedAnswerOf(ctx: Ctx, keyed: KeyedRequest): Promise<CheckResult> {
  const stored = await storedAnswer(ctx, keyed);
  if (!stored) throw new Error(`scan ${keyed.key} was neither stored nor found`);
  return stored;
}

/**
 * After a keyed request was refused before its scan (a code expired, a venue code revoked): the
 * answer stored for the same request if there is one, otherwise the refusal itself.
 */
export async function storedAfterRefusal(ctx: Ctx, keyed: KeyedRequest, refusal: unknown): Promise<CheckResult> {
  if (!(refusal instanceof AppError)) throw refusal;
  const stored = await storedAnswer(ctx, keyed);
  if (!stored) throw refusal;
  return stored;
}

const MAX_REPLIES = 200_000;

/** Keeps an answer for its key (a retry is answered from memory) and returns it. */
export function rememberReply(replies: Map<string, KnownReply>, keyed: KeyedRequest, result: CheckResult): CheckResult {
  if (replies.size > MAX_REPLIES) replies.clear();
  replies.set(keyed.key, { hash: keyed.hash, result });
  return result;
}
