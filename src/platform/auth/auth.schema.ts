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
