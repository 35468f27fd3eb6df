import type { Ctx } from './context.ts';
import { startPgEvents, startPgNotifier } from './events.pg.ts';
import { startSqliteEvents } from './events.sqlite.ts';
import type { EventChannel } from './events.ts';

const NONE: EventChannel = { ready: Promise.resolve(), close: async () => {} };

/**
 * Starts carrying this process's announcements to the other processes on its database and, with
 * `listen` (a server), theirs to this one: NOTIFY/LISTEN on PostgreSQL, the `announcements` table
 * on a SQLite file. An in-memory SQLite database has no other process; a PostgreSQL context
 * without its URL (tests) no listening connection.
 */
export function startEventChannel(ctx: Ctx, opts: { listen: boolean; log?: (msg: string) => void }): EventChannel {
  const log = opts.log ?? ((m: string) => void process.stderr.write(`events: ${m}\n`));
  if (ctx.db.dialect === 'postgres') {
    if (!opts.listen) return startPgNotifier(ctx, log);
    return ctx.config.databaseUrl ? startPgEvents(ctx, ctx.config.databaseUrl, log) : NONE;
  }
  return ctx.db.file ? startSqliteEvents(ctx, ctx.db.file, { listen: opts.listen, log }) : NONE;
}
