import type { Label } from '../i18n';

/**
 * A deny reason's name by its stable code. The scans and statistics answers carry the codes only,
 * so the names live in the dictionary; the certificate's hours are part of the code (no-negative-24h).
 */
export function reasonName(label: Label, code: string): string {
  const hours = /^no-negative-(\d+)h$/.exec(code)?.[1];
  return hours ? label('venues.reason', 'no-negative', { hours }) : label('venues.reason', code);
}
