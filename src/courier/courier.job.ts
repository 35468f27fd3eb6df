import { CLI_READER } from '../platform/cli/context.cli.ts';
import type { DailyJob } from '../platform/jobs/jobs.ts';
import { workerCheck } from './registry.service.ts';

/**
 * Every morning at 08:00 (Beijing), as outlets open: the worker-test check of every open outlet.
 * The run record keeps the flagged outlets per firm, so the day's check is on file for the
 * regulator and the firms even when nobody opened the screen.
 */
export const courierWorkerCheckJob: DailyJob = {
  name: 'courier-worker-check',
  at: '08:00',
  async run(ctx, day) {
    const actor = { ...CLI_READER, username: 'system', role: 'postal-regulator' as const };
    const c = await workerCheck(ctx, actor, { at: `${day}T08:00:00+08:00`, flaggedOnly: true });
    return {
      hours: c.hours,
      policy: c.policyId,
      flaggedOutlets: c.flagged,
      untested: c.firms.reduce((s, f) => s + f.untested, 0),
      byFirm: Object.fromEntries(c.firms.filter((f) => f.flaggedOutlets).map((f) => [f.firm, f.flaggedOutlets])),
      outlets: c.outlets.slice(0, 200).map((o) => o.code),
    };
  },
};
