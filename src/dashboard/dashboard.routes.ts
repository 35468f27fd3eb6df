import { CITY, DIVISIONS } from '../geo/geo.data.ts';
import { nameOf } from '../geo/geo.service.ts';
import { residentsByDistrict } from '../people/people.service.ts';
import { scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, ok } from '../platform/http/zod.ts';
import { Dashboard, DashboardToday } from './dashboard.schema.ts';
import { todayOverview } from './today.service.ts';

/** The city dashboard: figures per district inside the user's scope. */
export async function dashboardRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/dashboard',
    {
      config: { scope: 'district' },
      schema: { tags: ['dashboard'], summary: 'City dashboard figures', response: ok(Dashboard) },
    },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor, 'dashboard');
      const counts = new Map((await residentsByDistrict(ctx, actor)).map((r) => [r.code, r.n]));
      const districts = DIVISIONS.filter(
        (d) =>
          d.level === 'district' &&
          (actor.scope.kind === 'city' || scopeCoversDivision({ kind: 'district', code: d.code }, actor.scope.code)),
      ).map((d) => ({ code: d.code, name: d.name, residents: counts.get(d.code) ?? 0 }));
      return {
        city: CITY,
        residents: districts.reduce((s, d) => s + d.residents, 0),
        districts,
        scope: { ...actor.scope, name: nameOf(actor.scope.code) ?? actor.scope.code },
      };
    },
  );
  app.get(
    '/api/v1/dashboard/today',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['dashboard'],
        summary: 'The business day at a glance: cases, zones, checks, appeals',
        response: ok(DashboardToday),
      },
    },
    async (request) => todayOverview(ctx, actorOf(request)),
  );
}
