import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../../test/helpers/db.ts';
import { ranOn } from './jobs.repo.ts';
import { type DailyJob, recentRuns, runJob } from './jobs.ts';

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
