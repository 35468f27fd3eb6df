import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { acknowledgeAlert, alerts } from './alerts.service.ts';
import { updateSite } from './sites.service.ts';
import { AlertAnswer, AlertIdParams, AlertList, AlertsQuery, SiteChange, SitePatch } from './testing.schema.ts';

const tags = ['testing'];

/** District alerts on positive tubes (list scoped, acknowledge audited) and changes to a site. */
export async function alertRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/testing-alerts',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Positive-tube alerts of my district',
        querystring: jsonSchema(AlertsQuery),
        response: ok(AlertList),
      },
    },
    async (r) => {
      const q = r.query;
      return {
        items: await alerts(ctx, actorOf(r), {
          open: q.open === undefined ? undefined : q.open === 'true',
          district: q.district,
        }),
      };
    },
  );
  app.post(
    '/api/v1/testing-alerts/:id/ack',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Acknowledge an alert',
        params: jsonSchema(AlertIdParams),
        response: ok(AlertAnswer),
      },
    },
    async (r) => ({ alert: await acknowledgeAlert(ctx, actorOf(r), r.params.id) }),
  );
  app.patch(
    '/api/v1/sampling-sites/:code',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Change a site (position inside Fuzhou)',
        body: jsonSchema(SitePatch),
        response: ok(SiteChange),
      },
    },
    async (r) => ({
      site: await updateSite(ctx, actorOf(r), (r.params as { code: string }).code, r.body as SitePatch),
    }),
  );
}
