import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import {
  approveBriefing,
  draftBriefing,
  editBriefing,
  getBriefing,
  publishBriefing,
  renderBriefing,
} from './briefing.service.ts';
import { LANGS } from './briefing.text.ts';

const DateParams = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') });
const TextsBody = z.object({
  texts: z.object({ 'zh-CN': z.string().max(20_000), 'zh-TW': z.string().max(20_000), en: z.string().max(20_000) }),
});
const RenderQuery = z.object({
  lang: z.enum(LANGS).default('zh-CN'),
  format: z.enum(['md', 'html', 'json']).default('md'),
});

type DateP = { date: string };

/** The daily briefing: draft, edit, approve (second person), publish, render. */
export async function briefingRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  const params = jsonSchema(DateParams);
  app.get(
    '/api/v1/briefings/:date',
    {
      config: { scope: 'city' },
      schema: { tags: ['briefing'], summary: 'The briefing of a day (stored, or a fresh draft)', params },
    },
    async (request) => ({
      briefing: await getBriefing(ctx, actorOf(request), (request.params as DateP).date),
    }),
  );
  app.post(
    '/api/v1/briefings/:date/draft',
    { config: { scope: 'city' }, schema: { tags: ['briefing'], summary: 'Draft from the figures', params } },
    async (request) => ({
      briefing: await draftBriefing(ctx, actorOf(request), (request.params as DateP).date),
    }),
  );
  app.put(
    '/api/v1/briefings/:date',
    {
      config: { scope: 'city' },
      schema: { tags: ['briefing'], summary: 'Save edited texts', params, body: jsonSchema(TextsBody) },
    },
    async (request) => ({
      briefing: await editBriefing(
        ctx,
        actorOf(request),
        (request.params as DateP).date,
        (request.body as z.infer<typeof TextsBody>).texts,
      ),
    }),
  );
  app.post(
    '/api/v1/briefings/:date/approve',
    { config: { scope: 'city' }, schema: { tags: ['briefing'], summary: 'Approve (a second person)', params } },
    async (request) => ({
      briefing: await approveBriefing(ctx, actorOf(request), (request.params as DateP).date),
    }),
  );
  app.post(
    '/api/v1/briefings/:date/publish',
    { config: { scope: 'city' }, schema: { tags: ['briefing'], summary: 'Publish and freeze', params } },
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
      },
    },
    async (request, reply) => {
      const q = request.query as z.infer<typeof RenderQuery>;
      const out = await renderBriefing(ctx, actorOf(request), (request.params as DateP).date, q.lang, q.format);
      if (q.format === 'md') reply.header('content-type', 'text/markdown; charset=utf-8');
      if (q.format === 'html') reply.header('content-type', 'text/html; charset=utf-8');
      return out;
    },
  );
}
