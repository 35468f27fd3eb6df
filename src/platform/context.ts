import type { Config } from './config.ts';
import type { Crypto } from './crypto.ts';
import type { Db } from './db/db.ts';

/** What every service needs: configuration, the database and the keys. */
export interface Ctx {
  config: Config;
  db: Db;
  crypto: Crypto;
}
