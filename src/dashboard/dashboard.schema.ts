import { z } from 'zod';
import { ScopeView } from '../platform/auth/auth.schema.ts';

/** GET /api/v1/dashboard: residents per district inside the user's scope. */
export const Dashboard = z.object({
  city: z.object({ code: z.string(), name: z.string() }),
  residents: z.number().int(),
  districts: z.array(z.object({ code: z.string(), name: z.string(), residents: z.number().int() })),
  scope: ScopeView,
});
export type Dashboard = z.infer<typeof Dashboard>;
export type DistrictResidents = Dashboard['districts'][number];

/** GET /api/v1/dashboard/today: each part null when the user may not see it (or it has no data). */
export const DashboardToday = z.object({
  date: z.string(),
  cases: z
    .object({
      date: z.string(),
      newLocalConfirmed: z.number(),
      newLocalAsymptomatic: z.number(),
      localDischarged: z.number(),
      localReleased: z.number(),
    })
    .nullable(),
  zones: z.object({ date: z.string(), high: z.number(), medium: z.number(), taskForces: z.number() }).nullable(),
  checks: z.object({ date: z.string(), scans: z.number(), denied: z.number(), denialRate: z.number() }).nullable(),
  appeals: z.object({ from: z.string(), to: z.string(), received: z.number(), overdue: z.number() }).nullable(),
});
export type DashboardToday = z.infer<typeof DashboardToday>;
