// The per-row work of a sample import that needs no database: each resident ID checked (GB 11643)
// and keyed by its blind index. Shared by the import's own thread and the keying thread.
import { isCleanResidentId, parseResidentId } from '../people/people.rules.ts';
import type { Crypto } from '../platform/crypto.ts';

/** An ID problem of the row at position `at` of the chunk. */
export interface KeyProblem {
  at: number;
  code: string;
  params: Record<string, unknown>;
}

/**
 * Per row of a chunk: its blind index as 32 raw bytes at `digests[32 * i]` (what the hex blind
 * index spells; zeros where the ID is invalid) and `valid[i]` = 1 for a valid ID. Bytes, not hex
 * strings: they cross to the import's thread without copying and are probed without parsing.
 */
export interface KeyedChunk {
  digests: Uint8Array;
  valid: Uint8Array;
  problems: KeyProblem[];
}

/** Checks and keys some ID numbers. */
export function keyIds(crypto: Pick<Crypto, 'blindDigest'>, ids: string[], todayMs: number): KeyedChunk {
  const today = new Date(todayMs);
  const digests = new Uint8Array(32 * ids.length);
  const valid = new Uint8Array(ids.length);
  const problems: KeyProblem[] = [];
  for (let i = 0; i < ids.length; i++) {
    const raw = ids[i] as string;
    let idNumber = raw;
    if (!isCleanResidentId(raw, todayMs)) {
      const id = parseResidentId(raw, today);
      if (!id.ok) {
        const { code, ...params } = id.problem;
        problems.push({ at: i, code, params });
        continue;
      }
      idNumber = id.facts.idNumber;
    }
    crypto.blindDigest('id', idNumber, digests, 32 * i);
    valid[i] = 1;
  }
  return { digests, valid, problems };
}
