import type { Crypto } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { canonicalText } from '../storable-text.ts';
import { readCheckpoints } from './audit.anchor.ts';
import { type Executor, entriesAfter, insertEntry, lastEntry, listEntries, lockChain } from './audit.repo.ts';
import { type ChainFault, type Checkpoint, canonical, checkAnchors, checkEntry, GENESIS_HASH } from './audit.rules.ts';

/** What a caller records: who did what to which record, with a JSON detail free of raw PII. */
export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
}

/** The chain's head as written by each open transaction that appended (gone with the transaction). */
const heads = new WeakMap<Executor, { id: number; hash: string }>();

/**
 * Appends to the hash chain inside the caller's transaction, so the change and its record commit
 * together. Every string is made canonical first (see storable-text.ts) and the MAC covers exactly the
 * strings stored: a string the database would store differently can no longer break the chain.
 */
export async function recordAudit(db: Db, crypto: Crypto, trx: Executor, input: AuditInput): Promise<void> {
  // A transaction that appended already holds the chain (the advisory lock, SQLite's write lock)
  // until it ends: its own entry is the head, so it neither locks nor reads again.
  const held = trx.isTransaction ? heads.get(trx) : undefined;
  if (!held) await lockChain(db, trx);
  const last = held ?? (await lastEntry(trx));
  const fields = {
    id: last ? last.id + 1 : 1,
    at: new Date().toISOString(),
    actor: canonicalText(input.actor),
    action: canonicalText(input.action),
    entity: canonicalText(input.entity),
    entityId: input.entityId == null ? null : canonicalText(String(input.entityId)),
    detail: JSON.stringify(input.detail ?? {}, (_k, v: unknown) => (typeof v === 'string' ? canonicalText(v) : v)),
    prevHash: last ? last.hash : GENESIS_HASH,
  };
  const hash = crypto.mac(canonical(fields));
  await insertEntry(trx, {
    id: fields.id,
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    entity: fields.entity,
    entity_id: fields.entityId,
    detail: fields.detail,
    prev_hash: fields.prevHash,
    hash,
  });
  if (trx.isTransaction) heads.set(trx, { id: fields.id, hash });
}

/** Records outside any other work (e.g. a read of unmasked data). */
export async function recordAuditNow(db: Db, crypto: Crypto, input: AuditInput): Promise<void> {
  await db.k.transaction().execute((trx) => recordAudit(db, crypto, trx, input));
}

/** At most this many faults are listed; `faultCount` says how many there were. */
export const MAX_FAULTS_LISTED = 1000;

/** The outcome of a verification: every fault (up to MAX_FAULTS_LISTED), and the anchor checked against. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  faultCount: number;
  faults: ChainFault[];
  /** The first fault, kept for older clients. */
  firstBad?: ChainFault;
  /** The anchor file and its checkpoints, or null when there is none yet (the tail is then unanchored). */
  anchor: { file: string; checkpoints: number; latest: { id: number; at: string } | null } | null;
}

/**
 * Walks the whole chain and reports every entry that was edited, unlinked or removed, going on past
 * each break so that one bad entry cannot hide later tampering; then holds the table to the
 * checkpoints of `anchorFile` (if any), which reveals a deleted tail.
 */
export async function verifyAudit(
  db: Db,
  crypto: Crypto,
  opts: { anchorFile?: string } = {},
): Promise<AuditVerification> {
  const checkpoints = opts.anchorFile ? readCheckpoints(opts.anchorFile) : null;
  const anchored = new Map<number, string | undefined>((checkpoints ?? []).map((c) => [c.id, undefined]));
  const faults: ChainFault[] = [];
  let faultCount = 0;
  const add = (fs: ChainFault[]) => {
    faultCount += fs.length;
    for (const f of fs) if (faults.length < MAX_FAULTS_LISTED) faults.push(f);
  };
  let prev: { id: number; hash: string } | null = null;
  let checked = 0;
  for (;;) {
    const page = await entriesAfter(db, prev?.id ?? 0, 5000);
    if (page.length === 0) break;
    for (const r of page) {
      add(
        checkEntry(
          {
            id: r.id,
            at: r.at,
            actor: r.actor,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            detail: r.detail,
            prevHash: r.prev_hash,
            hash: r.hash,
          },
          prev,
          crypto.mac,
        ),
      );
      if (anchored.has(r.id)) anchored.set(r.id, r.hash);
      prev = { id: r.id, hash: r.hash };
      checked++;
    }
  }
  if (checkpoints) add(checkAnchors(checkpoints, (id) => anchored.get(id), prev?.id ?? 0, crypto.mac));
  const latest = checkpoints?.reduce<Checkpoint | null>((a, c) => (a && a.id >= c.id ? a : c), null) ?? null;
  return {
    ok: faultCount === 0,
    checked,
    faultCount,
    faults,
    ...(faults[0] ? { firstBad: faults[0] } : {}),
    anchor:
      opts.anchorFile && checkpoints
        ? {
            file: opts.anchorFile,
            checkpoints: checkpoints.length,
            latest: latest ? { id: latest.id, at: latest.at } : null,
          }
        : null,
  };
}

/** A page of the log for the auditor's screen. */
export async function listAudit(db: Db, opts: { page: number; pageSize: number; entity?: string; entityId?: string }) {
  const { rows, total } = await listEntries(db, {
    offset: (opts.page - 1) * opts.pageSize,
    limit: opts.pageSize,
    entity: opts.entity,
    entityId: opts.entityId,
  });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      detail: JSON.parse(r.detail) as unknown,
      hash: r.hash,
    })),
  };
}
