import assert from 'node:assert/strict';
import { colourFor, testsOf } from '../../src/health-code/colour.service.ts';
import { freshColourState, rebuiltColourState } from '../../src/health-code/colour.state.ts';
import { nowMs } from '../../src/platform/clock.ts';
import type { Ctx } from '../../src/platform/context.ts';

/**
 * The status-index invariant: the colour state that entrance checks read from memory (kept current
 * by announcements after each write) equals one read afresh from the database, for every person —
 * test facts, colour and the rule that gave it. Call it after each mutating test.
 */
export async function assertStateMatchesDatabase(ctx: Ctx, now = nowMs()): Promise<void> {
  const live = await freshColourState(ctx);
  const rebuilt = await rebuiltColourState(ctx);
  const ids = (await ctx.db.k.selectFrom('persons').select('id').orderBy('id').execute()).map((r) => r.id);
  const drift: string[] = [];
  for (const id of ids) {
    const a = testsOf(live, id);
    const b = testsOf(rebuilt, id);
    const ca = colourFor(live, id, a, now);
    const cb = colourFor(rebuilt, id, b, now);
    const left = JSON.stringify([a, ca.colour, ca.rule]);
    const right = JSON.stringify([b, cb.colour, cb.rule]);
    if (left !== right) drift.push(`person ${id}: live ${left} ≠ database ${right}`);
  }
  assert.deepEqual(drift.slice(0, 20), [], `the live colour state drifted from the database (${drift.length} persons)`);
}
