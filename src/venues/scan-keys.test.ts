import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { dialects, pgDatabase, type TestDialect } from '../../test/helpers/db.ts';
import { buildApp } from '../app.ts';
import { upsertCases } from '../cases/cases.service.ts';
import { MIGRATIONS } from '../migrations.ts';
import { MODULES } from '../modules.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { createUser } from '../platform/auth/auth.service.ts';
import { setClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import type { Ctx } from '../platform/context.ts';
import { createCrypto } from '../platform/crypto.ts';
import { openDb } from '../platform/db/db.ts';
import { migrate } from '../platform/db/migrations.repo.ts';
import { checkState, scanWriterOf } from './checks.service.ts';
import { codeKeys, personalCode, signVenueCode } from './venues.codes.ts';
import { linkOperator } from './venues.repo.ts';
import { createVenues } from './venues.service.ts';

const PASSWORD = 'long-enough-pw';

/**
 * One database that outlives the servers opened on it, as a restart sees it: a SQLite file (the
 * production setup, with its writer thread; in-memory SQLite cannot be reopened, so both SQLite
 * targets use a file) or a PostgreSQL database of its own; the same secret.
 */
async function lastingDatabase(dialect: TestDialect) {
  const secret = randomBytes(32).toString('base64url');
  const config = {
    ...loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: '/nonexistent' }),
    logLevel: 'silent',
    databaseUrl: null,
  };
  let where: { file?: string; url?: string };
  let drop: () => Promise<void>;
  if (dialect === 'postgres') {
    const pgdb = await pgDatabase();
    where = { url: pgdb.url };
    drop = pgdb.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'banyan-keys-'));
    where = { file: join(dir, 'banyan.db') };
    // At exit: a server's writer threads start on their own time and may open the file after its close.
    drop = async () => {
      process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    };
  }
  return {
    keys: codeKeys(secret),
    /** A server on the database: its own connections, check state and reply cache. */
    async open(): Promise<{ ctx: Ctx; app: FastifyInstance; close(): Promise<void> }> {
      const db = openDb(where);
      await migrate(db, MIGRATIONS);
      const ctx: Ctx = { config, db, crypto: createCrypto(secret), modules: MODULES };
      const app = await buildApp(ctx, { logger: false });
      return {
        ctx,
        app,
        async close() {
          await app.close();
          await db.close();
        },
      };
    },
    drop,
  };
}

