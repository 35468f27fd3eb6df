import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok, responseSchema } from '../platform/http/zod.ts';
import { LiaisonView, ReportAnswer, TaskClosed, WhitelistBoard } from './answers.schema.ts';
import { localDay } from './appeals.rules.ts';
import { CreditCodeParams, DayQuery, IdParams, LiaisonQuery, NoteInput, ReportInput } from './appeals.schema.ts';
import { closeTask, liaisonView, statusBoard, submitReport } from './whitelist.service.ts';

/** Whitelisted enterprises' daily reports, the day's board, and the liaison's tasks. */
export async function whitelistRoutes(app: Api, ctx: Ctx): Promise<void> {
  const tags = ['appeals'];
  const codeParams = jsonSchema(CreditCodeParams);
  const idParams = jsonSchema(IdParams);
  app.post(
    '/api/v1/enterprises/:code/reports',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'Daily status of a whitelisted enterprise',
        params: codeParams,
        body: jsonSchema(ReportInput),
        response: {
          200: responseSchema(ReportAnswer, "The day's report, updated"),
          201: responseSchema(ReportAnswer, 'Reported'),
        },
      },
    },
    async (r, reply) => {
      const out = await submitReport(ctx, actorOf(r), r.params.code, r.body);
      reply.status(out.created ? 201 : 200);
      return out;
    },
  );
  app.get(
    '/api/v1/whitelist/board',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Whitelist status board of a day',
        querystring: jsonSchema(DayQuery),
        response: ok(WhitelistBoard),
      },
    },
    async (r) => statusBoard(ctx, actorOf(r), r.query.date ?? localDay(nowIso())),
  );
  app.get(
    '/api/v1/liaison',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'The liaison’s enterprises: open tasks, missing reports, overdue appeals',
        querystring: jsonSchema(LiaisonQuery),
        response: ok(LiaisonView),
      },
    },
    async (r) => liaisonView(ctx, actorOf(r), undefined, r.query.cadreId),
  );
  app.post(
    '/api/v1/liaison/tasks/:id/close',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'Close a liaison task',
        params: idParams,
        body: jsonSchema(NoteInput),
        response: ok(TaskClosed),
      },
    },
    async (r) => closeTask(ctx, actorOf(r), r.params.id, r.body.note),
  );
}
