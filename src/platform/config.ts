import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseInstant } from './clock.ts';

/** Runtime configuration, read once from the environment. */
export interface Config {
  dataDir: string;
  databaseUrl: string | null;
  host: string;
  port: number;
  production: boolean;
  logLevel: string;
  secret: string;
  /** BANYAN_NOW: the instant the business clock starts at (a rehearsal or the demo), else null. */
  clockStart: string | null;
  /**
   * BANYAN_WRITER_NICE: the niceness (0–19) of the scan writer's background threads, so that on a
   * busy core they never preempt the thread that answers checks. 0 leaves them as they are.
   */
  writerNice: number;
}

/** Reads configuration from the environment; in production a missing BANYAN_SECRET is fatal. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.BANYAN_DATA_DIR || './data');
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must be a postgres:// URL (got ${databaseUrl.split(':')[0]}:…)`);
  }
  return {
    dataDir,
    databaseUrl,
    host: env.HOST || '127.0.0.1',
    port: env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT),
    production,
    logLevel: env.LOG_LEVEL || 'info',
    secret: resolveSecret(env.BANYAN_SECRET, dataDir, production),
    clockStart: clockStartOf(env.BANYAN_NOW),
    writerNice: writerNiceOf(env.BANYAN_WRITER_NICE),
  };
}

function writerNiceOf(v: string | undefined): number {
  if (!v?.trim()) return 10;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 19) throw new Error(`BANYAN_WRITER_NICE must be 0–19 (got ${v})`);
  return n;
}

function clockStartOf(v: string | undefined): string | null {
  if (!v?.trim()) return null;
  try {
    parseInstant(v.trim());
  } catch {
    throw new Error(`BANYAN_NOW must be an ISO-8601 instant with an offset, e.g. 2022-11-11T20:00:00+08:00 (got ${v})`);
  }
  return v.trim();
}

// The embedded default keeps its generated key beside the database so that a restart can still
// decrypt; production must bring its own key so that data and key never sit on one disk by accident.
function resolveSecret(given: string | undefined, dataDir: string, production: boolean): string {
  if (given) {
    if (given.length < 32) throw new Error('BANYAN_SECRET must be at least 32 characters');
    return given;
  }
  if (production) throw new Error('BANYAN_SECRET is required when NODE_ENV=production');
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
