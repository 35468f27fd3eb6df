import type { Actor } from '../auth/auth.rules.ts';
import type { Ctx } from '../context.ts';

/** Opens the configured context for one command and always closes it. */
export async function withCtx<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { openContext } = await import('../../runtime.ts');
  const ctx = await openContext();
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

/** The operator at the server's console reads with a city-wide scope; writes are audited as 'cli'. */
export const CLI_READER: Actor = {
  userId: 0,
  username: 'cli',
  role: 'commander',
  scope: { kind: 'city', code: '3501' },
};
