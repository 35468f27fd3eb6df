import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setClock } from '../../src/platform/clock.ts';
import { recordSamples } from '../../src/testing/samples.service.ts';
import { codeKeys, personalCode, signVenueCode } from '../../src/venues/venues.codes.ts';
import { createVenues } from '../../src/venues/venues.service.ts';
import { dialects, engineOf, sharedDatabase } from '../helpers/db.ts';
import { residentId, sampleRow, testingRound } from '../helpers/testing.ts';

const BIN = new URL('../../bin/banyan.mjs', import.meta.url).pathname;
const SECRET = 'cli-propagation-test-secret-long-enough-0123';
// The scenario's evening: the samples of the morning, their results and marks before it.
const NOW = '2022-11-08T20:00:00+08:00';

/** A database of the dialect with residents, a sampled tube and a market; the environment that reaches it. */
async function world(dialect: 'sqlite' | 'postgres', dir: string) {
  const { ctx, env, close } = await sharedDatabase(dialect, dir, SECRET);
  const personOf = await testingRound(ctx, { persons: 3, endOn: '2022-11-09', poolSize: 1, id: residentId });
  await recordSamples(ctx, 'system', [sampleRow(2, 'T1', residentId(1), 1, '2022-11-08T09:00:00+08:00')], 'samples');
  await createVenues(ctx, 'system', [
    { code: 'MKT', name: '农贸市场', category: 'mall-market', communityCode: '350102001001' },
  ]);
  return { personOf, env, close };
}

// The server and the commands always open a file on SQLite: in-memory and file targets are one case here.
for (const dialect of new Set(dialects().map(engineOf))) {
  describe(`a CLI write beside a running server on ${dialect} reaches its checks within a second`, async () => {
    setClock(NOW);
    const dir = mkdtempSync(join(tmpdir(), 'banyan-cli-events-'));
    const w = await world(dialect, dir);
    const env = {
      ...process.env,
      ...w.env,
      BANYAN_SECRET: SECRET,
      BANYAN_NOW: NOW,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    const keys = codeKeys(SECRET);
    let server: ChildProcess;
    let url = '';
    // The server's business clock started a moment after this one: personal codes follow its minute.
    let skew = 0;
    after(async () => {
      if (server && server.exitCode === null) {
        server.kill('SIGTERM');
        await once(server, 'exit');
      }
      await w.close();
      rmSync(dir, { recursive: true, force: true });
      setClock(null);
    });

    before(async () => {
      server = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout?.on('data', (d) => {
          out += d;
          const m = out.match(/listening on (http:\/\/\S+)/i);
          if (m) resolve(m[1] as string);
        });
        server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
      });
      const clock = (await (await fetch(`${url}/api/v1/clock`)).json()) as { now: string };
      skew = Date.parse(clock.now) - Date.now();
    });

    /** The server's answer to person n at the market: verdict/colour, or the error code. */
    const check = async (n: number) => {
      const r = await fetch(`${url}/api/v1/scans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          venueCode: signVenueCode(keys, 'MKT', 1),
          personalCode: personalCode(keys, w.personOf(n), Date.now() + skew),
        }),
      });
      const b = (await r.json()) as { verdict?: string; colour?: string; error?: { code: string } };
      return b.error ? b.error.code : `${b.verdict}/${b.colour}`;
    };
    /** Runs `banyan …args` beside the server; resolves when it exited 0. */
    const cli = async (...args: string[]) => {
      const p = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      p.stderr?.on('data', (d) => {
        err += d;
      });
      const [code] = await once(p, 'exit');
      assert.equal(code, 0, `banyan ${args.join(' ')}: ${err}`);
    };
    /** Polls the server until it answers `want`; fails if that takes more than a second. */
    const within1s = async (probe: () => Promise<string>, want: string) => {
      const start = Date.now();
      let got = '';
      while (Date.now() - start < 1000) {
        got = await probe();
        if (got === want) return Date.now() - start;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.fail(`the server still answers ${got} a second after the command (want ${want})`);
    };

    test('`banyan tracing mark` (a risk mark) turns the person red', async (t) => {
      assert.equal(await check(0), 'allow/green');
      await cli('tracing', 'mark', residentId(0), 'close-contact', '2022-11-08T18:00:00+08:00');
      t.diagnostic(`seen after ${await within1s(() => check(0), 'deny/red')} ms`);
    });

    test('`banyan import results` (a positive: the person’s test facts, by id) turns the person red', async (t) => {
      assert.equal(await check(1), 'allow/green');
      const file = join(dir, 'results.csv');
      writeFileSync(
        file,
        'tube_code,result,resulted_at,lab_code,ct_value\nT1,positive,2022-11-08T19:00:00+08:00,L1,21\n',
      );
      await cli('import', 'results', file);
      t.diagnostic(`seen after ${await within1s(() => check(1), 'deny/red')} ms`);
      assert.equal(await check(2), 'allow/green', 'the others stay as they were');
    });
  });
}
