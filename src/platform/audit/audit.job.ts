import type { DailyJob } from '../jobs/jobs.ts';
import { anchorFile, writeCheckpoint } from './audit.anchor.ts';

/**
 * Once a day the head of the audit chain is signed into the anchor file; the run's summary (the
 * checkpoint) goes to the log as well, so that a deleted tail shows against either copy.
 */
export const auditCheckpointJob: DailyJob = {
  name: 'audit-checkpoint',
  at: '00:05',
  async run(ctx) {
    const cp = await writeCheckpoint(ctx.db, ctx.crypto, anchorFile(ctx.config));
    return cp ? { ...cp, file: anchorFile(ctx.config) } : { empty: true };
  },
};
