import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { DialectName } from './db.ts';

/** One schema step. `up` runs inside a transaction together with its bookkeeping row. */
export interface Migration {
  id: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not know yet
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Adds an auto-increment integer primary key `id` in each dialect's own way. */
export function withSerialId<T extends string>(
  t: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  // SQLite AUTOINCREMENT never reuses an id after a delete, which the audit trail relies on.
  return dialect === 'postgres'
    ? t.addColumn('id', 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}
