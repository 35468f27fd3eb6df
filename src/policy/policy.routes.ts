import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { PolicyInput } from './policy.schema.ts';
import { listPolicies, putPolicy } from './policy.service.ts';

const Body = PolicyInput.omit({ id: true });

/** Policy versions: read by anyone who reads zones, edited by the command centre (audited). */
export async function policyRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/policies',
    { config: { scope: 'city' }, schema: { tags: ['policy'], summary: 'Policy versions' } },
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
        params: jsonSchema(z.object({ id: z.string().regex(/^[a-z0-9-]{3,64}$/) })),
        body: jsonSchema(Body),
      },
    },
    async (r) => ({
      policy: await putPolicy(ctx, actorOf(r), {
        id: (r.params as { id: string }).id,
        ...(r.body as z.infer<typeof Body>),
      }),
    }),
  );
}
