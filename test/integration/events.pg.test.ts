import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { upsertCases } from '../../src/cases/cases.service.ts';
import { decideOverride, requestOverride } from '../../src/health-code/overrides.service.ts';
import { insertPersons } from '../../src/people/people.repo.ts';
import { checkCharOf } from '../../src/people/people.rules.ts';
import { sealPerson } from '../../src/people/people.service.ts';
import { createUser } from '../../src/platform/auth/auth.service.ts';
import { payloads } from '../../src/platform/events.pg.ts';
import { upsertPersonTests } from '../../src/testing/testing.repo.ts';
import { statusIndex } from '../../src/testing/testing.status.ts';
import { listMarks } from '../../src/tracing/marks-list.service.ts';
import { addMarks, closeRiskMark } from '../../src/tracing/tracing.service.ts';
import { codeKeys, personalCode, signVenueCode } from '../../src/venues/venues.codes.ts';
import { createVenues } from '../../src/venues/venues.service.ts';
import { PASSWORD } from '../helpers/app.ts';
import { dialects, testCtx } from '../helpers/db.ts';

const id = (n: number) => {
  const s = `35010219850612${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const officer = (userId: number) => ({
  userId,
  username: `o${userId}`,
  role: 'district-officer' as const,
  scope: { kind: 'district' as const, code: '350102' },
});

test('NOTIFY payloads stay under the limit, chunked, or fall back to a full reload', () => {
  const ids = Array.from({ length: 5000 }, (_, i) => 8_000_000 + i);
  const parts = payloads('o', 'person-status', ids);
  assert.ok(parts.length > 1 && parts.every((p) => Buffer.byteLength(p) < 8000));
  const back = parts.flatMap((p) => (JSON.parse(p).ids as string).split(',').map((s) => Number.parseInt(s, 36)));
  assert.deepEqual(back, ids);
  const huge = payloads(
    'o',
    'person-status',
    Array.from({ length: 200_000 }, (_, i) => i),
  );
  assert.deepEqual(
    huge.map((p) => JSON.parse(p)),
    [{ o: 'o', e: 'person-status' }],
    'too many: reload everything',
  );
});

// SQLite is one process by construction: there is nothing to propagate.
if (dialects().includes('postgres')) {
  describe('status changes reach another API process on PostgreSQL within a second', async () => {
    const a = await testCtx('postgres');
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(a.db.k)).rows[0]?.db;
    const url = new URL(process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/${name}`;
    a.config = { ...a.config, databaseUrl: url.toString() };
    const appA = await buildApp(a, { logger: false });
    const keys = codeKeys(a.config.secret);
    const pid: number[] = [];
    let peer: ChildProcess;
    let port = 0;
    let cookie = '';
    after(async () => {
      peer?.kill('SIGTERM');
      if (peer) await once(peer, 'exit');
      await appA.close();
      await a.close();
    });

    before(async () => {
      await a.db.k.transaction().execute((trx) =>
        insertPersons(
          trx,
          [1, 2, 3, 4, 5].map((n) =>
            sealPerson(a.crypto, { idNumber: id(n), name: `人${n}`, communityCode: '350102001001' }, '2022-11-01'),
          ),
        ),
      );
      pid.push(...(await a.db.k.selectFrom('persons').select('id').orderBy('id').execute()).map((r) => Number(r.id)));
      await createVenues(a, 'system', [
        { code: 'MKT', name: '农贸市场', category: 'mall-market', communityCode: '350102001001' },
        { code: 'SHOP', name: '超市', category: 'mall-market', communityCode: '350102001001' },
      ]);
      await createUser(a, 'system', {
        username: 'cmd',
        displayName: 'cmd',
        password: PASSWORD,
        role: 'commander',
        scope: { kind: 'city', code: '3501' },
      });
      const r = await appA.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { username: 'cmd', password: PASSWORD },
      });
      cookie = `banyan_session=${r.cookies.find((c) => c.name === 'banyan_session')?.value}`;
      peer = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/venue-peer-server.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          BANYAN_SECRET: a.config.secret,
          BANYAN_DATA_DIR: '/nonexistent',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const [line] = (await once(peer.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
      port = Number(line.toString().trim());
      assert.ok(port > 0);
    });

    /** A check answered by the other process: verdict and colour, or the error code. */
    const onPeer = async (venue: string, person: number, version = 1) => {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/scans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          venueCode: signVenueCode(keys, venue, version),
          personalCode: personalCode(keys, pid[person] as number),
        }),
      });
      const b = (await r.json()) as { verdict?: string; colour?: string; error?: { code: string } };
      return b.error ? b.error.code : `${b.verdict}/${b.colour}`;
    };
    /** Polls the peer until it answers `want`; fails if that takes more than `limit` ms after the change. */
    const within = async (limit: number, probe: () => Promise<string>, want: string) => {
      const start = Date.now();
      let got = '';
      while (Date.now() - start < limit) {
        got = await probe();
        if (got === want) return Date.now() - start;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.fail(`the other process still answers ${got} after ${limit} ms (want ${want})`);
    };

    test('venue status and code revocation', async () => {
      assert.equal(await onPeer('MKT', 0), 'allow/green');
      const s = await appA.inject({
        method: 'POST',
        url: '/api/v1/venues/MKT/status',
        headers: { cookie },
        payload: { status: 'suspended' },
      });
      assert.equal(s.statusCode, 200);
      await within(1000, () => onPeer('MKT', 0), 'deny/green');
      assert.equal(await onPeer('SHOP', 0), 'allow/green');
      await appA.inject({ method: 'POST', url: '/api/v1/venues/SHOP/revoke', headers: { cookie } });
      await within(1000, () => onPeer('SHOP', 0), 'VENUE_CODE_REVOKED');
      assert.equal(await onPeer('SHOP', 0, 2), 'allow/green');
    });

    test('a person’s test status (named persons reloaded)', async () => {
      assert.equal(await onPeer('SHOP', 1, 2), 'allow/green');
      const at = new Date().toISOString();
      // As the results service does: commit the fact, then update this process's index.
      await a.db.k.transaction().execute((trx) =>
        upsertPersonTests(a.db, trx, [
          {
            person_id: pid[1] as number,
            last_sampled_at: at,
            last_negative_sampled_at: null,
            positive_pool_at: null,
            positive_at: at,
          },
        ]),
      );
      (await statusIndex(a.db)).set(pid[1] as number, { positiveAt: Date.parse(at) });
      await within(1000, () => onPeer('SHOP', 1, 2), 'deny/red');
    });

    test('a manual colour and a case', async () => {
      const req = await requestOverride(a, officer(71), {
        personId: pid[2] as number,
        colour: 'red',
        reason: 'propagation test of a manual colour',
        hours: 2,
      });
      assert.equal(await onPeer('SHOP', 2, 2), 'allow/green');
      await decideOverride(a, officer(72), req.id, true);
      await within(1000, () => onPeer('SHOP', 2, 2), 'deny/red');
      await upsertCases(
        a,
        'system',
        [
          {
            row: 2,
            record: {
              caseNo: 'P1',
              kind: 'confirmed',
              origin: 'local',
              reportedOn: new Date().toISOString().slice(0, 10),
              districtCode: '350102',
              streetCode: null,
              communityCode: null,
              detectedVia: 'quarantine',
              reclassifiedOn: null,
              dischargedOn: null,
              releasedOn: null,
              diedOn: null,
            },
            identity: { idNumber: id(4), name: null, phone: null },
          },
        ],
        { dryRun: false, filename: 'x', sha256: 'x', today: '2099-12-31' },
      );
      await within(1000, () => onPeer('SHOP', 3, 2), 'deny/red');
    });

    test('a risk mark and its withdrawal', async () => {
      assert.equal(await onPeer('SHOP', 4, 2), 'allow/green');
      const since = new Date(Date.now() - 3600_000).toISOString();
      await addMarks(a, officer(73), [{ idNumber: id(5), kind: 'close-contact', since }]);
      await within(1000, () => onPeer('SHOP', 4, 2), 'deny/red');
      const [m] = (await listMarks(a, officer(73), { kind: 'close-contact' })).items;
      await closeRiskMark(a, officer(73), m?.id as number, { reason: 'recorded for the wrong person' });
      await within(1000, () => onPeer('SHOP', 4, 2), 'allow/green');
    });

    test('after the listening connections are cut, both reconnect and changes flow again', async () => {
      const listeners = async () =>
        (
          await sql<{ pid: number }>`select pid from pg_stat_activity
            where datname = current_database() and application_name = 'banyan-events' order by pid`.execute(a.db.k)
        ).rows.map((r) => r.pid);
      const cut = await listeners();
      assert.equal(cut.length, 2, 'one listening connection per process');
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = 'banyan-events'`.execute(a.db.k);
      await within(3000, async () => String((await listeners()).filter((p) => !cut.includes(p)).length), '2');
      await appA.inject({
        method: 'POST',
        url: '/api/v1/venues/SHOP/status',
        headers: { cookie },
        payload: { status: 'suspended' },
      });
      await within(1000, () => onPeer('SHOP', 0, 2), 'deny/green');
    });
  });
}
