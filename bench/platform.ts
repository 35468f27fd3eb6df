// Platform benchmarks, each against a baseline measured in the same run, because
// these machines are shared and noisy and only ratios travel. Results go to bench/results/.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { MIGRATIONS } from '../src/migrations.ts';
import { MODULES } from '../src/modules.ts';
import { insertPersons, type NewPerson } from '../src/people/people.repo.ts';
import { sealPerson } from '../src/people/people.service.ts';
import { createUser } from '../src/platform/auth/auth.service.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { residentsOf } from '../src/sim/residents.ts';
import { Rng } from '../src/sim/rng.ts';
import { loadFromChild as load } from './load.ts';

const N = Number(process.env.BENCH_PERSONS || 50_000);
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
/** Person ingest and HTTP throughput, each with its baseline. */
export async function benchPlatform(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = { persons: N };

  const secret = randomBytes(32).toString('base64url');
  const crypto = createCrypto(secret);
  const people = [...residentsOf(new Rng(1), '350102', N, new Set())];
  const now = new Date().toISOString();

  // 1. Person ingest: Banyan (validate + encrypt + blind index + Kysely batch) vs raw prepared inserts.
  {
    const raw = new Database(':memory:');
    raw.exec('create table p (id integer primary key, a text, b text, c text, d text, e text, f text, g text, h text)');
    const ins = raw.prepare('insert into p (a,b,c,d,e,f,g,h) values (?,?,?,?,?,?,?,?)');
    let t0 = performance.now();
    raw.transaction(() => {
      for (const p of people) ins.run(p.idNumber, p.name, p.phone, p.communityCode, now, now, 'x', 'y');
    })();
    const rawRate = N / ((performance.now() - t0) / 1000);

    const db = openDb({ file: ':memory:' });
    await migrate(db, MIGRATIONS);
    t0 = performance.now();
    for (let i = 0; i < people.length; i += 2000) {
      const rows: NewPerson[] = people.slice(i, i + 2000).map((p) => sealPerson(crypto, p, now));
      await db.k.transaction().execute(async (trx) => {
        for (let j = 0; j < rows.length; j += 500) await insertPersons(trx, rows.slice(j, j + 500));
      });
    }
    const banyanRate = N / ((performance.now() - t0) / 1000);
    results.ingest = {
      rawBetterSqlite3RowsPerSec: Math.round(rawRate),
      banyanPersonsPerSec: Math.round(banyanRate),
      ratio: Number((banyanRate / rawRate).toFixed(3)),
    };
    await db.close();
  }

  // 2. HTTP: bare Fastify vs Banyan's /healthz and an authenticated, scoped person page.
  {
    const bare = Fastify();
    bare.get('/healthz', async () => ({ status: 'ok' }));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

    const db = openDb({ file: ':memory:' });
    await migrate(db, MIGRATIONS);
    const ctx = {
      config: { ...loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: '/nonexistent' }), logLevel: 'warn' },
      db,
      crypto,
      modules: MODULES,
    };
    const sample = people.slice(0, 10_000).map((p) => sealPerson(crypto, p, now));
    await db.k.transaction().execute(async (trx) => {
      for (let j = 0; j < sample.length; j += 500) await insertPersons(trx, sample.slice(j, j + 500));
    });
    await createUser(ctx, 'system', {
      username: 'bench',
      displayName: 'bench',
      password: 'bench-password',
      role: 'district-officer',
      scope: { kind: 'district', code: '350102' },
    });
    const app = await buildApp(ctx, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const login = await fetch(`${url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;

    const opts = { seconds: SECONDS, concurrency: 32 };
    const baseline = await load(`${bareUrl}/healthz`, opts);
    const healthz = await load(`${url}/healthz`, opts);
    const persons = await load(`${url}/api/v1/persons?page=3&pageSize=50`, { ...opts, headers: { cookie } });
    results.http = {
      bareFastify: baseline,
      banyanHealthz: { ...healthz, ratio: Number((healthz.rps / baseline.rps).toFixed(3)) },
      banyanPersonsPage: { ...persons, ratio: Number((persons.rps / baseline.rps).toFixed(3)) },
    };
    await app.close();
    await bare.close();
    await db.close();
  }

  return results;
}
