import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { decideOverride, listOverrides, requestOverride } from './overrides.service.ts';

const RequestBody = z.object({
  personId: z.number().int().positive(),
  colour: z.enum(['green', 'yellow', 'red']),
  reason: z.string().trim().min(10, 'give the reason in a sentence').max(500),
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
});
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['health-code'];

/** Manual colours: request, then a second person approves or rejects. */
export async function overridesRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.post(
    '/api/v1/colour-overrides',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Request a manual colour (needs a second approver)', body: jsonSchema(RequestBody) },
    },
    async (r, reply) => {
      reply.status(201);
      return { override: await requestOverride(ctx, actorOf(r), r.body as z.infer<typeof RequestBody>) };
    },
  );
  for (const [path, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post(
      `/api/v1/colour-overrides/:id/${path}`,
      {
        config: { scope: 'district' },
        schema: { tags, summary: `${path} a manual colour`, params: jsonSchema(IdParams) },
      },
      async (r) => ({
        override: await decideOverride(ctx, actorOf(r), (r.params as { id: number }).id, approve),
      }),
    );
  }
  app.get(
    '/api/v1/persons/:id/colour-overrides',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'A person’s manual colours', params: jsonSchema(IdParams) },
    },
    async (r) => ({
      items: await listOverrides(ctx, actorOf(r), (r.params as { id: number }).id),
    }),
  );
}
