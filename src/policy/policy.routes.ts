import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { PolicyAnswer, PolicyBody, PolicyIdParams, PolicyList } from './policy.schema.ts';
import { listPolicies, putPolicy } from './policy.service.ts';

/** Policy versions: read by anyone who reads zones, edited by the command centre (audited). */
export async function policyRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/policies',
    {
      config: { scope: 'city' },
      schema: { tags: ['policy'], summary: 'Policy versions', response: ok(PolicyList) },
    },
    async (r) => {
      requirePermission(actorOf(r), 'zones:read');
      return { items: await listPolicies(ctx) };
    },
  );
  app.put(
    '/api/v1/policies/:id',
    {
      config: { scope: 'city' },
      schema: {
        tags: ['policy'],
        summary: 'Add or edit a version (audited)',
        params: jsonSchema(PolicyIdParams),
        body: jsonSchema(PolicyBody),
        response: ok(PolicyAnswer),
      },
    },
    async (r) => ({ policy: await putPolicy(ctx, actorOf(r), { id: r.params.id, ...r.body }) }),
  );
}
