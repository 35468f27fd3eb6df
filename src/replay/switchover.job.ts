import type { DailyJob } from '../platform/jobs/jobs.ts';
import { switchOverIfDue } from './switchover.service.ts';

/**
 * At the start of each day, a version scheduled for that day takes effect: the city is switched
 * over to it (zones, colours and entrance rules recomputed and each change recorded by rule).
 */
export const switchoverJob: DailyJob = {
  name: 'policy-switchover',
  at: '00:05',
  async run(ctx, day) {
    const s = await switchOverIfDue(ctx, 'system', day);
    return s ? { version: s.version, previous: s.previous, ...s.counts, tookMs: s.tookMs } : { version: null };
  },
};
