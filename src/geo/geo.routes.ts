import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { DivisionCodeParams, DivisionDetail, DivisionList, DivisionQuery } from './geo.schema.ts';
import { districtShapes, getDivision, listDivisions } from './geo.service.ts';

/** Division lookups and the district map. */
export async function geoRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/divisions',
    {
      config: { scope: 'city' },
      schema: {
        tags: ['geo'],
        summary: 'List divisions',
        querystring: jsonSchema(DivisionQuery),
        response: ok(DivisionList),
      },
    },
    async (request) => {
      actorOf(request);
      return { items: await listDivisions(ctx, request.query as DivisionQuery) };
    },
  );

  app.get(
    '/api/v1/divisions/:code',
    {
      config: { scope: 'city' },
      schema: {
        tags: ['geo'],
        summary: 'One division',
        params: jsonSchema(DivisionCodeParams),
        response: ok(DivisionDetail),
      },
    },
    async (request) => {
      actorOf(request);
      return getDivision(ctx, (request.params as { code: string }).code);
    },
  );

  // Public: shapes are published map data, and the sign-in page may show them.
  app.get(
    '/api/v1/map/fuzhou',
    {
      config: { scope: 'public' },
      schema: {
        tags: ['geo'],
        summary: 'District shapes (GeoJSON)',
        response: {
          200: {
            description: 'A GeoJSON FeatureCollection of the districts',
            content: { 'application/geo+json': { schema: { type: 'object' } } },
          },
        },
      },
    },
    async (_request, reply) => {
      reply
        .header('content-type', 'application/geo+json; charset=utf-8')
        .header('cache-control', 'public, max-age=86400');
      return districtShapes();
    },
  );
}
