import type { Actor } from '../auth/auth.rules.ts';
import type { Ctx } from '../context.ts';
import { startEventChannel } from '../events.channel.ts';

let opener: (() => Promise<Ctx>) | null = null;

/** The composition root says how a command opens its context (configuration, database, migrations). */
export function setContextOpener(open: () => Promise<Ctx>): void {
  opener = open;
}

/**
 * Opens the configured context for one command and always closes it. What the command changes is
 * announced to a running server on the same database (its status index, venues, marks…).
 */
export async function withCtx<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (!opener) throw new Error('no context opener: the CLI must be started through src/cli.ts');
  const ctx = await opener();
  const channel = startEventChannel(ctx, { listen: false });
  try {
    return await fn(ctx);
  } finally {
    await channel.close();
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
