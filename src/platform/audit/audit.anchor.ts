import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';
import type { Crypto } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { lastEntry } from './audit.repo.ts';
import { type Checkpoint, checkpointText } from './audit.rules.ts';

// The table alone cannot show that its newest rows were deleted: what is left is a valid chain.
// So the head (newest id and hash) is signed and written outside the table, daily and at shutdown,
// one JSON line each, and to the log; `banyan audit verify` holds the table to every line.

/** Where the checkpoints live: `<BANYAN_DATA_DIR>/audit-anchor.jsonl`. */
export function anchorFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'audit-anchor.jsonl');
}

/** A minimal logger (Fastify's or the scheduler's). */
export interface AnchorLog {
  info(obj: object, msg: string): void;
}

/** Signs the current head and appends it to the anchor file and the log; null for an empty log. */
export async function writeCheckpoint(
  db: Db,
  crypto: Crypto,
  file: string,
  log?: AnchorLog,
  at: string = new Date().toISOString(),
): Promise<Checkpoint | null> {
  const head = await lastEntry(db.k);
  if (!head) return null;
  const cp: Checkpoint = { id: head.id, hash: head.hash, at, sig: '' };
  cp.sig = crypto.mac(checkpointText(cp));
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(cp)}\n`, { mode: 0o600 });
  log?.info({ auditCheckpoint: cp }, 'audit checkpoint');
  return cp;
}

/**
 * The checkpoints of an anchor file, or null when there is none. A line that does not parse is
 * kept as a checkpoint with an empty signature, so that verification reports it as forged.
 */
export function readCheckpoints(file: string): Checkpoint[] | null {
  if (!existsSync(file)) return null;
  const out: Checkpoint[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as Partial<Checkpoint>;
      out.push({ id: Number(v.id) || 0, hash: String(v.hash ?? ''), at: String(v.at ?? ''), sig: String(v.sig ?? '') });
    } catch {
      out.push({ id: 0, hash: '', at: '', sig: '' });
    }
  }
  return out;
}
