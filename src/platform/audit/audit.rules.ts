/** The fields of an audit entry that its hash covers. */
export interface AuditFields {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: string;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The canonical text an entry's MAC is computed over; field order is part of the format. */
export function canonical(e: AuditFields): string {
  return JSON.stringify([e.id, e.at, e.actor, e.action, e.entity, e.entityId, e.detail, e.prevHash]);
}

/**
 * Why an entry (or the chain around it) fails verification: edited (its MAC no longer matches),
 * broken-link (prev_hash is not the stored predecessor's hash: reordered or rewritten), gap (ids
 * skip: deleted rows), truncated (a checkpoint names an entry newer than the last one stored: the
 * tail was deleted), anchor-mismatch (the entry a checkpoint names has another hash), anchor-forged
 * (a checkpoint whose signature is wrong).
 */
export type ChainFault = {
  id: number;
  reason: 'edited' | 'broken-link' | 'gap' | 'truncated' | 'anchor-mismatch' | 'anchor-forged';
};

/**
 * Checks one stored entry against the entry stored before it and returns every fault found, so
 * that a walk can go on past a break. `expectedId` catches deleted rows even when someone also
 * rewrote the next prev_hash; the keyed MAC catches any rewrite without the secret.
 */
export function checkEntry(
  e: AuditFields & { hash: string },
  prev: { id: number; hash: string } | null,
  mac: (data: string) => string,
): ChainFault[] {
  const faults: ChainFault[] = [];
  // The first entry must be id 1: deleting the head of the log is a gap too.
  const expectedId = prev ? prev.id + 1 : 1;
  if (e.id !== expectedId) faults.push({ id: e.id, reason: 'gap' });
  else if (e.prevHash !== (prev ? prev.hash : GENESIS_HASH)) faults.push({ id: e.id, reason: 'broken-link' });
  if (mac(canonical(e)) !== e.hash) faults.push({ id: e.id, reason: 'edited' });
  return faults;
}

/** A signed statement of the newest entry at one moment, kept outside the table (the audit anchor). */
export interface Checkpoint {
  id: number;
  hash: string;
  at: string;
  sig: string;
}

/** The text a checkpoint's signature covers; its prefix keeps it apart from any entry's canonical text. */
export function checkpointText(cp: Omit<Checkpoint, 'sig'>): string {
  return `checkpoint:${JSON.stringify([cp.id, cp.hash, cp.at])}`;
}

/** The faults the checkpoints reveal, given the stored hash of each id they name and the newest id stored. */
export function checkAnchors(
  checkpoints: Checkpoint[],
  hashAt: (id: number) => string | undefined,
  lastId: number,
  mac: (data: string) => string,
): ChainFault[] {
  const faults: ChainFault[] = [];
  for (const cp of checkpoints) {
    if (mac(checkpointText(cp)) !== cp.sig) faults.push({ id: cp.id, reason: 'anchor-forged' });
    else if (cp.id > lastId) faults.push({ id: cp.id, reason: 'truncated' });
    else if (hashAt(cp.id) !== cp.hash) faults.push({ id: cp.id, reason: 'anchor-mismatch' });
  }
  return faults;
}
