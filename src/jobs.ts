import { appealsEscalationJob } from './appeals/appeals.job.ts';
import type { DailyJob } from './platform/jobs/jobs.ts';
import { zonesEvaluationJob } from './zones/zones.job.ts';

/** Every module's daily jobs, run by `banyan serve` and by `banyan jobs run`. */
export const DAILY_JOBS: DailyJob[] = [zonesEvaluationJob, appealsEscalationJob];
