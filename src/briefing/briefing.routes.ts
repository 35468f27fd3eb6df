import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok, responseSchema } from '../platform/http/zod.ts';
import { BriefingAnswer, BriefingRender, DateParams, RenderQuery, TextsBody } from './briefing.schema.ts';
import {
  approveBriefing,
  draftBriefing,
  editBriefing,
  getBriefing,
  publishBriefing,
  renderBriefing,
} from './briefing.service.ts';

type DateP = { date: string };

/** The daily briefing: draft, edit, approve (second person), publish, render. */
export async function briefingRoutes(app: Api, ctx: Ctx): Promise<void> {
  const params = jsonSchema(DateParams);
  const response = ok(BriefingAnswer);
  app.get(
    '/api/v1/briefings/:date',
    {
      config: { scope: 'city' },
      schema: { tags: ['briefing'], summary: 'The briefing of a day (stored, or a fresh draft)', params, response },
    },
    async (request) => ({
      briefing: await getBriefing(ctx, actorOf(request), (request.params as DateP).date),
    }),
  );
  app.post(
    '/api/v1/briefings/:date/draft',
    {
      config: { scope: 'city' },
      schema: { tags: ['briefing'], summary: 'Draft from the figures', params, response },
    },
    async (request) => ({
      briefing: await draftBriefing(ctx, actorOf(request), (request.params as DateP).date),
    }),
  );
  app.put(
    '/api/v1/briefings/:date',
    {
      config: { scope: 'city' },
      schema: { tags: ['briefing'], summary: 'Save edited texts', params, body: jsonSchema(TextsBody), response },
    },
    async (request) => ({
      briefing: await editBriefing(ctx, actorOf(request), (request.params as DateP).date, request.body.texts),
    }),
  );
  app.post(
    '/api/v1/briefings/:date/approve',
    {
      config: { scope: 'city' },
      schema: { tags: ['briefing'], summary: 'Approve (a second person)', params, response },
    },
    async (request) => ({
      briefing: await approveBriefing(ctx, actorOf(request), (request.params as DateP).date),
    }),
  );
  app.post(
    '/api/v1/briefings/:date/publish',
    {
      config: { scope: 'city' },
      schema: { tags: ['briefing'], summary: 'Publish and freeze', params, response },
    },
    async (request) => ({
      briefing: await publishBriefing(ctx, actorOf(request), (request.params as DateP).date),
    }),
  );
  app.get(
    '/api/v1/briefings/:date/render',
    {
      config: { scope: 'city' },
      schema: {
        tags: ['briefing'],
        summary: 'Render as Markdown, HTML or JSON',
        params,
        querystring: jsonSchema(RenderQuery),
        response: {
          200: {
            description: 'The briefing in the format asked for',
            content: {
              'text/markdown': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'application/json': { schema: responseSchema(BriefingRender) },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const out = await renderBriefing(ctx, actorOf(request), (request.params as DateP).date, q.lang, q.format);
      if (q.format === 'md') reply.header('content-type', 'text/markdown; charset=utf-8');
      if (q.format === 'html') reply.header('content-type', 'text/html; charset=utf-8');
      return out;
    },
  );
}