const idOf = (n: number) => {
  const s = `35010219900101${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};

for (const dialect of dialects()) {
  describe(`scan idempotency keys on ${dialect}`, async () => {
    const store = await lastingDatabase(dialect);
    let server = await store.open();
    after(async () => {
      setClock(null);
      await server.close();
      await store.drop();
    });
    const pid: number[] = [];
    const cookies: string[] = [];
    const venue = (code: string) => signVenueCode(store.keys, code, 1);
    const scan = (key: string, body: Record<string, unknown>, cookie?: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/v1/scans',
        headers: { 'idempotency-key': key, ...(cookie ? { cookie } : {}) },
        payload: body,
      });
    // On a file the acknowledged scans reach `scans` in the scan log's next batch (≤ 0.5 s): settled first.
    const storedRows = async (key: string) => {
      await scanWriterOf(server.ctx)?.settle();
      return server.ctx.db.k
        .selectFrom('scans')
        .select(['id', 'person_id', 'venue_id'])
        .where('id', '=', key)
        .execute();
    };

    before(async () => {
      const { ctx } = server;
      const now = new Date().toISOString();
      await ctx.db.k.transaction().execute((trx) =>
        insertPersons(
          trx,
          [0, 1].map((n) =>
            sealPerson(ctx.crypto, { idNumber: idOf(n), name: `人${n}`, communityCode: '350102001001' }, now),
          ),
        ),
      );
      pid.push(...(await ctx.db.k.selectFrom('persons').select('id').orderBy('id').execute()).map((r) => Number(r.id)));
      // Markets ask for no certificate: a person without tests and without a case enters green.
      await createVenues(ctx, 'system', [
        { code: 'MKT1', name: '农贸市场一', category: 'mall-market', communityCode: '350102001001' },
        { code: 'MKT2', name: '农贸市场二', category: 'mall-market', communityCode: '350102001001' },
      ]);
      const market = (await checkState(ctx)).venues.get('MKT1')?.id as number;
      for (const username of ['door-a', 'door-b']) {
        const u = await createUser(ctx, 'system', {
          username,
          displayName: username,
          password: PASSWORD,
          role: 'venue-operator',
          scope: { kind: 'district', code: '350102' },
        });
        await ctx.db.k.transaction().execute((trx) => linkOperator(trx, u.id, market));
        const r = await server.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          payload: { username, password: PASSWORD },
        });
        const c = r.cookies.find((x) => x.name === 'banyan_session');
        cookies.push(`banyan_session=${c?.value}`);
      }
    });

    test('the same key from another person, venue or caller is refused, and the first scan stays as it was', async () => {
      const first = { venueCode: venue('MKT1'), personalCode: personalCode(store.keys, pid[0] as number) };
      const a = await scan('shared-key', first);
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(a.json().scanId, 'shared-key');
      const refusals = [
        await scan('shared-key', { ...first, personalCode: personalCode(store.keys, pid[1] as number) }),
        await scan('shared-key', { ...first, venueCode: venue('MKT2') }),
        await scan('shared-key', { ...first, proxy: true }),
        // The very same body from a signed-in guard: a key belongs to whoever sent it first.
        await scan('shared-key', first, cookies[0]),
      ];
      assert.deepEqual(
        refusals.map((r) => [r.statusCode, r.json().error?.code]),
        Array(4).fill([422, 'SCAN_KEY_REUSED']),
      );
      for (const r of refusals) assert.doesNotMatch(r.body, /green|allow|农贸/, 'nothing of the first answer');
      const again = await scan('shared-key', first);
      assert.deepEqual([again.statusCode, again.json()], [201, a.json()], 'the first caller’s retry still answers');
      const byGuard = { venueCode: venue('MKT1'), idNumber: idOf(1) };
      const g = await scan('guard-key', byGuard, cookies[0]);
      assert.equal(g.statusCode, 201, g.body);
      const other = await scan('guard-key', byGuard, cookies[1]);
      assert.deepEqual([other.statusCode, other.json().error?.code], [422, 'SCAN_KEY_REUSED'], 'another guard');
      assert.deepEqual(
        (await storedRows('shared-key')).map((r) => [Number(r.person_id), r.id]),
        [[pid[0], 'shared-key']],
      );
    });

    test('two requests with one key at once: one is stored and answered, the other refused', async () => {
      const bodies = [0, 1].map((n) => ({
        venueCode: venue('MKT1'),
        personalCode: personalCode(store.keys, pid[n] as number),
      }));
      // Both miss the reply cache and join one group of the writer.
      const answers = await Promise.all(bodies.map((b) => scan('race-key', b)));
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 422]);
      const won = answers.findIndex((r) => r.statusCode === 201);
      assert.deepEqual(
        (await storedRows('race-key')).map((r) => Number(r.person_id)),
        [pid[won]],
        'the answered request is the stored one',
      );
    });

    test('a retry with the reply cache cleared gets the stored answer, not a recomputed one', async () => {
      const body = { venueCode: venue('MKT2'), personalCode: personalCode(store.keys, pid[0] as number) };
      const first = await scan('cleared-key', body);
      assert.deepEqual([first.statusCode, first.json().colour, first.json().verdict], [201, 'green', 'allow']);
      await becomesCase(server.ctx, idOf(0), 'K1');
      (await checkState(server.ctx)).replies.clear();
      const freshBody = { ...body, personalCode: personalCode(store.keys, pid[0] as number) };
      const fresh = await scan('fresh-key', freshBody);
      assert.deepEqual([fresh.json().colour, fresh.json().reasons[0]?.code], ['red', 'colour-red'], 'it sees the case');
      const retry = await scan('cleared-key', body);
      assert.deepEqual([retry.statusCode, retry.json()], [201, first.json()]);
      (await checkState(server.ctx)).replies.clear();
      const denied = await scan('fresh-key', freshBody);
      assert.deepEqual(
        [denied.statusCode, denied.json()],
        [201, fresh.json()],
        'a refusal, its reasons in both languages',
      );
      const reused = await scan('cleared-key', { ...body, venueCode: venue('MKT1') });
      assert.deepEqual([reused.statusCode, reused.json().error?.code], [422, 'SCAN_KEY_REUSED']);
      assert.equal((await storedRows('cleared-key')).length, 1);
    });

    test('a retry after a restart gets the stored answer, even once its personal code has expired', async () => {
      const body = { venueCode: venue('MKT1'), personalCode: personalCode(store.keys, pid[1] as number) };
      const first = await scan('restart-key', body);
      assert.deepEqual([first.statusCode, first.json().colour], [201, 'green']);
      await server.close();
      server = await store.open();
      // While it was down, the person became a case: a recomputed answer would be red.
      await becomesCase(server.ctx, idOf(1), 'K2');
      const retry = await scan('restart-key', body);
      assert.deepEqual([retry.statusCode, retry.json()], [201, first.json()]);
      await server.close();
      server = await store.open();
      // Ten minutes on, the code would be refused as a replay; the retry still gets its answer.
      setClock(new Date(Date.now() + 10 * 60_000).toISOString());
      const late = await scan('restart-key', body);
      assert.deepEqual([late.statusCode, late.json()], [201, first.json()]);
      const forged = await scan('restart-key', { ...body, personalCode: `${body.personalCode}x` });
      assert.deepEqual([forged.statusCode, forged.json().error?.code], [422, 'SCAN_KEY_REUSED']);
      setClock(null);
      const other = await scan('restart-key', { ...body, personalCode: personalCode(store.keys, pid[0] as number) });
      assert.deepEqual([other.statusCode, other.json().error?.code], [422, 'SCAN_KEY_REUSED']);
      assert.deepEqual(
        (await storedRows('restart-key')).map((r) => Number(r.person_id)),
        [pid[1]],
        'one row, the first person’s',
      );
    });
  });
}

/** Records the person with this ID as a confirmed case (their colour turns red). */
async function becomesCase(ctx: Ctx, idNumber: string, caseNo: string): Promise<void> {
  await upsertCases(
    ctx,
    'system',
    [
      {
        row: 2,
        record: {
          caseNo,
          kind: 'confirmed',
          origin: 'local',
          reportedOn: '2022-11-08',
          districtCode: '350102',
          streetCode: null,
          communityCode: null,
          detectedVia: 'quarantine',
          reclassifiedOn: null,
          dischargedOn: null,
          releasedOn: null,
          diedOn: null,
        },
        identity: { idNumber, name: null, phone: null },
      },
    ],
    { dryRun: false, filename: 'x', sha256: 'x', today: '2030-12-31' },
  );
}
