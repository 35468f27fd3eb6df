// Text search over appeal titles and contents without a scan. Chinese has no spaces, so each text is
// indexed as every substring of one to four characters of its runs of CJK ideographs and ASCII
// letters/digits (ASCII lower-cased). A query of up to four such characters is then one token, and
// the index answers it exactly; a longer one is the AND of its four-character pieces, a superset
// that the repository narrows with a substring check. Either way the result equals a plain
// substring filter over title and content.

const MAX_GRAM = 4;

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
    for (const run of runs(text))
      for (let i = 0; i < run.length; i++)
        for (let n = 1; n <= MAX_GRAM && i + n <= run.length; n++) set.add(run.slice(i, i + n).join(''));
  return [...set].join(' ');
}

/**
 * How to find a query: the index tokens that every text containing it has (all must match), and
 * whether they are exact (the query is one token: no substring check needed). No tokens when the
 * query has no indexable character; the caller then checks the substring on every row.
 */
export function searchPlan(q: string): { tokens: string[]; exact: boolean } {
  const all = runs(q);
  const tokens = new Set<string>();
  for (const run of all) {
    if (run.length <= MAX_GRAM) tokens.add(run.join(''));
    else for (let i = 0; i + MAX_GRAM <= run.length; i++) tokens.add(run.slice(i, i + MAX_GRAM).join(''));
  }
  const exact = all.length === 1 && (all[0] as string[]).length <= MAX_GRAM && all[0]?.join('') === asciiLower(q);
  return { tokens: [...tokens], exact };
}

/** The fields of an appeal that the search indexes also hold, so text and filters meet in them. */
export interface FilterFields {
  status?: string;
  district_code?: string;
  category?: string;
  channel?: string;
}

/**
 * Index tokens for the filter fields: a letter pair and the value's letters and digits, longer than
 * four characters, so they never equal a text token (status, category and channel are lower-case
 * words, districts six digits).
 */
export function filterTokens(f: FilterFields): string[] {
  const out: string[] = [];
  const add = (tag: string, v: string | undefined) => {
    if (v) out.push(`${tag}${v.toLowerCase().replace(/[^0-9a-z]/g, '')}`);
  };
  add('zs', f.status);
  add('zd', f.district_code);
  add('zc', f.category);
  add('zh', f.channel);
  return out;
}

/** The whole SQLite search document of an appeal: text tokens, then its filter tokens. */
export function documentTokens(a: FilterFields & { title: string; content: string }): string {
  return [searchTokens(a.title, a.content), ...filterTokens(a)].filter(Boolean).join(' ');
}

/**
 * PostgreSQL's search document of an appeal: the same tokens, each keyed by the appeal's UTC day
 * (`停产@20221107`), so one token's posting list on one day is short.
 */
export function dayDocument(a: FilterFields & { title: string; content: string; received_at: string }): string {
  const day = dayKey(a.received_at);
  return documentTokens(a)
    .split(' ')
    .filter(Boolean)
    .map((t) => `${t}@${day}`)
    .join(' ');
}

/** The tokens as an FTS5 MATCH expression (tokens hold no quotes: only letters, digits, ideographs). */
export function ftsMatch(tokens: string[]): string {
  return tokens.map((t) => `"${t}"`).join(' AND ');
}

/**
 * The UTC day (YYYYMMDD) under which PostgreSQL's index keeps an appeal's tokens: each token is
 * stored as `token@day`, so the posting list of one token on one day is short, and a newest-first
 * count or page reads the newest days' lists and stops instead of reading every match.
 */
export function dayKey(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '');
}

/**
 * The UTC days from the newest instant back to the oldest, newest first, in batches of 1, 1, 2,
 * 4 … days: a search that fills its count early reads one or two days, one that finds little still
 * needs only a logarithmic number of queries.
 */
export function dayBatches(oldestIso: string, newestIso: string): string[][] {
  const out: string[][] = [];
  const last = Date.parse(`${oldestIso.slice(0, 10)}T00:00:00Z`);
  let size = 1;
  for (let d = Date.parse(`${newestIso.slice(0, 10)}T00:00:00Z`); d >= last; ) {
    const batch: string[] = [];
    for (; batch.length < size && d >= last; d -= 86_400_000) batch.push(dayKey(new Date(d).toISOString()));
    out.push(batch);
    if (out.length > 1) size *= 2;
  }
  return out;
}

/**
 * The tokens on any of the days as a PostgreSQL tsquery literal (lexemes taken as they are, no
 * text-search configuration applies): every token must match, each on one of the days. A row has
 * one day, so the AND of the per-token ORs never pairs two days.
 */
export function tsDayQuery(tokens: string[], days: string[]): string {
  return tokens.map((t) => `(${days.map((d) => `'${t}@${d}'`).join(' | ')})`).join(' & ');
}
