import type { Crypto } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { type Executor, entriesAfter, insertEntry, lastEntry, listEntries, lockChain } from './audit.repo.ts';
import { type ChainFault, canonical, checkEntry, GENESIS_HASH } from './audit.rules.ts';

/** What a caller records: who did what to which record, with a JSON detail free of raw PII. */
export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
}

/** Appends to the hash chain inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(db: Db, crypto: Crypto, trx: Executor, input: AuditInput): Promise<void> {
  await lockChain(db, trx);
  const last = await lastEntry(trx);
  const fields = {
    id: last ? last.id + 1 : 1,
    at: new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    detail: JSON.stringify(input.detail ?? {}),
    prevHash: last ? last.hash : GENESIS_HASH,
  };
  await insertEntry(trx, {
    id: fields.id,
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    entity: fields.entity,
    entity_id: fields.entityId,
    detail: fields.detail,
    prev_hash: fields.prevHash,
    hash: crypto.mac(canonical(fields)),
  });
}

/** Records outside any other work (e.g. a read of unmasked data). */
export async function recordAuditNow(db: Db, crypto: Crypto, input: AuditInput): Promise<void> {
  await db.k.transaction().execute((trx) => recordAudit(db, crypto, trx, input));
}

/** Walks the whole chain; reports the first entry that was edited, unlinked or removed. */
export async function verifyAudit(
  db: Db,
  crypto: Crypto,
): Promise<{ ok: boolean; checked: number; firstBad?: ChainFault }> {
  let prev: { id: number; hash: string } | null = null;
  let checked = 0;
  for (;;) {
    const page = await entriesAfter(db, prev?.id ?? 0, 5000);
    if (page.length === 0) break;
    for (const r of page) {
      // The first entry must be id 1: deleting the head of the log is a gap too.
      const fault =
        prev === null && r.id !== 1
          ? ({ id: r.id, reason: 'gap' } as const)
          : checkEntry(
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
            );
      if (fault) return { ok: false, checked, firstBad: fault };
      prev = { id: r.id, hash: r.hash };
      checked++;
    }
  }
  return { ok: true, checked };
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
