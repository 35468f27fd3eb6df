import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { PolicyIdParams } from '../policy/policy.schema.ts';
import { DiffQuery, PolicyDiff, VersionDiffQuery } from './replay.schema.ts';
import { diffDraft, diffPublished } from './replay.service.ts';

/** What a draft version would change on a date, against the version in force (nothing stored). */
export async function replayRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/policy-drafts/:id/diff',
    {
      config: { scope: 'city' },
      schema: {
        tags: ['policy'],
        summary: 'A draft against the version in force on a date: zones, colours, venues (nothing stored)',
        params: jsonSchema(PolicyIdParams),
        querystring: jsonSchema(DiffQuery),
        response: ok(PolicyDiff),
      },
    },
    async (r) => diffDraft(ctx, actorOf(r), r.params.id, r.query.date),
  );
  app.get(
    '/api/v1/policies/:id/diff',
    {
      config: { scope: 'city' },
      schema: {
        tags: ['policy'],
        summary: 'A version against another (the one in force on the date by default): zones, colours, venues',
        params: jsonSchema(PolicyIdParams),
        querystring: jsonSchema(VersionDiffQuery),
        response: ok(PolicyDiff),
      },
    },
    async (r) => diffPublished(ctx, actorOf(r), r.params.id, r.query.date, r.query.against),
  );
}
