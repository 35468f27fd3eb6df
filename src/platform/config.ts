import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
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
  /**
   * LOG_FORMAT: `json` (pino's lines, for a log collector) or `text` (short readable lines without
   * the per-request lines, for a person at a terminal); null picks text on a terminal, JSON otherwise.
   */
  logFormat: 'json' | 'text' | null;
  secret: string;
  /** BANYAN_NOW: the instant the business clock starts at (a rehearsal or the demo), else null. */
  clockStart: string | null;
  /**
   * BANYAN_WRITER_NICE: the niceness (0–19) of the scan writer's background threads, so that on a
   * busy core they never preempt the thread that answers checks. 0 leaves them as they are.
   */
  writerNice: number;
  /**
   * TRUST_PROXY: whose X-Forwarded-For is believed. false (the default) believes nobody: the
   * client is the TCP peer. A hop count, or the addresses/CIDRs of the reverse proxies in front.
   */
  trustProxy: false | number | string[];
  /**
   * BANYAN_ADMIT_MS: hot routes (the entrance check) answer 429 with Retry-After when a request
   * would wait longer than this many milliseconds (platform/http/admission.ts); 0 admits all.
   */
  admitMs: number;
  /**
   * BANYAN_CHECK_RESPONSES=1: every JSON answer is checked against its route's response schema and
   * a drift fails the request with a 500. The tests turn it on; production never pays for it.
   */
  checkResponses: boolean;
  /**
   * BANYAN_LOG_SAMPLE: a hot route (the entrance check) logs one in this many of its answers (its
   * errors each); 0 logs none of them (platform/http/request-log.ts).
   */
  logSample: number;
  /**
   * BANYAN_SCAN_RETENTION_DAYS: scans are kept this many days (today included) and removed by the
   * nightly `scan-retention` job; 0 (the default) keeps them.
   */
  scanRetentionDays: number;
  /**
   * BANYAN_SCAN_INDEX_MS: on the embedded database, a scan is acknowledged once appended to the
   * scan log, and the log is moved into the indexed scans table and the venue counters every this
   * many ms (default 500); 0 inserts and indexes each group before acknowledging it.
   */
  scanIndexMs: number;
  /** BANYAN_SAMPLE_RETENTION_DAYS: samples are kept this many days (`sample-retention` job); 0 (the default) keeps them. */
  sampleRetentionDays: number;
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
    logFormat: logFormatOf(env.LOG_FORMAT),
    secret: resolveSecret(env.BANYAN_SECRET, dataDir, production),
    clockStart: clockStartOf(env.BANYAN_NOW),
    writerNice: writerNiceOf(env.BANYAN_WRITER_NICE),
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    admitMs: admitMsOf(env.BANYAN_ADMIT_MS),
    checkResponses: env.BANYAN_CHECK_RESPONSES === '1',
    logSample: logSampleOf(env.BANYAN_LOG_SAMPLE),
    scanRetentionDays: retentionOf('scan', env.BANYAN_SCAN_RETENTION_DAYS),
    scanIndexMs: scanIndexMsOf(env.BANYAN_SCAN_INDEX_MS),
    sampleRetentionDays: retentionOf('sample', env.BANYAN_SAMPLE_RETENTION_DAYS),
  };
}

function retentionOf(what: 'scan' | 'sample', v: string | undefined): number {
  if (!v?.trim()) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 3660)
    throw new Error(`BANYAN_${what.toUpperCase()}_RETENTION_DAYS must be 0–3660 (got ${v})`);
  return n;
}

function scanIndexMsOf(v: string | undefined): number {
  if (!v?.trim()) return 500;
  const n = Number(v);
  // Tracing must see an acknowledged scan within a second: the batch interval stays below it.
  if (!Number.isInteger(n) || n < 0 || n > 900) throw new Error(`BANYAN_SCAN_INDEX_MS must be 0–900 (got ${v})`);
  return n;
}

function logSampleOf(v: string | undefined): number {
  if (!v?.trim()) return 1000;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new Error(`BANYAN_LOG_SAMPLE must be 0–1000000 (got ${v})`);
  return n;
}

function logFormatOf(v: string | undefined): Config['logFormat'] {
  const f = v?.trim() ?? '';
  if (f === '') return null;
  if (f !== 'json' && f !== 'text') throw new Error(`LOG_FORMAT must be json or text (got ${v})`);
  return f;
}

function admitMsOf(v: string | undefined): number {
  if (!v?.trim()) return 200;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 60_000) throw new Error(`BANYAN_ADMIT_MS must be 0–60000 (got ${v})`);
  return n;
}

// proxy-addr's names for the private ranges, accepted beside addresses and CIDRs.
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Parses TRUST_PROXY: empty → nobody, a whole number → that many hops, else a comma list of addresses/CIDRs. */
export function trustProxyOf(v: string | undefined): false | number | string[] {
  const raw = v?.trim() ?? '';
  if (raw === '') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 32) throw new Error(`TRUST_PROXY hop count must be 0–32 (got ${raw})`);
    return hops === 0 ? false : hops;
  }
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    const [addr = '', bits, ...extra] = entry.split('/');
    const family = isIP(addr);
    const okBits =
      bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32) && extra.length === 0);
    if (!(PROXY_RANGES.has(entry) || (family !== 0 && okBits)))
      throw new Error(`TRUST_PROXY: ${entry} is not an address, a CIDR or a hop count`);
  }
  return list;
}

/**
 * TRUST_PROXY as Fastify takes it. Fastify refuses a bare hop count (it cannot check the peer),
 * so a count becomes "trust the first n hops", as Express reads it: safe only when the server can
 * be reached through those proxies alone (HOST on a private address behind them).
 */
export function fastifyTrustProxy(
  t: Config['trustProxy'],
): boolean | string[] | ((addr: string, hop: number) => boolean) {
  if (typeof t === 'number') return (_addr, hop) => hop < t;
  return t;
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
