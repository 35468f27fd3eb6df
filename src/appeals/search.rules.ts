// Text search over appeal titles and contents without a scan. Chinese has no spaces, so each text is
// indexed as the character bigrams of its runs of CJK ideographs and ASCII letters/digits (ASCII
// lower-cased), plus the last character of each run alone. Every substring of two or more indexable
// characters then contains only bigrams that the text has; a single character is a prefix of some
// token of every text that contains it. The index finds a superset; the repository keeps exactly the
// rows that contain the query (the substring check), so results equal a plain substring filter.

/** Whether a character is indexed: an ASCII letter or digit (lower-cased) or a CJK ideograph. */
function indexable(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    ch.length === 1 &&
    ((c >= 0x30 && c <= 0x39) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff))
  );
}

/** Lower-cases ASCII letters only, as SQLite's lower() and the substring check do. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The maximal runs of indexable characters of a text. */
function runs(text: string): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  for (const ch of asciiLower(text)) {
    if (indexable(ch)) run.push(ch);
    else if (run.length) {
      out.push(run);
      run = [];
    }
  }
  if (run.length) out.push(run);
  return out;
}

/** The space-separated search tokens of an appeal (title and content indexed separately). */
export function searchTokens(title: string, content: string): string {
  const set = new Set<string>();
  for (const text of [title, content])
    for (const run of runs(text)) {
      for (let i = 0; i + 1 < run.length; i++) set.add(`${run[i]}${run[i + 1]}`);
      set.add(run[run.length - 1] as string);
    }
  return [...set].join(' ');
}

/** One term of a search: a whole token, or a one-character prefix of tokens. */
export interface SearchTerm {
  token: string;
  prefix: boolean;
}

/**
 * The index terms that every text containing `q` has (all must match); empty when `q` has no
 * indexable character, and the caller then checks the substring on every row.
 */
export function searchTerms(q: string): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  for (const run of runs(q)) {
    if (run.length === 1) terms.set(`${run[0]}*`, { token: run[0] as string, prefix: true });
    for (let i = 0; i + 1 < run.length; i++) {
      const token = `${run[i]}${run[i + 1]}`;
      terms.set(token, { token, prefix: false });
    }
  }
  return [...terms.values()];
}

/** The terms as an FTS5 MATCH expression (tokens hold no quotes: only letters, digits, ideographs). */
export function ftsMatch(terms: SearchTerm[]): string {
  return terms.map((t) => `"${t.token}"${t.prefix ? '*' : ''}`).join(' AND ');
}

/** The terms as a PostgreSQL tsquery literal (taken as-is, no text-search configuration applies). */
export function tsQuery(terms: SearchTerm[]): string {
  return terms.map((t) => `'${t.token}'${t.prefix ? ':*' : ''}`).join(' & ');
}
