import { CLI_READER } from '../platform/cli/context.cli.ts';
import type { DailyJob } from '../platform/jobs/jobs.ts';
import { evaluateZones } from './zones.query.ts';

/**
 * Every morning at 06:00 the lift evaluation runs for the whole city, so that the 7 a.m. meeting
 * starts from the list of zones the policy in force allows to downgrade or lift.
 */
export const zonesEvaluationJob: DailyJob = {
  name: 'zones-evaluation',
  at: '06:00',
  async run(ctx, day) {
    const r = await evaluateZones(ctx, CLI_READER, day);
    const eligible = r.items.filter((i) => i.eligible);
    return {
      policy: r.policy.id,
      active: r.items.length,
      eligible: eligible.length,
      zones: eligible.map((i) => `${i.zoneCode}:${i.action}→${i.to}`),
    };
  },
};
