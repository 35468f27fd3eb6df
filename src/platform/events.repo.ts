import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from './db/db.ts';

/** How many announcements the embedded database keeps: a reader further behind reloads everything. */
export const KEPT_ANNOUNCEMENTS = 10_000;

/** One announcement as the embedded database keeps it (ids: base-36, comma-separated; null = everything). */
export interface StoredAnnouncement {
  id: number;
  origin: string;
  kind: string;
  ids: string | null;
}

/** Sends one NOTIFY payload on PostgreSQL through the pool. */
export async function notify(db: Db, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db.k);
}

/**
 * Appends an announcement on SQLite and drops the ones older than the last KEPT_ANNOUNCEMENTS.
 * AUTOINCREMENT ids are consecutive in commit order (an insert rolled back gives its id back), so
 * a reader that finds a gap after its last id knows it missed some.
 */
export async function appendAnnouncement(db: Db, a: Omit<StoredAnnouncement, 'id'>): Promise<void> {
  await db.k.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('announcements').values(a).returning('id').executeTakeFirstOrThrow();
    await trx
      .deleteFrom('announcements')
      .where('id', '<=', Number(id) - KEPT_ANNOUNCEMENTS)
      .execute();
  });
}

/** A read-only connection of its own that follows the embedded database's announcements. */
export interface AnnouncementTail {
  /** Changes whenever another connection committed anything (PRAGMA data_version). */
  version(): number;
  /** The newest announcement's id, 0 when there is none. */
  newest(): number;
  /** Up to `limit` announcements after id `after`, oldest first. */
  after(after: number, limit: number): StoredAnnouncement[];
  close(): void;
}

/**
 * Opens the tail's connection. Its own, not the server's: a read there never lands inside a
 * transaction the server has open across an await, and an idle poll costs one pragma.
 */
export function openAnnouncementTail(file: string): AnnouncementTail {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 100');
  // Prepared once: db.pragma() compiles the statement on every call (20 µs a poll instead of 8).
  const version = db.prepare('pragma data_version').pluck();
  const newest = db.prepare('select coalesce(max(id), 0) as id from announcements').pluck();
  const after = db.prepare('select id, origin, kind, ids from announcements where id > ? order by id limit ?');
  return {
    version: () => version.get() as number,
    newest: () => newest.get() as number,
    after: (id, limit) => after.all(id, limit) as StoredAnnouncement[],
    close: () => db.close(),
  };
}
