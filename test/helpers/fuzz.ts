// Deterministic random input for the fuzz tests: FUZZ_SEED picks the run (default 18), and a
// failing case names its seed so that `FUZZ_SEED=n` replays it exactly.

/** The seed of this run, from FUZZ_SEED. */
export function fuzzSeed(): number {
  const s = process.env.FUZZ_SEED?.trim();
  if (!s) return 18;
  const n = Number(s);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer (got ${s})`);
  return n;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export class FuzzRng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * Pieces of text that have broken real systems: unpaired surrogates both ways round, NUL and other
 * controls, astral characters (one at a slice boundary splits a pair), combining marks, RTL and
 * bidi overrides, zero-width joiners, BOM, U+FFFD, quotes and backslashes, SQL/HTML/path injection.
 */
export const NASTY_PIECES: readonly string[] = [
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  'x\ud83d',
  '\0',
  'a\0b',
  '\u0001\u001f\u007f',
  '\u0085\u2028\u2029',
  '𠀀',
  '😀',
  '👩‍👩‍👧‍👦',
  'e\u0301',
  'Z\u0364\u0351\u0313\u0324\u0354',
  '\u202eevil\u202c',
  'مرحبا',
  'שלום',
  '\u200d\u200b\ufeff',
  '\ufffd',
  '张三',
  '"\'`\\',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%E4%B8',
  '%00',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${{7*7}}',
  ' ',
  '',
];

/** A random string built from NASTY_PIECES and plain text, at most about `max` UTF-16 units long. */
export function nastyString(rng: FuzzRng, max = 80): string {
  let s = '';
  const n = 1 + rng.int(5);
  for (let i = 0; i < n && s.length < max; i++)
    s += rng.chance(0.7) ? rng.pick(NASTY_PIECES) : rng.pick(['a', 'user', '1', '福州', 'Ωmega']);
  // Now and then an astral character straddles unit 64, where callers slice (login failures do).
  if (rng.chance(0.3)) s = `${'x'.repeat(63)}😀${s}`;
  return s;
}
