import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { followKeptClock, joinClock, keepClock } from './clock.shared.ts';
import { clockShifted, nowMs, setClock } from './clock.ts';

const NOW = '2022-11-11T20:00:00+08:00';
const LATER = '2022-11-12T08:00:00+08:00';

for (const dialect of dialects()) {
  describe(`the business clock kept for every process on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(async () => {
      setClock(null);
      await ctx.close();
    });
    test('a clock kept a minute ago reads a minute on, in a process that only follows it', async () => {
      await keepClock(ctx.db, NOW, Date.now() - 60_000);
      setClock(null);
      await followKeptClock(ctx.db);
      assert.ok(Math.abs(nowMs() - (Date.parse(NOW) + 60_000)) < 1000);
    });
    test('a command with the same BANYAN_NOW joins the kept clock; another instant runs alone', async () => {
      setClock(null);
      await joinClock(ctx.db, NOW);
      assert.ok(Math.abs(nowMs() - (Date.parse(NOW) + 60_000)) < 1000, 'same instant: the kept clock');
      await joinClock(ctx.db, LATER);
      assert.ok(Math.abs(nowMs() - Date.parse(LATER)) < 1000, 'another instant: its own');
      await followKeptClock(ctx.db);
      assert.ok(Math.abs(nowMs() - (Date.parse(NOW) + 60_000)) < 1000, 'the kept one was left as it was');
    });
    test('clearing it returns every follower to the machine’s time', async () => {
      await keepClock(ctx.db, null);
      await joinClock(ctx.db, null);
      assert.equal(clockShifted(), false);
    });
  });
}
