import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { nowMs } from '../platform/clock.ts';

// An Ed25519 private key in PKCS#8 is this fixed prefix followed by the 32-byte seed.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const ROTATION_MS = 60_000;

/** The signing keys of venue codes and personal codes, derived from BANYAN_SECRET. */
export interface CodeKeys {
  venuePrivate: KeyObject;
  venuePublic: KeyObject;
  personal: Buffer;
}

/** Derives the keys; the venue key pair is Ed25519 so that posters can be checked offline with the public key. */
export function codeKeys(secret: string): CodeKeys {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'banyan', 'venue-codes-ed25519', 32));
  const venuePrivate = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  return {
    venuePrivate,
    venuePublic: createPublicKey(venuePrivate),
    personal: Buffer.from(hkdfSync('sha256', secret, 'banyan', 'personal-codes', 32)),
  };
}

/** A venue code: `V1.<payload>.<signature>`; the payload names the venue and the code's version. */
export function signVenueCode(keys: CodeKeys, venueCode: string, version: number): string {
  const payload = Buffer.from(JSON.stringify({ c: venueCode, v: version })).toString('base64url');
  return `V1.${payload}.${sign(null, Buffer.from(payload), keys.venuePrivate).toString('base64url')}`;
}

/** The venue and version of a genuine code, or null for anything forged, altered or malformed. */
export function readVenueCode(keys: CodeKeys, code: string): { venue: string; version: number } | null {
  const [tag, payload, sig] = code.split('.');
  if (tag !== 'V1' || !payload || !sig) return null;
  let ok = false;
  try {
    ok = verify(null, Buffer.from(payload), keys.venuePublic, Buffer.from(sig, 'base64url'));
  } catch {
    return null;
  }
  if (!ok) return null;
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { c?: unknown; v?: unknown };
    return typeof p.c === 'string' && typeof p.v === 'number' ? { venue: p.c, version: p.v } : null;
  } catch {
    return null;
  }
}

function personalMac(keys: CodeKeys, personId: number, window: number): string {
  return createHmac('sha256', keys.personal).update(`${personId}.${window}`).digest('base64url').slice(0, 22);
}

/** The resident's rotating personal code for a moment: `P1.<person>.<window>.<mac>`, new every minute. */
export function personalCode(keys: CodeKeys, personId: number, now = nowMs()): string {
  const window = Math.floor(now / ROTATION_MS);
  return `P1.${personId.toString(36)}.${window.toString(36)}.${personalMac(keys, personId, window)}`;
}

/**
 * The person of a personal code, if it is genuine and from this minute or the one before (a code
 * shown just before rotating still scans); 'expired' for a genuine older code (a replay); null if forged.
 */
export function readPersonalCode(keys: CodeKeys, code: string, now = nowMs()): number | 'expired' | null {
  const [tag, p, w, mac] = code.split('.');
  if (tag !== 'P1' || !p || !w || !mac) return null;
  const personId = Number.parseInt(p, 36);
  const window = Number.parseInt(w, 36);
  if (!Number.isSafeInteger(personId) || !Number.isSafeInteger(window)) return null;
  const want = Buffer.from(personalMac(keys, personId, window));
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  const current = Math.floor(now / ROTATION_MS);
  return window === current || window === current - 1 ? personId : 'expired';
}
