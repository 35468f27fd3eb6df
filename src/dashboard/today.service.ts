import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { dayOf } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { contributions } from '../platform/module.ts';
import { DashboardToday } from './dashboard.schema.ts';

/** A part the actor may not see is left out (null), not an error: the big screen shows the rest. */
async function ifAllowed<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AppError && e.statusCode === 403) return null;
    throw e;
  }
}

/**
 * The headline of the command centre's big screen on the business day: each module's tile (cases,
 * zones, entrance checks, appeals…) within the actor's jurisdiction; a tile no module fills is null.
 */
export async function todayOverview(ctx: Ctx, actor: Actor, now = nowIso()): Promise<DashboardToday> {
  requirePermission(actor, 'dashboard');
  const day = dayOf(now);
  const tiles = contributions(ctx.modules, 'tiles');
  const values = await Promise.all(tiles.map((t) => ifAllowed(() => t.read(ctx, actor, day, now))));
  const byId = new Map(tiles.map((t, i) => [t.id, values[i]]));
  const fields = Object.keys(DashboardToday.shape).filter((k) => k !== 'date');
  return { date: day, ...Object.fromEntries(fields.map((k) => [k, byId.get(k) ?? null])) } as DashboardToday;
}
