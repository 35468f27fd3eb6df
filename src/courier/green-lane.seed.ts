import type { Ctx } from '../platform/context.ts';
import { insertGreenLanes, workerSwabsSince } from './registry.repo.ts';

/**
 * Since the peak began, two of every three of the workers' swabs were taken in the couriers' green
 * lane and marked so by the site (the worker check and the briefing count them).
 */
export async function seedGreenLane(ctx: Ctx): Promise<number> {
  const swabs = await workerSwabsSince(ctx.db, new Date(Date.parse('2022-11-01T00:00:00+08:00')).toISOString());
  const marks = swabs
    .filter((_, i) => i % 3 !== 2)
    .map((s) => ({
      tube_code: s.tube_code,
      person_id: s.person_id,
      site_code: s.site_code,
      marked_at: s.sampled_at,
      actor: 'system',
    }));
  await ctx.db.k.transaction().execute((trx) => insertGreenLanes(trx, marks));
  return marks.length;
}
