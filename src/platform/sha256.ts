// HMAC-SHA-256 of short ASCII messages from precomputed key states, for bulk blind indexes (a
// city-wide import keys millions of resident IDs). HMAC(k, m) = H(k⊕opad ‖ H(k⊕ipad ‖ m)): with the
// states after the two 64-byte key blocks computed once, a message of up to 55 bytes costs two
// compressions and no allocation, where createHmac sets up the key and two objects every time.
// The output is checked against node:crypto when the key is set up (crypto.ts) and in the tests.

const K = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
  ],
  (x) => x | 0,
);
const IV = Int32Array.from(
  [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  (x) => x | 0,
);

/** One SHA-256 compression of the block in w[0…15] (w is the 64-word schedule) from `from` into `to`. */
function compress(w: Int32Array, from: Int32Array, to: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15] as number;
    const b = w[i - 2] as number;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = from[0] as number;
  let b = from[1] as number;
  let c = from[2] as number;
  let d = from[3] as number;
  let e = from[4] as number;
  let f = from[5] as number;
  let g = from[6] as number;
  let h = from[7] as number;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  to[0] = ((from[0] as number) + a) | 0;
  to[1] = ((from[1] as number) + b) | 0;
  to[2] = ((from[2] as number) + c) | 0;
  to[3] = ((from[3] as number) + d) | 0;
  to[4] = ((from[4] as number) + e) | 0;
  to[5] = ((from[5] as number) + f) | 0;
  to[6] = ((from[6] as number) + g) | 0;
  to[7] = ((from[7] as number) + h) | 0;
}

/** The longest message (in bytes) the fast path takes: one block after the key block. */
export const SHORT_MAX = 55;

/**
 * HMAC-SHA-256 with a key of at most 64 bytes, for messages of at most SHORT_MAX ASCII characters:
 * `(prefix, value, out, at)` writes the 32-byte MAC of prefix + value at out[at]. It returns false
 * (and writes nothing) for a longer or non-ASCII message, which the caller then MACs otherwise.
 */
export function shortHmac(key: Uint8Array): (prefix: string, value: string, out: Uint8Array, at: number) => boolean {
  const w = new Int32Array(64);
  const keyState = (pad: number) => {
    for (let i = 0; i < 16; i++) {
      let v = 0;
      for (let j = 4 * i; j < 4 * i + 4; j++) v = (v << 8) | ((j < key.length ? (key[j] as number) : 0) ^ pad);
      w[i] = v;
    }
    const s = new Int32Array(8);
    compress(w, IV, s);
    return s;
  };
  const inner = keyState(0x36);
  const outer = keyState(0x5c);
  const mid = new Int32Array(8);
  const res = new Int32Array(8);
  return (prefix, value, out, at) => {
    const n = prefix.length + value.length;
    if (n > SHORT_MAX) return false;
    w.fill(0, 0, 16);
    for (let i = 0; i < n; i++) {
      const c = i < prefix.length ? prefix.charCodeAt(i) : value.charCodeAt(i - prefix.length);
      if (c > 127) return false;
      w[i >> 2] = (w[i >> 2] as number) | (c << (24 - 8 * (i & 3)));
    }
    w[n >> 2] = (w[n >> 2] as number) | (0x80 << (24 - 8 * (n & 3)));
    w[15] = (64 + n) * 8;
    compress(w, inner, mid);
    for (let i = 0; i < 8; i++) w[i] = mid[i] as number;
    w[8] = 0x80000000 | 0;
    w.fill(0, 9, 15);
    w[15] = (64 + 32) * 8;
    compress(w, outer, res);
    for (let i = 0; i < 8; i++) {
      const v = res[i] as number;
      out[at + 4 * i] = v >>> 24;
      out[at + 4 * i + 1] = (v >>> 16) & 0xff;
      out[at + 4 * i + 2] = (v >>> 8) & 0xff;
      out[at + 4 * i + 3] = v & 0xff;
    }
    return true;
  };
}
