import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { PolicyErrors } from './policy.errors.ts';
import { PolicyAnswer, PolicyBody, PolicyIdParams, PolicyList } from './policy.schema.ts';
import { listPolicies } from './policy.service.ts';

/** Policy versions: read by anyone who reads zones; a new one only through a draft and a second person. */
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
        summary: 'Closed: one person may not publish a version; refused with POLICY_DIRECT_EDIT_CLOSED (use drafts)',
        params: jsonSchema(PolicyIdParams),
        body: jsonSchema(PolicyBody),
        response: ok(PolicyAnswer),
      },
    },
    async (r) => {
      // Kept so that old clients get a stable answer naming the drafts flow rather than a 404.
      requirePermission(actorOf(r), 'policy:edit');
      throw new AppError(PolicyErrors.POLICY_DIRECT_EDIT_CLOSED, { id: r.params.id });
    },
  );
}
