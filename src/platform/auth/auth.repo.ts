import type { Db } from '../db/db.ts';
import '../platform.tables.ts';
import type { Executor } from '../audit/audit.repo.ts';
import type { UserRow } from '../platform.tables.ts';

export type StoredUser = Omit<UserRow, 'id'> & { id: number };

/** One user by name, or undefined. */
export async function findUserByName(db: Db, username: string): Promise<StoredUser | undefined> {
  const r = await db.k.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r && { ...r, id: Number(r.id) };
}

/** One user by id, or undefined. */
export async function findUserById(db: Db, id: number): Promise<StoredUser | undefined> {
  const r = await db.k.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { ...r, id: Number(r.id) };
}

/** All users, by name. */
export async function listUsers(db: Db): Promise<StoredUser[]> {
  const rows = await db.k.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Inserts a user and returns its id. */
export async function insertUser(trx: Executor, u: Omit<StoredUser, 'id'>): Promise<number> {
  const r = await trx.insertInto('users').values(u).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Replaces a user's password hash and ends their sessions. */
export async function updatePassword(trx: Executor, userId: number, hash: string): Promise<void> {
  await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Stores a session under the hash of its token. */
export async function insertSession(
  db: Db,
  s: { id: string; user_id: number; created_at: string; expires_at: string },
): Promise<void> {
  await db.k.insertInto('sessions').values(s).execute();
}

/** The live session's user, or undefined when missing, expired or disabled. */
export async function sessionUser(db: Db, sessionId: string, now: string): Promise<StoredUser | undefined> {
  const r = await db.k
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  return r && { ...r, id: Number(r.id) };
}

/** Ends one session. */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.k.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Drops expired sessions. */
export async function purgeSessions(db: Db, now: string): Promise<void> {
  await db.k.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
