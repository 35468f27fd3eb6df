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
