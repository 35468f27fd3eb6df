/**
 * A fresh idempotency key for one submission: a retried request carries the same key, so a lost answer
 * never creates a second record. randomUUID needs a secure context, hence the fallback to random bytes.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
