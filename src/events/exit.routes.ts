import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { ExitDaily, ExitDayQuery, FlaggedExits } from './exit.schema.ts';
import { exitDaily, flaggedExits } from './exit.service.ts';

const tags = ['events'];

/**
 * City exits: the day's departures per checkpoint for the command centre; a district's residents of
 * restricted zones who tried to leave, for its officers (masked). The checkpoint scan itself is
 * POST /api/v1/scans with its `exit` declaration.
 */
export async function exitRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/exits/daily',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Departures allowed and refused per city-exit checkpoint on a day, by declared and refusal reason',
        querystring: jsonSchema(ExitDayQuery),
        response: ok(ExitDaily),
      },
    },
    async (r) => exitDaily(ctx, actorOf(r), r.query.date),
  );
  app.get(
    '/api/v1/exits/flagged',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Residents of restricted zones in the caller’s area who tried to leave the city on a day (masked)',
        querystring: jsonSchema(ExitDayQuery),
        response: ok(FlaggedExits),
      },
    },
    async (r) => flaggedExits(ctx, actorOf(r), r.query.date),
  );
}
