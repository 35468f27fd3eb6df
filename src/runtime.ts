import { join } from 'node:path';
import { MIGRATIONS } from './migrations.ts';
import { MODULES } from './modules.ts';
import { setClock } from './platform/clock.ts';
import { type Config, loadConfig } from './platform/config.ts';
import type { Ctx } from './platform/context.ts';
import { createCrypto } from './platform/crypto.ts';
import { openDb } from './platform/db/db.ts';
import { migrate } from './platform/db/migrations.repo.ts';

/** Opens the configured database, applies pending migrations and returns the service context. */
export async function openContext(
  config: Config = loadConfig(),
  opts: { migrate?: boolean } = {},
): Promise<Ctx & { applied: string[] }> {
  if (config.clockStart) setClock(config.clockStart);
  const db = openDb({ url: config.databaseUrl, file: join(config.dataDir, 'banyan.db') });
  try {
    const applied = opts.migrate === false ? [] : await migrate(db, MIGRATIONS);
    return { config, db, crypto: createCrypto(config.secret), modules: MODULES, applied };
  } catch (e) {
    await db.close();
    throw e;
  }
}
