// Entrance checks where production runs (issue 23 item 5): `banyan serve --workers N` on
// PostgreSQL against N bare Fastify processes on one port (bench/bare-server.ts), for each N of
// BENCH_WORKERS (default 1,2), the two taking turns in the same run. Server CPU is read from /proc
// for the whole process tree (the primary and its workers) and, apart, for the PostgreSQL backends
// of the bench's database: a scan's insert costs the database's CPU, which the embedded file
// spends in the server's own threads.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from '../src/migrations.ts';
import { MODULES } from '../src/modules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { jsonFromChild, type ScanLoad as Load } from './load.ts';
import { createBenchVenues } from './venues.ts';

const ADMIN_URL = process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const VENUES = Number(process.env.BENCH_VENUES || 100_000);
const PEOPLE = Number(process.env.BENCH_RESIDENTS || 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 64);
const TICK_US = 1e6 / 100;

async function admin(statement: string): Promise<void> {
  const k = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ADMIN_URL, max: 1 }) }),
  });
  try {
    await sql.raw(statement).execute(k);
  } finally {
    await k.destroy();
  }
}

/** utime + stime of a process (all its threads) in µs, or 0 once it is gone. */
function processCpuUs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_US;
  } catch {
    return 0;
  }
}

/** A process and its descendants (the cluster's workers), from the parent ids in /proc. */
function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Ended while listed.
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

/** The PostgreSQL backends serving a database (same machine: their CPU is in /proc too). */
async function backends(url: string, db: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [db]);
    return r.rows.map((x: { pid: number }) => x.pid);
  } finally {
    await c.end();
  }
}

/** Starts a server process and resolves its port from the first line that names one. */
function start(cmd: string[], env: NodeJS.ProcessEnv, pattern: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, cmd, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let found = false;
    child.stdout?.on('data', (d) => {
      // Keeps draining after the port is known: the server's sampled request log goes here.
      if (found) return;
      out += d;
      const m = pattern.exec(out);
      if (m) {
        found = true;
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code) => reject(new Error(`${cmd.join(' ')} exited ${code} before listening`)));
  });
}

function drive(args: Record<string, unknown>): Promise<Load> {
  return jsonFromChild<Load>('scan-worker.ts', args);
}

/** A load run with the CPU the server tree and the database's backends spent on it, per request. */
async function measured(args: Record<string, unknown>, serverPid: number, pgUrl: string | null, dbName: string) {
  const pids = tree(serverPid);
  const pgPids = pgUrl ? await backends(pgUrl, dbName) : [];
  const cpu0 = pids.map(processCpuUs);
  const pg0 = pgPids.map(processCpuUs);
  const r = await drive(args);
  const api = pids.reduce((s, p, i) => s + processCpuUs(p) - (cpu0[i] as number), 0);
  const db = pgPids.reduce((s, p, i) => s + processCpuUs(p) - (pg0[i] as number), 0);
  const n = Math.max(1, r.requests);
  return {
    ...r,
    serverCpuUsPerRequest: Number((api / n).toFixed(1)),
    databaseCpuUsPerRequest: Number((db / n).toFixed(1)),
  };
}

type Run = Awaited<ReturnType<typeof measured>>;
const median = (runs: Run[]) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor((runs.length - 1) / 2)] as Run;

/** Scans through `serve --workers N` on PostgreSQL against N bare processes, for each N asked. */
export async function benchScansWorkers(): Promise<Record<string, unknown>> {
  const counts = (process.env.BENCH_WORKERS || '1,2').split(',').map(Number);
  const dbName = `banyan_bench_${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'banyan-bench-'));
  await admin(`create database ${dbName}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  const pgUrl = u.toString();
  const secret = randomBytes(32).toString('base64url');
  try {
    const db = openDb({ url: pgUrl, file: join(dir, 'unused.db') });
    await migrate(db, MIGRATIONS);
    const ctx = {
      config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }),
      db,
      crypto: createCrypto(secret),
      modules: MODULES,
    };
    const venueCodes = await createBenchVenues(ctx, VENUES);
    await db.close();
    const common = {
      secret,
      venues: venueCodes.slice(0, 5000),
      people: PEOPLE,
      seconds: SECONDS,
      concurrency: CONNECTIONS,
    };
    const byWorkers: Record<string, unknown> = {};
    const bin = new URL('../bin/banyan.mjs', import.meta.url).pathname;
    const bareScript = new URL('./bare-server.ts', import.meta.url).pathname;
    for (const n of counts) {
      // The server as an operator starts it: default log level (a sample of the hot routes' answers).
      const env = { ...process.env, DATABASE_URL: pgUrl, BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir, PORT: '0' };
      const server = await start([bin, 'serve', '--workers', String(n)], env, /listening on http:\/\/[^:]+:(\d+)/);
      const bare = await start(['--import', 'tsx', bareScript, String(n)], process.env, /listening (\d+)/);
      const scanUrl = `http://127.0.0.1:${server.port}/api/v1/scans`;
      const bareUrl = `http://127.0.0.1:${bare.port}/scan`;
      try {
        // Every poster verified once (a door's steady state), then the JIT warmed, on both.
        for (const url of [bareUrl, scanUrl]) {
          for (let pass = 0; pass < 5; pass++) {
            const w = await drive({ ...common, url, roundRobin: true, amount: common.venues.length, concurrency: 8 });
            if (w.ok === w.requests) break;
          }
          await drive({ ...common, url, seconds: 3 });
        }
        const bareRuns: Run[] = [];
        const scanRuns: Run[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          bareRuns.push(await measured({ ...common, url: bareUrl }, bare.child.pid as number, null, dbName));
          scanRuns.push(await measured({ ...common, url: scanUrl }, server.child.pid as number, pgUrl, dbName));
        }
        const b = median(bareRuns);
        const s = median(scanRuns);
        byWorkers[n] = {
          bareRoute: b,
          scans: s,
          rounds: { bareRps: bareRuns.map((r) => r.rps), scanRps: scanRuns.map((r) => r.rps) },
          // Issue 23's measure: a scan's CPU in the API processes against a bare request's, and with
          // the database's backends added (what the embedded file spends in its own threads).
          serverCpuPerScanToBare: Number((s.serverCpuUsPerRequest / b.serverCpuUsPerRequest).toFixed(2)),
          serverAndDatabaseCpuPerScanToBare: Number(
            ((s.serverCpuUsPerRequest + s.databaseCpuUsPerRequest) / b.serverCpuUsPerRequest).toFixed(2),
          ),
        };
      } finally {
        for (const c of [server.child, bare.child]) {
          const gone = new Promise((r) => c.once('exit', r));
          c.kill('SIGTERM');
          await gone;
        }
      }
    }
    const rps = (n: number) => (byWorkers[n] as { scans: Run } | undefined)?.scans.rps;
    const one = rps(1);
    const two = rps(2);
    return {
      dialect: 'postgres',
      cores: availableParallelism(),
      venues: VENUES,
      // No one in the database has a test: every scan is the full check and a stored denial.
      people: PEOPLE,
      connections: CONNECTIONS,
      byWorkers,
      scanScaling1to2: one && two ? Number((two / one).toFixed(2)) : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}
