// A JS string can hold what no database stores as written: an unpaired UTF-16 surrogate becomes
// U+FFFD on its way to UTF-8 (so a hash of the string differs from a hash of what comes back), and
// PostgreSQL refuses U+0000 in text outright. Strings are checked or made canonical before either.

// Node 20 has both (ES2024); the compiler's lib is ES2022.
interface WellFormed {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
const wf = (s: string) => s as unknown as WellFormed;

/** True when the string survives a round trip through UTF-8 and both databases unchanged. */
export function isStorableText(s: string): boolean {
  return wf(s).isWellFormed() && !s.includes('\0');
}

/** The storable form of a string: unpaired surrogates and NUL become U+FFFD; storable strings are returned as they are. */
export function canonicalText(s: string): string {
  return isStorableText(s) ? s : wf(s).toWellFormed().replaceAll('\0', '\ufffd');
}

/**
 * The path of the first string (or object key) in a parsed JSON value that is not storable, e.g.
 * `records.3.name`, or null. The caller bounds the depth (the JSON parser refuses deep bodies).
 */
export function firstUnstorable(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstUnstorable(value[i], join(path, String(i)));
      if (bad !== null) return bad;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!isStorableText(k)) return join(path, '(key)');
    const bad = firstUnstorable(v, join(path, k));
    if (bad !== null) return bad;
  }
  return null;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
