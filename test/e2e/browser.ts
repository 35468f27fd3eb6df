/** Helpers for browser tests: Debian's chromium through playwright-core, and a throwaway Banyan server. */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import type { DialectName } from '../../src/platform/db/db.ts';
import { dialects, engineOf, pgDatabase } from '../helpers/db.ts';

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
  /** Sets the business clock of the server's database (`banyan clock --set`); the server follows at once. */
  setClock: (instant: string) => Promise<void>;
}

const LISTENING = /listening on (http:\/\/\S+)/i;
// A loaded machine (several test runs at once) may need longer: BANYAN_E2E_START_MS.
const START_TIMEOUT_MS = Number(process.env.BANYAN_E2E_START_MS) || 120_000;

/**
 * Starts `banyan serve` on a free port with a fresh data directory and a small seeded city; with
 * `scenarioClock`, business time starts in the demo's November 2022 as `npm start` does.
 */
export async function startServer(
  opts: { scenarioClock?: boolean; database?: DialectName; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'banyan-e2e-'));
  const pg = opts.database === 'postgres' ? await pgDatabase() : null;
  const args = ['bin/banyan.mjs', 'serve', '--seed-if-empty', '--scale', '0.0005'];
  if (opts.scenarioClock) args.push('--scenario-clock');
  const env = {
    ...process.env,
    BANYAN_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: pg?.url ?? '',
    BANYAN_CHECK_RESPONSES: '1',
    ...opts.env,
  };
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // A day the seed cannot start on (exam day, before the demo's last births) is set once it ran.
  const setClock = async (instant: string) => {
    const cli: NodeJS.ProcessEnv = { ...env };
    delete cli.BANYAN_NOW;
    await promisify(execFile)(process.execPath, ['bin/banyan.mjs', 'clock', '--set', instant], {
      cwd: repoRoot,
      env: cli,
    });
  };
  // Every answer is checked against its schema (BANYAN_CHECK_RESPONSES): a drift fails the test file
  // even where the screen would have hidden the 500 it caused.
  const drifts: string[] = [];
  const stop = async () => {
    await kill(child);
    await rm(dataDir, { recursive: true, force: true });
    await pg?.drop();
    if (drifts.length) throw new Error(`answers drifted from their schemas:\n${drifts.slice(0, 10).join('\n')}`);
  };
  try {
    const url = await waitForUrl(child);
    const watch = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.includes('drifts from its schema')) drifts.push(line);
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    return { url, stop, setClock };
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

export const DEMO_PASSWORD = 'banyan-demo';

/**
 * A fresh page (no cookies) on the server in zh-CN, with reduced motion so charts render without animation;
 * its context closes when the test ends. Undefined (and the test skipped) only when chromium is missing outside CI.
 */
export async function openPage(
  t: TestContext,
  browser: Browser | undefined,
  server: TestServer | undefined,
  options: BrowserContextOptions = {},
): Promise<Page | undefined> {
  if (!browser || !server) {
    // Without chromium: skipped locally, a failure under CI. With chromium, a missing server is a failure.
    if (!chromiumAvailable(t)) return undefined;
    throw new Error('the browser or the test server did not start');
  }
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    reducedMotion: 'reduce',
    ...options,
  });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(server.url);
  return page;
}

/** Signs in on the login form and waits for the shell. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.locator('#main-nav').waitFor({ state: 'attached' });
}

/** Goes to a hash route of the web app, e.g. `#/figures?date=2022-11-06`, without reloading the page. */
export async function goHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** How many pixels of a canvas are painted (not fully transparent): 0 means the chart drew nothing. */
export async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    });
}

/**
 * The database engines a journey runs on: those DIALECTS asks for (sqlite-file and sqlite are one
 * engine to `banyan serve`, which always opens a file). Each engine costs one more seeded server.
 */
export function browserDatabases(): DialectName[] {
  return [...new Set(dialects().map(engineOf))];
}

/**
 * The hooks every browser suite shares: build the web app if stale, start a seeded server and
 * Chromium before the tests, stop both after. Call inside `describe`; read `server` and `browser`.
 */
export function browserSuite(
  opts: { scenarioClock?: boolean; database?: DialectName; env?: Record<string, string> } = {},
): {
  server?: TestServer;
  browser?: Browser;
} {
  const suite: { server?: TestServer; browser?: Browser } = {};
  before(
    async () => {
      if (!chromiumAvailable()) return; // throws under CI, so a missing chromium never passes there
      buildWeb();
      suite.server = await startServer(opts);
      suite.browser = await launchChromium();
      mkdirSync(join(repoRoot, 'test/e2e/screenshots'), { recursive: true });
    },
    { timeout: Math.max(240_000, START_TIMEOUT_MS + 120_000) },
  );
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
