import type { DailyJob } from '../platform/jobs/jobs.ts';
import { escalateOverdue } from './workflow.service.ts';

/** Every 15 minutes: appeals past their deadline are escalated (督办) once. */
export const appealsEscalationJob: DailyJob = {
  name: 'appeals-escalation',
  everyMinutes: 15,
  async run(ctx) {
    const r = await escalateOverdue(ctx, 'system');
    return { escalated: r.escalated };
  },
};
