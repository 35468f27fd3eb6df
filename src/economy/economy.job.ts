import { addDays } from '../platform/dates.ts';
import type { DailyJob } from '../platform/jobs/jobs.ts';
import { evaluateFlags } from './flags.service.ts';

/**
 * Every morning at 09:00 (Beijing), after the grid company's overnight file: the flags of the
 * business day just ended, computed whether or not anyone opens the screen, so a whitelisted firm's
 * drop reaches the liaison desk. A task is opened once (none while one is open); a second run of
 * the same day recomputes the flags and opens nothing more.
 */
export const economyFlagsJob: DailyJob = {
  name: 'economy-flags',
  at: '09:00',
  async run(ctx, day) {
    const of = addDays(day, -1);
    const flags = await evaluateFlags(ctx, of);
    return {
      day: of,
      accounts: flags.filter((f) => f.kind === 'account').length,
      districts: flags.filter((f) => f.kind === 'district').map((f) => f.subject),
      industries: flags.filter((f) => f.kind === 'industry').map((f) => f.subject),
      tasks: [...new Set(flags.flatMap((f) => (f.task_id === null ? [] : [f.task_id])))].length,
    };
  },
};
