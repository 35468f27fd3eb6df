import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Ctx } from '../context.ts';
import { AppError, E } from '../errors.ts';
import { AuthErrors } from './auth.errors.ts';
import {
  deleteSession,
  findUserByName,
  insertSession,
  insertUser,
  listUsers as listUserRows,
  purgeSessions,
  type StoredUser,
  sessionUser,
  updatePassword,
} from './auth.repo.ts';
import {
  type Actor,
  actorLabel,
  type Permission,
  permissionsOf,
  type Role,
  type Scope,
  type ScopeKind,
} from './auth.rules.ts';
import type { LoginLimiter } from './login-limit.ts';
import { hashPassword, verifyPassword } from './password.ts';

const SESSION_HOURS = 12;
export const MIN_PASSWORD = 8;
// Verified when the username is unknown, so that both failures take the same time.
const DUMMY_HASH = await hashPassword('banyan-timing-equaliser');

/** The user as the API shows it. */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  permissions: Permission[];
}

/** Converts a stored row to the actor services act for. */
export function toActor(u: StoredUser): Actor {
  return {
    userId: u.id,
    username: u.username,
    role: u.role as Role,
    scope: { kind: u.scope_kind as ScopeKind, code: u.scope_code },
  };
}

/** The API view of a stored user. */
export function toView(u: StoredUser): UserView {
  const a = toActor(u);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: a.role,
    scope: a.scope,
    permissions: permissionsOf(a.role),
  };
}

function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks the password and opens a session; the raw token goes only to the cookie. With a limiter,
 * a locked account is refused (RATE_LIMITED) before its password is even checked.
 */
export async function login(
  ctx: Ctx,
  username: string,
  password: string,
  limiter?: LoginLimiter,
): Promise<{ token: string; user: StoredUser }> {
  const wait = limiter?.lockedFor(username) ?? 0;
  if (wait > 0) throw new AppError(E.RATE_LIMITED, { retryAfter: wait });
  const user = await findUserByName(ctx.db, username);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    const locked = limiter?.failed(username) ?? 0;
    await ctx.db.k.transaction().execute((trx) =>
      recordAudit(ctx.db, ctx.crypto, trx, {
        actor: 'anonymous',
        action: 'login-failed',
        entity: 'user',
        entityId: username.slice(0, 64),
        ...(locked > 0 ? { detail: { lockedSeconds: locked } } : {}),
      }),
    );
    throw new AppError(AuthErrors.AUTH_INVALID_CREDENTIALS);
  }
  limiter?.succeeded(username);
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await purgeSessions(ctx.db, now.toISOString());
  await insertSession(ctx.db, {
    id: sessionId(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  });
  return { token, user };
}

/** The user behind a session token, or undefined. */
export async function authenticate(ctx: Ctx, token: string): Promise<StoredUser | undefined> {
  return sessionUser(ctx.db, sessionId(token), new Date().toISOString());
}

/** Ends the session of a token. */
export async function logout(ctx: Ctx, token: string): Promise<void> {
  await deleteSession(ctx.db, sessionId(token));
}

/** Creates an account; audited. */
export async function createUser(
  ctx: Ctx,
  by: Actor | 'cli' | 'system',
  input: { username: string; displayName: string; password: string; role: Role; scope: Scope },
): Promise<UserView> {
  if (input.password.length < MIN_PASSWORD) throw new AppError(AuthErrors.PASSWORD_TOO_SHORT, { min: MIN_PASSWORD });
  if (await findUserByName(ctx.db, input.username))
    throw new AppError(AuthErrors.USER_EXISTS, { username: input.username });
  const hash = await hashPassword(input.password);
  const row = {
    username: input.username,
    display_name: input.displayName,
    password_hash: hash,
    role: input.role,
    scope_kind: input.scope.kind,
    scope_code: input.scope.code,
    disabled: 0,
    created_at: new Date().toISOString(),
  };
  const id = await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertUser(trx, row);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(by),
      action: 'user-created',
      entity: 'user',
      entityId: id,
      detail: { username: input.username, role: input.role, scope: input.scope },
    });
    return id;
  });
  return toView({ ...row, id });
}

/** Sets a new password and signs the user out everywhere; audited. */
export async function setPassword(ctx: Ctx, by: Actor | 'cli', username: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD) throw new AppError(AuthErrors.PASSWORD_TOO_SHORT, { min: MIN_PASSWORD });
  const user = await findUserByName(ctx.db, username);
  if (!user) throw new AppError(AuthErrors.USER_NOT_FOUND, { username });
  const hash = await hashPassword(password);
  await ctx.db.k.transaction().execute(async (trx) => {
    await updatePassword(trx, user.id, hash);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(by),
      action: 'password-set',
      entity: 'user',
      entityId: user.id,
    });
  });
}

/** All accounts. */
export async function listUsers(ctx: Ctx): Promise<UserView[]> {
  return (await listUserRows(ctx.db)).map(toView);
}

/** Throws FORBIDDEN unless the actor's role carries the permission. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!permissionsOf(actor.role).includes(permission)) throw new AppError(AuthErrors.FORBIDDEN, { permission });
}
