import type { DailyJob } from '../platform/jobs/jobs.ts';
import { deleteSamplesBefore } from './sample-retention.repo.ts';

/**
 * Daily at 00:20 (Beijing), with BANYAN_SAMPLE_RETENTION_DAYS set: samples taken before the first
 * kept day's Beijing midnight are deleted in batches (tubes, results and each person's test facts
 * stay). Off by default: coverage figures of past campaigns count their samples.
 */
export const sampleRetentionJob: DailyJob = {
  name: 'sample-retention',
  at: '00:20',
  async run(ctx, day) {
    const keep = ctx.config.sampleRetentionDays;
    if (!keep) return { retention: 'off' };
    const from = new Date(Date.parse(`${day}T00:00:00+08:00`) - (keep - 1) * 86_400_000).toISOString();
    return { keptFrom: from, samplesDeleted: await deleteSamplesBefore(ctx.db, from) };
  },
};
