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

/** A phrase longer than four characters as a chain of its four-character pieces: gram i follows gram i-1 at steps[i-1]. */
export interface Phrase {
  grams: string[];
  steps: number[];
}

/**
 * How to find a query: the index tokens that every text containing it has (all must match), and
 * whether they are exact (the query is one token: no substring check needed). No tokens when the
 * query has no indexable character; the caller then checks the substring on every row. A query of
 * one run longer than four characters also gets its phrase (PostgreSQL's positions answer it).
 */
export function searchPlan(q: string): { tokens: string[]; exact: boolean; phrase?: Phrase } {
  const all = runs(q);
  const tokens = new Set<string>();
  for (const run of all) {
    if (run.length <= MAX_GRAM) tokens.add(run.join(''));
    else for (let i = 0; i + MAX_GRAM <= run.length; i++) tokens.add(run.slice(i, i + MAX_GRAM).join(''));
  }
  const one = all.length === 1 && all[0]?.join('') === asciiLower(q) ? (all[0] as string[]) : undefined;
  const exact = !!one && one.length <= MAX_GRAM;
  if (!one || exact) return { tokens: [...tokens], exact };
  // Pieces at 0, 4, 8 … and the last at length − 4: each touches or overlaps the one before.
  const starts: number[] = [];
  for (let i = 0; i < one.length - MAX_GRAM; i += MAX_GRAM) starts.push(i);
  starts.push(one.length - MAX_GRAM);
  const grams = starts.map((i) => one.slice(i, i + MAX_GRAM).join(''));
  const steps = starts.slice(1).map((i, k) => i - (starts[k] as number));
  return { tokens: [...tokens], exact, phrase: { grams, steps } };
}

/** The fields of an appeal that the search indexes also hold, so text and filters meet in them. */
export interface FilterFields {
  status?: string;
  district_code?: string;
  category?: string;
  channel?: string;
  unit?: string | null;
}

/**
 * Index tokens for the filter fields: a letter pair and the value's letters and digits, longer than
 * four characters, so they never equal a text token (status, category, channel and unit are
 * lower-case words, districts six digits, a district government's unit `district:` and its code).
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
  add('zu', f.unit ?? undefined);
  return out;
}

/** The whole SQLite search document of an appeal: text tokens, then its filter tokens. */
export function documentTokens(a: FilterFields & { title: string; content: string }): string {
  return [searchTokens(a.title, a.content), ...filterTokens(a)].filter(Boolean).join(' ');
}

// PostgreSQL phrase positions: tsvector keeps at most 256 positions a lexeme and none past 16383.
const MAX_POSITIONS = 256;
const MAX_POSITION = 16_383;

/**
 * The token an appeal's document carries when some four-character token lost positions (more than
 * 256 of them, or past 16383): a phrase may then be in the text without its positions matching, so
 * such appeals are checked on the row. Longer than four characters, so never a text token.
 */
export const LOST_POSITIONS = 'zplost';

/**
 * The positions of the four-character tokens of title and content: the code-point offset of each
 * occurrence, from 1 (content after title and a gap, so no chain of tokens spans the two). A
 * phrase longer than four characters is then a chain of its four-character pieces at fixed
 * distances (tsquery `<N>`), which the tsvector answers exactly.
 */
export function gramPositions(title: string, content: string): { at: Map<string, number[]>; lost: boolean } {
  const at = new Map<string, number[]>();
  let lost = false;
  let base = 1;
  for (const text of [title, content]) {
    const chars = [...asciiLower(text)];
    for (let i = 0; i + MAX_GRAM <= chars.length; i++) {
      const gram = chars.slice(i, i + MAX_GRAM);
      if (!gram.every(indexable)) continue;
      const list = at.get(gram.join('')) ?? [];
      if (base + i > MAX_POSITION || list.length === MAX_POSITIONS) lost = true;
      else list.push(base + i);
      at.set(gram.join(''), list);
    }
    base += chars.length + 1;
  }
  return { at, lost };
}

/**
 * PostgreSQL's search document of an appeal as a tsvector literal: the same tokens, each keyed by
 * the appeal's UTC day (`停产@20221107`, so one token's posting list on one day is short), the
 * four-character ones with their positions (gramPositions).
 */
export function dayDocument(a: FilterFields & { title: string; content: string; received_at: string }): string {
  const day = dayKey(a.received_at);
  const { at, lost } = gramPositions(a.title, a.content);
  const tokens = documentTokens(a).split(' ').filter(Boolean);
  if (lost) tokens.push(LOST_POSITIONS);
  return tokens
    .map((t) => {
      const pos = at.get(t);
      return pos?.length ? `${t}@${day}:${pos.join(',')}` : `${t}@${day}`;
    })
    .join(' ');
}

/**
 * The tokens, and at least one of `any`, as an FTS5 MATCH expression (tokens hold no quotes: only
 * letters, digits, ideographs).
 */
export function ftsMatch(tokens: string[], any: string[] = []): string {
  const all = tokens.map((t) => `"${t}"`);
  if (any.length) all.push(`(${any.map((t) => `"${t}"`).join(' OR ')})`);
  return all.join(' AND ');
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
 * What PostgreSQL's index matches on one day: every token, the phrase (its pieces at their steps),
 * at least one of `any`, none of `not`; and, checked on appeal_search's own row, an overdue instant
 * before `overdueBefore`.
 */
export interface DayMatch {
  tokens: string[];
  phrase?: Phrase;
  any?: string[];
  not?: string[];
  overdueBefore?: string;
}

/**
 * The match on one day as a PostgreSQL tsquery literal (lexemes taken as they are, no text-search
 * configuration applies). One query per day, not one OR-ing every day: GIN evaluates the whole
 * query for each candidate, and 38 days × 3 tokens made that 7× slower than 38 small queries.
 */
export function tsDayQuery(m: DayMatch, day: string): string {
  const terms = m.tokens.map((t) => `'${t}@${day}'`);
  if (m.phrase) {
    const { grams, steps } = m.phrase;
    const pieces = grams.map((g, i) => `${i ? ` <${steps[i - 1]}> ` : ''}'${g}@${day}'`);
    terms.unshift(`(${pieces.join('')})`);
  }
  if (m.any?.length) terms.push(`(${m.any.map((t) => `'${t}@${day}'`).join(' | ')})`);
  for (const t of m.not ?? []) terms.push(`!'${t}@${day}'`);
  return terms.join(' & ');
}
