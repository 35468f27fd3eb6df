import { join } from 'node:path';
import { MIGRATIONS } from './migrations.ts';
import { MODULES } from './modules.ts';
import { joinClock, keepClock } from './platform/clock.shared.ts';
import { type Config, loadConfig } from './platform/config.ts';
import type { Ctx } from './platform/context.ts';
import { createCrypto } from './platform/crypto.ts';
import { openDb } from './platform/db/db.ts';
import { migrate } from './platform/db/migrations.repo.ts';

/**
 * Opens the configured database, applies pending migrations and returns the service context, on
 * the business clock every process shares: `keepClock` (a server asked for a scenario clock) sets
 * it for all of them; otherwise this process joins the kept one (see platform/clock.shared.ts).
 */
export async function openContext(
  config: Config = loadConfig(),
  opts: { migrate?: boolean; keepClock?: string | null } = {},
): Promise<Ctx & { applied: string[] }> {
  const db = openDb({ url: config.databaseUrl, file: join(config.dataDir, 'banyan.db') });
  try {
    const applied = opts.migrate === false ? [] : await migrate(db, MIGRATIONS);
    if (opts.keepClock !== undefined) await keepClock(db, opts.keepClock);
    else await joinClock(db, config.clockStart);
    return { config, db, crypto: createCrypto(config.secret), modules: MODULES, applied };
  } catch (e) {
    await db.close();
    throw e;
  }
}
