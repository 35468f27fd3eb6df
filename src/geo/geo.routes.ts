import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { districtShapes, getDivision, listDivisions } from './geo.service.ts';

const DivisionQuery = z.object({
  level: z.enum(['district', 'street', 'community']).optional(),
  parent: z
    .string()
    .regex(/^\d{4,12}$/)
    .optional(),
});
const CodeParams = z.object({ code: z.string().regex(/^\d{4,12}$/) });

/** Division lookups and the district map. */
export async function geoRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/divisions',
    {
      config: { scope: 'city' },
      schema: { tags: ['geo'], summary: 'List divisions', querystring: jsonSchema(DivisionQuery) },
    },
    async (request) => {
      actorOf(request);
      return { items: await listDivisions(ctx, request.query as z.infer<typeof DivisionQuery>) };
    },
  );

  app.get(
    '/api/v1/divisions/:code',
    { config: { scope: 'city' }, schema: { tags: ['geo'], summary: 'One division', params: jsonSchema(CodeParams) } },
    async (request) => {
      actorOf(request);
      return getDivision(ctx, (request.params as { code: string }).code);
    },
  );

  // Public: shapes are published map data, and the sign-in page may show them.
  app.get(
    '/api/v1/map/fuzhou',
    { config: { scope: 'public' }, schema: { tags: ['geo'], summary: 'District shapes (GeoJSON)' } },
    async (_request, reply) => {
      reply
        .header('content-type', 'application/geo+json; charset=utf-8')
        .header('cache-control', 'public, max-age=86400');
      return districtShapes();
    },
  );
}
