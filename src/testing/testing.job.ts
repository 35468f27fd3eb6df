import type { DailyJob } from '../platform/jobs/jobs.ts';
import { dropSamplesBefore, ensureSamplePartitions } from './sample-retention.repo.ts';

// Partitions are made this many days ahead, so a missed night or two never sends a day's samples
// to the default partition.
const AHEAD_DAYS = 3;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Daily at 00:20 (Beijing): on PostgreSQL the sample partitions of yesterday to three days ahead
 * are made; with BANYAN_SAMPLE_RETENTION_DAYS set, samples of the days before the kept ones are
 * removed (partitions dropped whole on PostgreSQL, batched deletes on SQLite; tubes, results and
 * each person's test facts stay). Retention is off by default: coverage of past campaigns counts
 * their samples.
 */
export const sampleRetentionJob: DailyJob = {
  name: 'sample-retention',
  at: '00:20',
  async run(ctx, day) {
    const made = await ensureSamplePartitions(
      ctx.db,
      Array.from({ length: AHEAD_DAYS + 2 }, (_, i) => addDays(day, i - 1)),
    );
    const keep = ctx.config.sampleRetentionDays;
    if (!keep) return { partitionsMade: made, retention: 'off' };
    const cutoff = addDays(day, 1 - keep);
    const { dropped, deleted } = await dropSamplesBefore(ctx.db, cutoff);
    return { partitionsMade: made, keptFrom: cutoff, partitionsDropped: dropped, samplesDeleted: deleted };
  },
};
