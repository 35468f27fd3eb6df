import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { dialects, testCtx } from '../../../test/helpers/db.ts';
import type { Ctx } from '../context.ts';
import { openDb } from '../db/db.ts';
import { ranOn } from './jobs.repo.ts';
import { type DailyJob, recentRuns, runJob, startScheduler } from './jobs.ts';

// The platform runs any module's job; this one stands for them without importing a module.
const countJob: DailyJob = { name: 'count-things', at: '06:00', run: async (_ctx, day) => ({ day, counted: 3 }) };

for (const dialect of dialects()) {
  describe(`daily jobs on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    test('a run is recorded with its summary; a failure is recorded, not thrown', async () => {
      const ok = await runJob(ctx, countJob, '2022-11-11');
      assert.deepEqual(ok, { ok: true, summary: { day: '2022-11-11', counted: 3 } });
      const bad = await runJob(
        ctx,
        { name: 'broken', at: '00:00', run: async () => Promise.reject(new Error('no data')) },
        '2022-11-11',
      );
      assert.deepEqual(bad, { ok: false, summary: { error: 'no data' } });
      assert.equal(await ranOn(ctx.db, 'count-things', '2022-11-11'), true);
      assert.equal(
        await ranOn(ctx.db, 'broken', '2022-11-11'),
        false,
        'a failed run does not count, so the scheduler retries',
      );
      assert.deepEqual(
        (await recentRuns(ctx)).map((r) => `${r.name}:${r.ok}`),
        ['broken:false', 'count-things:true'],
      );
    });
  });
}

// Several server processes (serve --workers N) each run a scheduler: a job still runs once.
for (const dialect of dialects().filter((d) => d === 'postgres')) {
  describe(`jobs beside other processes on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    // A second pool on the same database stands for another process.
    const other = { ...ctx, db: openDb({ url: await urlOf(ctx) }) };
    after(async () => {
      await other.db.close();
      await ctx.close();
    });
    const quiet = { info() {}, error() {}, warn() {} } as unknown as FastifyBaseLogger;
    test('a daily job and a 15-minute job due in four schedulers run once each', async () => {
      let daily = 0;
      let every = 0;
      const slow = (count: () => void) => async () => {
        count();
        await new Promise((r) => setTimeout(r, 300));
        return {};
      };
      const jobs: DailyJob[] = [
        { name: 'daily-once', at: '00:00', run: slow(() => daily++) },
        { name: 'every-15', everyMinutes: 15, run: slow(() => every++) },
      ];
      const stops = [ctx, other, ctx, other].map((c) => startScheduler(c, jobs, quiet));
      const start = Date.now();
      while ((await recentRuns(ctx)).length < 2 && Date.now() - start < 5000)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 800));
      for (const stop of stops) stop();
      assert.deepEqual({ daily, every }, { daily: 1, every: 1 });
      assert.deepEqual((await recentRuns(ctx)).map((r) => r.name).sort(), ['daily-once', 'every-15']);
    });
  });
}

async function urlOf(ctx: Ctx): Promise<string> {
  const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(ctx.db.k);
  const url = new URL(process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${rows[0]?.db}`;
  return url.toString();
}
