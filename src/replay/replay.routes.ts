import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { PolicyIdParams } from '../policy/policy.schema.ts';
import { DiffQuery, PolicyDiff } from './replay.schema.ts';
import { diffDraft } from './replay.service.ts';

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
}
