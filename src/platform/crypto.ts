import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';
import { shortHmac } from './sha256.ts';

/** Field encryption (AES-256-GCM) and keyed blind indexes, all derived from one secret. */
export interface Crypto {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  blindIndex(kind: string, value: string): string;
  /** The same blind index as 32 raw bytes written at `out[at]` (bulk imports: no string, no object). */
  blindDigest(kind: string, value: string, out: Uint8Array, at: number): void;
  mac(data: string): string;
}

const PREFIX = 'v1.';

// IVs come from a pooled CSPRNG buffer: one randomFillSync per 341 encryptions instead of one each,
// which was a tenth of a large import's time. Each IV is still 96 fresh random bits, used once.
const POOL = Buffer.alloc(4092);
let poolAt = POOL.length;
function freshIv(): Buffer {
  if (poolAt + 12 > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const iv = Buffer.from(POOL.subarray(poolAt, poolAt + 12));
  poolAt += 12;
  return iv;
}

function derive(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'banyan', info, 32));
}

/**
 * The blind index as raw bytes: short ASCII values (resident IDs) by the precomputed-state HMAC of
 * sha256.ts, checked here once against createHmac; anything else by createHmac.
 */
function digestInto(key: Buffer): (kind: string, value: string, out: Uint8Array, at: number) => void {
  const slow = (kind: string, value: string, out: Uint8Array, at: number) => {
    out.set(createHmac('sha256', key).update(`${kind}:${value}`).digest(), at);
  };
  const fast = shortHmac(key);
  const probe = new Uint8Array(32);
  fast('id:', '350102199001010018', probe, 0);
  if (Buffer.from(probe).toString('hex') !== createHmac('sha256', key).update('id:350102199001010018').digest('hex'))
    return slow;
  let kindOf = '';
  let prefix = ':';
  return (kind, value, out, at) => {
    if (kind !== kindOf) {
      kindOf = kind;
      prefix = `${kind}:`;
    }
    if (!fast(prefix, value, out, at)) slow(kind, value, out, at);
  };
}

/** Builds the crypto helpers from BANYAN_SECRET; separate keys per purpose so one leak is contained. */
export function createCrypto(secret: string): Crypto {
  const encKey = derive(secret, 'field-encryption');
  const indexKey = derive(secret, 'blind-index');
  const macKey = derive(secret, 'audit-chain');
  const blindDigest = digestInto(indexKey);
  return {
    encrypt(plain) {
      const iv = freshIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    decrypt(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, value) {
      return createHmac('sha256', indexKey).update(`${kind}:${value}`).digest('hex');
    },
    blindDigest,
    mac(data) {
      return createHmac('sha256', macKey).update(data).digest('hex');
    },
  };
}
