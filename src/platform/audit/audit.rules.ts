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

export type ChainFault = { id: number; reason: 'edited' | 'broken-link' | 'gap' };

/**
 * Checks one stored entry against its predecessor. `expectedId` catches deleted rows even when
 * someone also rewrote the next prev_hash; the keyed MAC catches any rewrite without the secret.
 */
export function checkEntry(
  e: AuditFields & { hash: string },
  prev: { id: number; hash: string } | null,
  mac: (data: string) => string,
): ChainFault | null {
  const expectedId = prev ? prev.id + 1 : e.id;
  if (e.id !== expectedId) return { id: e.id, reason: 'gap' };
  if (e.prevHash !== (prev ? prev.hash : GENESIS_HASH)) return { id: e.id, reason: 'broken-link' };
  if (mac(canonical(e)) !== e.hash) return { id: e.id, reason: 'edited' };
  return null;
}
