import { appealsDashboard } from '../appeals/appeals.dashboard.ts';
import { figuresOf, latestFiguresDay } from '../cases/cases.figures.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays, dayOf } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { latestDay, venueTotals } from '../venues/venues.service.ts';
import { zoneCounts } from '../zones/zones.query.ts';

// ISO days compare as strings: the earlier of a record's day and the business day.
const notAfter = (d: string, day: string) => (d > day ? day : d);

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
 * The headline of the command centre's big screen on the business day: the latest published case
 * figures, zones in force, entrance checks and appeals, each within the actor's jurisdiction.
 */
export async function todayOverview(ctx: Ctx, actor: Actor, now = nowIso()) {
  requirePermission(actor, 'dashboard');
  const day = dayOf(now);
  const [cases, zones, checks, appeals] = await Promise.all([
    ifAllowed(async () => {
      const latest = await latestFiguresDay(ctx, actor);
      if (!latest) return null;
      const { date, figures } = await figuresOf(ctx, actor, notAfter(latest, day));
      return {
        date,
        newLocalConfirmed: figures.newLocalConfirmed,
        newLocalAsymptomatic: figures.newLocalAsymptomatic,
        localDischarged: figures.localDischarged,
        localReleased: figures.localReleased,
      };
    }),
    ifAllowed(async () => {
      const z = await zoneCounts(ctx, actor, day);
      return { date: z.date, high: z.high, medium: z.medium, taskForces: z.taskForces };
    }),
    ifAllowed(async () => {
      // The latest day with scans, as the venue screens open on (the demo's day of scans is the 9th).
      const latest = await latestDay(ctx, actor);
      if (!latest) return null;
      return venueTotals(ctx, actor, notAfter(latest, day));
    }),
    ifAllowed(async () => {
      // A week: appeals are handled over days, so one day's intake says little about the backlog.
      const a = await appealsDashboard(ctx, actor, { from: addDays(day, -6), to: day }, now);
      return { from: a.from, to: a.to, received: a.total, overdue: a.counts.overdue };
    }),
  ]);
  return { date: day, cases, zones, checks, appeals };
}
