import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { PersonInput, PersonQuery } from './people.schema.ts';
import { createPerson, getPerson, getPersonUnmasked, listPersons } from './people.service.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const UnmaskQuery = z.object({ reason: z.string().max(200).optional() });

/** Persons: masked by default, unmasked only with permission and an audit entry. */
export async function peopleRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/persons',
    {
      config: { scope: 'district' },
      schema: { tags: ['people'], summary: 'List persons (masked)', querystring: jsonSchema(PersonQuery) },
    },
    async (request) => listPersons(ctx, actorOf(request), request.query as PersonQuery),
  );

  app.post(
    '/api/v1/persons',
    {
      config: { scope: 'district' },
      schema: { tags: ['people'], summary: 'Register a person', body: jsonSchema(PersonInput) },
    },
    async (request, reply) => {
      const r = await createPerson(ctx, actorOf(request), request.body as PersonInput);
      reply.status(r.created ? 201 : 200);
      return { person: r.person };
    },
  );

  app.get(
    '/api/v1/persons/:id',
    {
      config: { scope: 'district' },
      schema: { tags: ['people'], summary: 'One person (masked)', params: jsonSchema(IdParams) },
    },
    async (request) => ({
      person: await getPerson(ctx, actorOf(request), (request.params as { id: number }).id),
    }),
  );

  app.get(
    '/api/v1/persons/:id/unmasked',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['people'],
        summary: 'One person in clear (audited)',
        params: jsonSchema(IdParams),
        querystring: jsonSchema(UnmaskQuery),
      },
    },
    async (request) => ({
      person: await getPersonUnmasked(
        ctx,
        actorOf(request),
        (request.params as { id: number }).id,
        (request.query as { reason?: string }).reason,
      ),
    }),
  );
}
