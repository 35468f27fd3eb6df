import type { Migration } from './db/migration.ts';
import { withSerialId } from './db/migration.ts';

/** Accounts, sessions and the audit chain. */
export const platformMigrations: Migration[] = [
  {
    id: '0001_platform',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('users'), dialect)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('scope_kind', 'text', (c) => c.notNull())
        .addColumn('scope_code', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      // Ids are assigned by the writer, not the database, because each hash covers its own id.
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    },
  },
  {
    // The embedded database's cross-process channel (events.sqlite.ts). PostgreSQL has NOTIFY and
    // no such table.
    id: '0101_announcements',
    async up(db, dialect) {
      if (dialect !== 'sqlite') return;
      await withSerialId(db.schema.createTable('announcements'), dialect)
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ids', 'text')
        .execute();
    },
  },
  {
    // One business clock for every process on the database: a process started later reads the
    // scenario clock set here instead of starting its own a minute apart (issue 23).
    id: '0190_business_clock',
    async up(db) {
      await db.schema
        .createTable('business_clock')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('start_at', 'text', (c) => c.notNull())
        .addColumn('set_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
