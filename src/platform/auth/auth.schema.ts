import { z } from 'zod';
import { RoleSchema, SCOPE_KINDS } from './auth.rules.ts';

/** Body of POST /api/v1/sessions. */
export const LoginInput = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

/** Body of POST /api/v1/users. */
export const UserInput = z.object({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'lowercase letters, digits, . _ -; 3–64 characters'),
  displayName: z.string().trim().min(1).max(64),
  password: z.string().min(8).max(256),
  role: RoleSchema,
  scope: z.object({ kind: z.enum(SCOPE_KINDS), code: z.string().min(1).max(64) }),
});
export type UserInput = z.infer<typeof UserInput>;

/** A user's scope with the division's name. */
export const ScopeView = z.object({ kind: z.enum(SCOPE_KINDS), code: z.string(), name: z.string() });
export type ScopeView = z.infer<typeof ScopeView>;

/** An account as the API serves it: the role's permissions spelled out. */
export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  scope: ScopeView,
  permissions: z.array(z.string()),
});
export type UserView = z.infer<typeof UserView>;

/** The answer of sign-in, the current user and account creation. */
export const UserAnswer = z.object({ user: UserView });

/** GET /api/v1/users. */
export const UserList = z.object({ items: z.array(UserView) });
