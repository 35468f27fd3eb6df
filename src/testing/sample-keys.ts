// The per-row work of a sample import that needs no database: each resident ID checked (GB 11643)
// and keyed by its blind index. Shared by the import's own thread and the keying thread.
import { parseResidentId } from '../people/people.rules.ts';
import type { Crypto } from '../platform/crypto.ts';

/** An ID problem of the row at position `at` of the chunk. */
export interface KeyProblem {
  at: number;
  code: string;
  params: Record<string, unknown>;
}

/** Blind index per row ('' where the ID is invalid) and the problems found. */
export interface KeyedChunk {
  index: string[];
  problems: KeyProblem[];
}

/** Checks and keys some ID numbers; each distinct ID is keyed (HMAC) once. */
export function keyIds(crypto: Pick<Crypto, 'blindIndex'>, ids: string[], todayMs: number): KeyedChunk {
  const today = new Date(todayMs);
  const index: string[] = new Array(ids.length);
  const problems: KeyProblem[] = [];
  const seen = new Map<string, string>();
  for (let i = 0; i < ids.length; i++) {
    const id = parseResidentId(ids[i] as string, today);
    if (!id.ok) {
      const { code, ...params } = id.problem;
      problems.push({ at: i, code, params });
      index[i] = '';
      continue;
    }
    let ix = seen.get(id.facts.idNumber);
    if (ix === undefined) {
      ix = crypto.blindIndex('id', id.facts.idNumber);
      seen.set(id.facts.idNumber, ix);
    }
    index[i] = ix;
  }
  return { index, problems };
}
