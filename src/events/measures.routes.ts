import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, created, jsonSchema, ok } from '../platform/http/zod.ts';
import { MeasureBody, MeasureList, MeasureRecorded, MeasuresQuery } from './measures.schema.ts';
import { measuresOn, recordMeasure } from './measures.service.ts';

const tags = ['measures'];

/** Measures in force (防控措施): the command centre records them; officers read their area's. */
export async function measuresRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/measures',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Measures in force on a day, each with what enforces it',
        querystring: jsonSchema(MeasuresQuery),
        response: ok(MeasureList),
      },
    },
    async (r) => measuresOn(ctx, actorOf(r), r.query.date),
  );
  app.post(
    '/api/v1/measures',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Record a measure of a notice, linked to what enforces it',
        body: jsonSchema(MeasureBody),
        response: created(MeasureRecorded),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return recordMeasure(ctx, actorOf(r), r.body);
    },
  );
}
