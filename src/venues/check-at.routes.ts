import { PersonIdParams } from '../people/people.schema.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { checkAt } from './check-at.service.ts';
import { CheckReplay, CheckReplayQuery } from './venues.schema.ts';

/** The entrance verdict a person would have met at a venue, now or at a past moment, under any version. */
export async function checkAtRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/persons/:id/entrance',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['venues'],
        summary:
          'The entrance verdict at a venue now or at a past moment, from the records as they stood then, under the version in force or another (nothing stored)',
        params: jsonSchema(PersonIdParams),
        querystring: jsonSchema(CheckReplayQuery),
        response: ok(CheckReplay),
      },
    },
    async (r) =>
      checkAt(ctx, actorOf(r), {
        venueCode: r.query.venue,
        personId: r.params.id,
        at: r.query.at === undefined ? undefined : Date.parse(r.query.at),
        policyId: r.query.policy,
      }),
  );
}
