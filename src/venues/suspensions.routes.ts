import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, created, jsonSchema, ok } from '../platform/http/zod.ts';
import type { NoticeKind } from './suspensions.rules.ts';
import { NoticeBody, NoticeList, NoticeReopened, NoticeSuspended, ReopenBody } from './suspensions.schema.ts';
import { listNotices, reopenByNotice, suspendByNotice } from './suspensions.service.ts';

const tags = ['venues'];

/** Suspension notices: suspend venues by category and area with a notice number, and reopen by it. */
export async function suspensionRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/venue-notices',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Suspension notices touching the caller’s area', response: ok(NoticeList) },
    },
    async (r) => ({ items: await listNotices(ctx, actorOf(r)) }),
  );
  app.post(
    '/api/v1/venue-notices',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Suspend the venues of categories in districts (or the city) by a notice',
        body: jsonSchema(NoticeBody),
        response: created(NoticeSuspended),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return suspendByNotice(ctx, actorOf(r), { ...r.body, kinds: r.body.kinds as NoticeKind[] });
    },
  );
  app.post(
    '/api/v1/venue-notices/reopen',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Reopen the venues a notice suspended, each to its status before',
        body: jsonSchema(ReopenBody),
        response: ok(NoticeReopened),
      },
    },
    async (r) => reopenByNotice(ctx, actorOf(r), r.body.noticeNo),
  );
}
