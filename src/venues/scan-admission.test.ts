import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { buildApp } from '../app.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { checkState } from './checks.service.ts';
import type { ScanSink } from './scan-sink.ts';
import { ScanWriter } from './scan-writer.ts';
import { personalCode, signVenueCode } from './venues.codes.ts';
import { appendScans } from './venues.repo.ts';
import { createVenues } from './venues.service.ts';

const nextTurn = () => new Promise((r) => setImmediate(r));

for (const dialect of dialects()) {
  describe(`scan admission on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    const app = await buildApp(ctx, { logger: false });
    after(async () => {
      await app.close();
      await ctx.close();
    });
    let person = 0;
    before(async () => {
      const s = '350102199202020010';
      await ctx.db.k
        .transaction()
        .execute((trx) =>
          insertPersons(trx, [
            sealPerson(
              ctx.crypto,
              { idNumber: s.slice(0, 17) + checkCharOf(s.slice(0, 17)), name: '甲', communityCode: '350102001001' },
              new Date().toISOString(),
            ),
          ]),
        );
      person = Number((await ctx.db.k.selectFrom('persons').select('id').executeTakeFirstOrThrow()).id);
      await createVenues(ctx, 'system', [
        { code: 'MKT', name: '市场', category: 'mall-market', communityCode: '350102001001' },
      ]);
    });

    test('a writer whose queue has waited past the bound gets 429 with Retry-After at once; admitted scans still commit', async (t) => {
      const state = await checkState(ctx);
      // A writer that commits only when told, on a clock the test moves: a saturated database
      // without a single wall-clock wait.
      let clock = 0;
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      const sink: ScanSink = {
        threaded: false,
        stats: { groups: 0, rows: 0, commitMs: 0 },
        async append(rows) {
          await held;
          return appendScans(ctx.db, rows);
        },
      };
      state.writer = new ScanWriter(ctx.db, { sink, now: () => clock });
      const scan = () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/scans',
          payload: { venueCode: signVenueCode(state.keys, 'MKT', 1), personalCode: personalCode(state.keys, person) },
        });
      // Released whatever an assertion says, so that a failure does not hold the next test.
      t.after(release);
      const admitted = scan();
      for (let i = 0; i < 1000 && state.writer.depth === 0; i++) await nextTurn();
      assert.equal(state.writer.depth, 1, 'the first scan waits for its commit');
      clock = 150;
      const stillFast = scan();
      for (let i = 0; i < 1000 && state.writer.depth < 2; i++) await nextTurn();
      assert.equal(state.writer.depth, 2, 'within the bound a scan is admitted and queued');
      clock = 201;
      const refused = await scan();
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.headers['retry-after'], '1');
      assert.equal(refused.json().error.code, 'SCAN_OVERLOADED');
      clock = 2500;
      assert.equal((await scan()).headers['retry-after'], '3');
      assert.equal(state.writer.depth, 2, 'a refused scan never reaches the writer');
      release();
      const answers = await Promise.all([admitted, stillFast]);
      assert.deepEqual(
        answers.map((r) => r.statusCode),
        [201, 201],
      );
      const after = await scan();
      assert.equal(after.statusCode, 201, 'admitted again once the queue has drained');
      const ids = answers.map((r) => r.json().scanId).concat(after.json().scanId);
      const stored = await ctx.db.k.selectFrom('scans').select('id').where('id', 'in', ids).execute();
      assert.equal(stored.length, 3, 'every acknowledged scan is stored');
    });

    test('commits that take long refuse scans while one is in flight, and admit them once the queue is empty', async (t) => {
      const state = await checkState(ctx);
      let clock = 0;
      let release = () => {};
      let commits = 0;
      const sink: ScanSink = {
        threaded: false,
        stats: { groups: 0, rows: 0, commitMs: 0 },
        async append(rows) {
          commits++;
          await new Promise<void>((r) => {
            release = r;
          });
          return appendScans(ctx.db, rows);
        },
      };
      const committing = async (n: number) => {
        for (let i = 0; i < 1000 && commits < n; i++) await nextTurn();
        assert.equal(commits, n);
      };
      t.after(() => release());
      state.writer = new ScanWriter(ctx.db, { sink, now: () => clock });
      const body = { venueCode: signVenueCode(state.keys, 'MKT', 1), personalCode: personalCode(state.keys, person) };
      const scan = () => app.inject({ method: 'POST', url: '/api/v1/scans', payload: body });
      const slow = scan();
      await committing(1);
      clock = 300;
      release();
      assert.equal((await slow).statusCode, 201);
      assert.equal(state.writer.waitMs(), 0, 'nothing queued, nothing to wait for');
      const next = scan();
      await committing(2);
      clock = 310;
      const refused = await scan();
      assert.deepEqual([refused.statusCode, refused.headers['retry-after']], [429, '1'], 'behind a 300 ms commit');
      release();
      assert.equal((await next).statusCode, 201);
    });

    test('the writer’s queue bound, behind admission, also answers with Retry-After', async (t) => {
      const state = await checkState(ctx);
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      const sink: ScanSink = {
        threaded: false,
        stats: { groups: 0, rows: 0, commitMs: 0 },
        async append(rows) {
          await held;
          return appendScans(ctx.db, rows);
        },
      };
      state.writer = new ScanWriter(ctx.db, { sink, now: () => 0 }, 1);
      const scan = () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/scans',
          payload: { venueCode: signVenueCode(state.keys, 'MKT', 1), personalCode: personalCode(state.keys, person) },
        });
      t.after(release);
      const first = scan();
      for (let i = 0; i < 1000 && state.writer.depth === 0; i++) await nextTurn();
      const full = await scan();
      assert.deepEqual(
        [full.statusCode, full.headers['retry-after'], full.json().error.code],
        [429, '1', 'SCAN_OVERLOADED'],
      );
      release();
      assert.equal((await first).statusCode, 201);
    });
  });
}
