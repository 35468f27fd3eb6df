import type { Config } from './config.ts';
import type { Crypto } from './crypto.ts';
import type { Db } from './db/db.ts';
import type { BanyanModule } from './module.ts';

/** What every service needs: configuration, the database and the keys. */
export interface Ctx {
  config: Config;
  db: Db;
  crypto: Crypto;
  /** The modules of the composition root, for contributions read at run time (briefing sections). */
  modules: readonly BanyanModule[];
}
