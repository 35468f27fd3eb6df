import type { DailyJob } from '../platform/jobs/jobs.ts';
import { dropCountsBefore } from './counters.repo.ts';
import { deleteOrphanPaperScans, dropScansBefore, ensureScanPartitions } from './scan-retention.repo.ts';

// Partitions are made this many days ahead, so a missed night or two never sends a day's scans
// to the default partition.
const AHEAD_DAYS = 3;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Daily at 00:10 (Beijing): on PostgreSQL the scan partitions of yesterday to three days ahead
 * are made; with BANYAN_SCAN_RETENTION_DAYS set, scans older than that many days are removed (the
 * partitions dropped whole on PostgreSQL, batched deletes on SQLite), and with them the paper side
 * of paper registrations (the identities written on paper, encrypted) and their venue counters.
 */
export const scanRetentionJob: DailyJob = {
  name: 'scan-retention',
  at: '00:10',
  async run(ctx, day) {
    const made = await ensureScanPartitions(
      ctx.db,
      Array.from({ length: AHEAD_DAYS + 2 }, (_, i) => addDays(day, i - 1)),
    );
    const keep = ctx.config.scanRetentionDays;
    if (!keep) return { partitionsMade: made, retention: 'off' };
    const cutoff = addDays(day, 1 - keep);
    const { dropped, deleted } = await dropScansBefore(ctx.db, cutoff);
    const paperDeleted = await deleteOrphanPaperScans(ctx.db);
    // The venue counters of those days go with their scans (a screen of a dropped day shows none).
    await dropCountsBefore(ctx.db, cutoff);
    return { partitionsMade: made, keptFrom: cutoff, partitionsDropped: dropped, rowsDeleted: deleted, paperDeleted };
  },
};
