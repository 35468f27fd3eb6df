/**
 * A second Banyan API process on the same PostgreSQL database (DATABASE_URL, BANYAN_SECRET from the
 * environment), for the cross-process propagation test; prints its port, stops on SIGTERM.
 */

import { buildApp } from '../../src/app.ts';
import { MODULES } from '../../src/modules.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createCrypto } from '../../src/platform/crypto.ts';
import { openDb } from '../../src/platform/db/db.ts';

const config = { ...loadConfig(process.env), logLevel: 'silent' as const };
const db = openDb({ url: config.databaseUrl });
const app = await buildApp({ config, db, crypto: createCrypto(config.secret), modules: MODULES }, { logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
process.stdout.write(`${typeof addr === 'object' && addr ? addr.port : 0}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
