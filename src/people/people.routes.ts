import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, responseSchema } from '../platform/http/zod.ts';
import {
  PersonAnswer,
  PersonFullAnswer,
  PersonIdParams,
  PersonInput,
  PersonPage,
  PersonQuery,
  UnmaskQuery,
} from './people.schema.ts';
import { createPerson, getPerson, getPersonUnmasked, listPersons } from './people.service.ts';

/** Persons: masked by default, unmasked only with permission and an audit entry. */
export async function peopleRoutes(app: Api, ctx: Ctx): Promise<void> {
  const person = responseSchema(PersonAnswer, 'The person, masked');
  app.get(
    '/api/v1/persons',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['people'],
        summary: 'List persons (masked)',
        querystring: jsonSchema(PersonQuery),
        response: { 200: responseSchema(PersonPage) },
      },
    },
    async (request) => listPersons(ctx, actorOf(request), request.query as PersonQuery),
  );

  app.post(
    '/api/v1/persons',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['people'],
        summary: 'Register a person (200 with the existing person when the ID number is known)',
        body: jsonSchema(PersonInput),
        response: { 200: person, 201: person },
      },
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
      schema: {
        tags: ['people'],
        summary: 'One person (masked)',
        params: jsonSchema(PersonIdParams),
        response: { 200: person },
      },
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
        params: jsonSchema(PersonIdParams),
        querystring: jsonSchema(UnmaskQuery),
        response: { 200: responseSchema(PersonFullAnswer) },
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
