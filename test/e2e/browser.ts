/** Helpers for browser tests: Debian's chromium through playwright-core, and a throwaway Banyan server. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/**
 * Whether chromium can run here. Missing under CI is a failure (throws); elsewhere the test is
 * skipped with `t.skip('chromium not installed')` when a test context is given.
 */
export function chromiumAvailable(t?: TestContext): boolean {
  if (existsSync(chromiumPath())) return true;
  if (process.env.CI) {
    throw new Error(
      `chromium not found at ${chromiumPath()}: install it (apt-get install chromium) or set CHROMIUM_PATH. Browser tests cannot be skipped under CI.`,
    );
  }
  t?.skip('chromium not installed');
  return false;
}

export async function launchChromium(): Promise<Browser> {
  chromiumAvailable();
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** Builds web/dist when sources changed; throws when the build fails. */
export function buildWeb(): void {
  const res = spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], { cwd: repoRoot, encoding: 'utf8' });
  if (res.status !== 0) {
    throw new Error(`scripts/build-web.mjs failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  }
}

export interface TestServer {
  url: string;
  stop: () => Promise<void>;
}

const LISTENING = /listening on (http:\/\/\S+)/i;
const START_TIMEOUT_MS = 120_000;

/** Starts `banyan serve` on a free port with a fresh data directory and a small seeded city. */
export async function startServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'banyan-e2e-'));
  const child = spawn(process.execPath, ['bin/banyan.mjs', 'serve', '--seed-if-empty', '--scale', '0.0005'], {
    cwd: repoRoot,
    env: { ...process.env, BANYAN_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    await kill(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await waitForUrl(child);
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let buffered = '';
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`banyan serve ${why}; output so far:\n${out.slice(-4000)}`));
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out += text;
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = LISTENING.exec(line);
        if (m?.[1]) {
          cleanup();
          // a JSON log line may carry the URL followed by a closing quote
          resolve(m[1].replace(/["',}\]]+$/, '').replace(/\/$/, ''));
          return;
        }
      }
    };
    const onErr = (chunk: Buffer) => {
      out += chunk.toString('utf8');
    };
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${code ?? signal}) before listening`);
    const timer = setTimeout(
      () => fail(`did not report "listening on" within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
      // keep draining so a chatty server never blocks on a full pipe
      child.stdout?.resume();
      child.stderr?.resume();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErr);
    child.on('exit', onExit);
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
