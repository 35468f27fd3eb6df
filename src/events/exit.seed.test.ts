import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { setClock } from '../platform/clock.ts';
import { SCENARIO_NOW, seedScenario } from '../sim/seed.ts';
import { CHECKPOINTS, EXIT_DAY } from './exit.seed.ts';
import { exitDaily, flaggedExits } from './exit.service.ts';
import { institutionRoster, institutions } from './institutions.service.ts';

const actor = (role: 'commander' | 'district-officer', code: string) => ({
  userId: 0,
  username: 't',
  role,
  scope: { kind: code.length === 4 ? ('city' as const) : ('district' as const), code },
});

for (const dialect of dialects()) {
  describe(`the demo's exits and institutions on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    test('a day of departures at every checkpoint and the institutions with their rosters, at a small scale', async () => {
      setClock(SCENARIO_NOW);
      const s = await seedScenario(ctx, { scale: 0.0001, appeals: false });
      const day = await exitDaily(ctx, actor('commander', '3501'));
      assert.equal(day.date, EXIT_DAY);
      assert.deepEqual(
        day.checkpoints.map((c) => c.name),
        CHECKPOINTS.map((c) => c.name),
      );
      const why: Record<string, number> = {};
      for (const c of day.checkpoints) for (const [k, n] of Object.entries(c.refusals)) why[k] = (why[k] ?? 0) + n;
      assert.ok(day.totals.allowed > day.totals.refused && day.totals.refused > 0, JSON.stringify([day.totals, why]));
      assert.ok(day.totals.flagged > 0, 'residents of restricted zones tried to leave');
      assert.ok(day.checkpoints.every((c) => c.allowed + c.refused > 0));
      const refusals = day.checkpoints.reduce((a, c) => a + (c.refusals['no-negative-24h'] ?? 0), 0);
      assert.ok(refusals > 0, 'some came without a certificate');
      const flagged = await flaggedExits(ctx, actor('commander', '3501'));
      assert.equal(flagged.total, day.totals.flagged);
      assert.ok(flagged.items.every((f) => f.verdict === 'deny'));
      const list = await institutions(ctx, 'system', '2022-11-11');
      assert.ok(list.items.length >= 3 && list.totals.onShift > 0, JSON.stringify(list.totals));
      const gulou = await institutions(ctx, actor('district-officer', '350102'), '2022-11-11');
      const withLeaves = gulou.items.find((i) => i.pendingLeaves > 0);
      assert.ok(withLeaves, 'a leave waits for the district');
      const roster = await institutionRoster(ctx, 'system', withLeaves.code, '2022-11-11');
      assert.ok(roster.members.some((m) => m.standing === 'off-shift'));
      console.log(
        `departures ${day.totals.allowed} allowed, ${day.totals.refused} refused, ${day.totals.flagged} flagged; institutions ${list.items.length}, on shift ${list.totals.onShift}, missing a test ${list.totals.missingTest}; step ${JSON.stringify(Object.fromEntries(Object.entries(s.testing).filter(([k]) => k.startsWith('events.exit'))))}`,
      );
    });
  });
}
