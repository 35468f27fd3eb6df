import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DialectName } from '../../src/platform/db/db.ts';
import { codeKeys, personalCode, signVenueCode } from '../../src/venues/venues.codes.ts';
import { dialects, engineOf, pgDatabase } from '../helpers/db.ts';

const BIN = new URL('../../bin/banyan.mjs', import.meta.url).pathname;
const SECRET = 'durability-test-secret-that-is-long-enough';

/** Reads rows from the killed server's database, the embedded file or PostgreSQL. */
async function reader(engine: DialectName, dir: string, url: string | null) {
  if (engine === 'sqlite') {
    const db = new Database(join(dir, 'banyan.db'));
    return { all: async <T>(q: string) => db.prepare(q).all() as T[], close: async () => db.close() };
  }
  const client = new pg.Client({ connectionString: url as string });
  await client.connect();
  return { all: async <T>(q: string) => (await client.query(q)).rows as T[], close: () => client.end() };
}

// Once per database engine asked for (the file-backed SQLite that `serve` runs on, and PostgreSQL).
for (const engine of new Set(dialects().map(engineOf))) {
  test(`no acknowledged scan is lost when the server is killed with SIGKILL mid-load (${engine})`, {
    // The seeded start alone takes about a minute on PostgreSQL on a quiet machine (the demo's fixed
    // appeals week); a loaded CI machine has needed more than three.
    timeout: 420_000,
  }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'banyan-kill-'));
    const pgdb = engine === 'postgres' ? await pgDatabase() : null;
    const server = spawn(process.execPath, [BIN, 'serve', '--seed-if-empty', '--scale', '0.0005'], {
      env: {
        ...process.env,
        BANYAN_DATA_DIR: dir,
        BANYAN_SECRET: SECRET,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: pgdb?.url ?? '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A test that times out is abandoned, not stopped: without this the server would go on seeding
    // and loading the machine under the next test file.
    t.signal.addEventListener('abort', () => server.kill('SIGKILL'));
    // Listened for from the start: the exit may come before the test reaches the line that awaits it.
    const exited = new Promise((r) => server.once('exit', r));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d) => {
          out += d;
          const m = out.match(/listening on (http:\/\/\S+)/i);
          if (m) resolve(m[1] as string);
        });
        server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
      });
      const db = await reader(engine, dir, pgdb?.url ?? null);
      const [open] = await db.all<{ code: string }>(
        "select code from venues where status = 'open' and category = 'mall-market' limit 1",
      );
      const venue = (open as { code: string }).code;
      const people = (await db.all<{ id: number }>('select id from persons order by id limit 300')).map((r) => r.id);
      await db.close();
      const keys = codeKeys(SECRET);
      const venueCode = signVenueCode(keys, venue, 1);
      const acked = new Set<string>();
      let sent = 0;
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const key = `w${w}-${i}`;
          sent++;
          try {
            const r = await fetch(`${url}/api/v1/scans`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'idempotency-key': key },
              body: JSON.stringify({
                venueCode,
                personalCode: personalCode(keys, people[(w * 7 + i) % people.length] as number),
              }),
            });
            if (r.status === 201) acked.add(key);
            await r.arrayBuffer();
          } catch {
            return; // the server is gone
          }
        }
      };
      const workers = Array.from({ length: 32 }, (_, w) => worker(w));
      // Kill mid-load once a fair number of scans are acknowledged, not after a fixed time: on a
      // loaded machine (the writer threads run niced) 1.5 s sometimes held fewer than 100.
      const started = Date.now();
      while (acked.size < 200 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      assert.ok(acked.size > 100, `only ${acked.size} scans acknowledged before the kill`);
      await exited;
      // On the embedded database a scan is acknowledged once it is in the scan log; the next start
      // indexes what the log holds before it listens, and tracing reads `scans`.
      if (engine === 'sqlite') {
        const again = spawn(process.execPath, [BIN, 'serve'], {
          env: {
            ...process.env,
            BANYAN_DATA_DIR: dir,
            BANYAN_SECRET: SECRET,
            PORT: '0',
            HOST: '127.0.0.1',
            DATABASE_URL: '',
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const stopped = new Promise((r) => again.once('exit', r));
        await new Promise<void>((resolve, reject) => {
          let out = '';
          again.stdout.on('data', (d) => {
            out += d;
            if (/listening on/i.test(out)) resolve();
          });
          again.on('exit', (c) => reject(new Error(`restarted server exited ${c}`)));
        });
        again.kill('SIGKILL');
        await stopped;
      }
      const after = await reader(engine, dir, pgdb?.url ?? null);
      const stored = new Set(
        (await after.all<{ id: string }>("select id from scans where id like 'w%'")).map((r) => r.id),
      );
      await after.close();
      const lost = [...acked].filter((k) => !stored.has(k));
      t.diagnostic(`sent ${sent}, acknowledged ${acked.size}, stored ${stored.size}`);
      assert.deepEqual(lost, [], `${lost.length} of ${acked.size} acknowledged scans were lost (sent ${sent})`);
    } finally {
      server.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      await pgdb?.drop();
    }
  });
}
