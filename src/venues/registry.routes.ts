import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, created, jsonSchema, ok } from '../platform/http/zod.ts';
import { changeVenue, registerVenue } from './registry.service.ts';
import { RegisteredVenue, VenueChangeBody, VenueCodeParams, VenueCreateBody } from './venues.schema.ts';

const tags = ['venues'];

/** Registering a venue with its category and kind, and changing its name or kind. */
export async function venueRegistryRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.post(
    '/api/v1/venues',
    {
      // The community in the body must lie inside the caller's division scope.
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Register a venue with its category and kind (VENUE_KINDS)',
        body: jsonSchema(VenueCreateBody),
        response: created(RegisteredVenue),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return registerVenue(ctx, actorOf(r), r.body);
    },
  );
  app.patch(
    '/api/v1/venues/:code',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Change a venue’s name or kind (null clears the kind)',
        params: jsonSchema(VenueCodeParams),
        body: jsonSchema(VenueChangeBody),
        response: ok(RegisteredVenue),
      },
    },
    async (r) => changeVenue(ctx, actorOf(r), r.params.code, r.body),
  );
}
