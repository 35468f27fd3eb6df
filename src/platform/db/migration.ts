import type { Kysely } from 'kysely';
import type { DialectName } from './db.ts';

/** One schema step. `up` runs inside a transaction together with its bookkeeping row. */
export interface Migration {
  id: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not know yet
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** The portable column type for an auto-increment primary key. */
export function serialPk(dialect: DialectName): 'integer' | 'bigserial' {
  return dialect === 'postgres' ? 'bigserial' : 'integer';
}
