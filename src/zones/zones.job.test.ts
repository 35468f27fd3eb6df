import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { runJob } from '../platform/jobs/jobs.ts';
import { zonesEvaluationJob } from './zones.job.ts';

for (const dialect of dialects()) {
  describe(`the zones evaluation job on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    test('on a city without zones it names the version in force and finds nothing to lift', async () => {
      const ok = await runJob(ctx, zonesEvaluationJob, '2022-11-11');
      assert.deepEqual(ok, { ok: true, summary: { policy: 'cn-20-measures', active: 0, eligible: 0, zones: [] } });
    });
  });
}
