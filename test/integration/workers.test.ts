import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createUser } from '../../src/platform/auth/auth.service.ts';
import { setClock } from '../../src/platform/clock.ts';
import { codeKeys, personalCode, signVenueCode } from '../../src/venues/venues.codes.ts';
import { createVenues } from '../../src/venues/venues.service.ts';
import { dialects, engineOf, sharedDatabase } from '../helpers/db.ts';
import { residentId, testingRound } from '../helpers/testing.ts';

const BIN = new URL('../../bin/banyan.mjs', import.meta.url).pathname;
const SECRET = 'workers-test-secret-long-enough-0123456789';
const NOW = '2022-11-08T20:00:00+08:00';
const PASSWORD = 'workers-test-password-1';

/** A database with residents, a market and a commander; the environment that reaches it. */
async function world(dialect: 'sqlite' | 'postgres', dir: string) {
  const { ctx, env, close } = await sharedDatabase(dialect, dir, SECRET);
  const personOf = await testingRound(ctx, { persons: 3, endOn: '2022-11-09', poolSize: 1, id: residentId });
  await createVenues(ctx, 'system', [
    { code: 'MKT', name: '农贸市场', category: 'mall-market', communityCode: '350102001001' },
  ]);
  await createUser(ctx, 'system', {
    username: 'cmd',
    displayName: 'cmd',
    password: PASSWORD,
    role: 'commander',
    scope: { kind: 'city', code: '3501' },
  });
  return { personOf, env, close };
}

/** One request on a connection of its own (cluster hands each connection to the next worker). */
function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; worker: string; json: Record<string, unknown>; cookie?: string }>(
    (resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const r = request(
        `${url}${path}`,
        {
          method,
          agent: false,
          headers: { ...headers, ...(data ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              worker: String(res.headers['x-banyan-worker'] ?? ''),
              json: text ? JSON.parse(text) : {},
              cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
            }),
          );
        },
      );
      r.on('error', reject);
      r.end(data);
    },
  );
}

/** Starts `banyan serve …args`; resolves with the process and its URL once it listens. */
async function serve(env: NodeJS.ProcessEnv, ...args: string[]) {
  const p = spawn(process.execPath, [BIN, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    p.stdout?.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/i);
      if (m) resolve(m[1] as string);
    });
    p.on('exit', (c) => reject(new Error(`serve ${args.join(' ')} exited ${c}`)));
  });
  return { p, url };
}

async function stop(p: ChildProcess | undefined) {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  p.kill('SIGTERM');
  await once(p, 'exit');
}

/** How far a server's business clock runs ahead of this process's machine clock (ms). */
async function skewOf(url: string): Promise<number> {
  const before = Date.now();
  const r = await call(url, 'GET', '/api/v1/clock');
  return Date.parse(r.json.now as string) - (before + Date.now()) / 2;
}

for (const dialect of new Set(dialects().map(engineOf))) {
  describe(`several server processes on ${dialect}`, async () => {
    setClock(NOW);
    const dir = mkdtempSync(join(tmpdir(), 'banyan-workers-'));
    const w = await world(dialect, dir);
    const base = { ...process.env, ...w.env, BANYAN_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    const keys = codeKeys(SECRET);
    const workers = dialect === 'postgres' ? 2 : 1;
    let first: Awaited<ReturnType<typeof serve>> | undefined;
    let later: Awaited<ReturnType<typeof serve>> | undefined;
    after(async () => {
      await stop(first?.p);
      await stop(later?.p);
      await w.close();
      rmSync(dir, { recursive: true, force: true });
      setClock(null);
    });
    before(async () => {
      first = await serve({ ...base, BANYAN_NOW: NOW }, '--workers', String(workers));
    });

    /** The server's answer to person n at the market, its personal code made by the given clock skew. */
    const check = async (url: string, n: number, skew: number) => {
      const r = await call(url, 'POST', '/api/v1/scans', {
        venueCode: signVenueCode(keys, 'MKT', 1),
        personalCode: personalCode(keys, w.personOf(n), Date.now() + skew),
      });
      const e = r.json.error as { code: string } | undefined;
      return { worker: r.worker, answer: e ? e.code : `${r.json.verdict}/${r.json.colour}` };
    };

    if (dialect === 'sqlite')
      test('`serve --workers 2` on SQLite is refused with its code and both languages', async () => {
        const p = spawn(process.execPath, [BIN, 'serve', '--workers', '2'], {
          env: base,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let err = '';
        p.stderr?.on('data', (d) => {
          err += d;
        });
        const [code] = await once(p, 'exit');
        assert.equal(code, 1);
        assert.match(err, /SERVE_WORKERS_SQLITE: 嵌入式数据库.*--workers must be 1/);
      });

    test('a process started later, without BANYAN_NOW, runs on the kept clock and accepts the first one’s codes', async (t) => {
      const url = (first as { url: string }).url;
      const skewFirst = await skewOf(url);
      later = await serve(base);
      const skewLater = await skewOf(later.url);
      t.diagnostic(
        `business clocks ${Math.abs(skewLater - skewFirst).toFixed(0)} ms apart (scenario time ${(-skewFirst / 1000).toFixed(0)} s behind)`,
      );
      assert.ok(Math.abs(skewLater - skewFirst) < 250, `clocks ${skewLater - skewFirst} ms apart`);
      // A code shown by the first process's clock, just after its minute turned, checked by the later one.
      const turn = Math.ceil((Date.now() + skewFirst) / 60_000) * 60_000 - (Date.now() + skewFirst);
      if (turn < 1000) await new Promise((r) => setTimeout(r, turn + 50));
      assert.equal((await check(later.url, 0, skewFirst)).answer, 'allow/green');
    });

    test('`banyan clock --set` moves every running server’s clock within a second', async (t) => {
      const LATER = '2022-11-09T08:00:00+08:00';
      const p = spawn(process.execPath, [BIN, 'clock', '--set', LATER], { env: base, stdio: 'ignore' });
      const [code] = await once(p, 'exit');
      assert.equal(code, 0);
      const start = Date.now();
      const urls = [(first as { url: string }).url, (later as { url: string }).url];
      const at = async (u: string) => Date.parse((await call(u, 'GET', '/api/v1/clock')).json.now as string);
      while (Date.now() - start < 1000) {
        const now = await Promise.all(urls.map(at));
        if (now.every((n) => Math.abs(n - Date.parse(LATER)) < 5000)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const now = await Promise.all(urls.map(at));
      t.diagnostic(`followed after ${Date.now() - start} ms`);
      for (const n of now) assert.ok(Math.abs(n - Date.parse(LATER)) < 5000, new Date(n).toISOString());
    });

    if (dialect === 'postgres')
      test('a status change made through one worker is answered by the other within a second', async (t) => {
        const url = (first as { url: string }).url;
        const skew = await skewOf(url);
        const seen = new Set<string>();
        for (let i = 0; i < 6; i++) {
          const c = await check(url, 1, skew);
          assert.equal(c.answer, 'allow/green');
          seen.add(c.worker);
        }
        assert.deepEqual([...seen].sort(), ['1', '2'], 'both workers answer on the one port');
        const login = await call(url, 'POST', '/api/v1/sessions', { username: 'cmd', password: PASSWORD });
        assert.equal(login.status, 201);
        const mark = await call(
          url,
          'POST',
          '/api/v1/tracing/marks',
          { records: [{ idNumber: residentId(1), kind: 'close-contact', since: '2022-11-08T18:00:00+08:00' }] },
          { cookie: login.cookie as string },
        );
        assert.equal(mark.status, 201, JSON.stringify(mark.json));
        const start = Date.now();
        let got = '';
        while (Date.now() - start < 1000) {
          const c = await check(url, 1, skew);
          if (c.worker !== mark.worker) {
            got = c.answer;
            if (got === 'deny/red') break;
          }
        }
        const ms = Date.now() - start;
        t.diagnostic(`worker ${mark.worker} took the mark; the other answered deny/red after ${ms} ms`);
        assert.equal(got, 'deny/red', 'the other worker still answers as before a second later');
      });
  });
}
