import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, created, jsonSchema, ok } from '../platform/http/zod.ts';
import { DraftAnswer, DraftCreate, DraftEdit, DraftList } from './drafts.schema.ts';
import { createDraft, editDraft, getDraft, listDrafts } from './drafts.service.ts';
import { PolicyIdParams } from './policy.schema.ts';

const tags = ['policy'];

/** Draft → edit (each step audited); publication by a second person is in replay's routes. */
export async function draftRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/policy-drafts',
    { config: { scope: 'city' }, schema: { tags, summary: 'Policy drafts', response: ok(DraftList) } },
    async (r) => ({ items: await listDrafts(ctx, actorOf(r)) }),
  );
  app.post(
    '/api/v1/policy-drafts',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Draft a new version from an existing one (audited)',
        body: jsonSchema(DraftCreate),
        response: created(DraftAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return { draft: await createDraft(ctx, actorOf(r), r.body) };
    },
  );
  app.get(
    '/api/v1/policy-drafts/:id',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'One draft', params: jsonSchema(PolicyIdParams), response: ok(DraftAnswer) },
    },
    async (r) => ({ draft: await getDraft(ctx, actorOf(r), r.params.id) }),
  );
  app.put(
    '/api/v1/policy-drafts/:id',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Edit a draft; a missing or contradictory parameter is refused by name (audited)',
        params: jsonSchema(PolicyIdParams),
        body: jsonSchema(DraftEdit),
        response: ok(DraftAnswer),
      },
    },
    async (r) => ({ draft: await editDraft(ctx, actorOf(r), r.params.id, r.body) }),
  );
  // Publishing (POST /api/v1/policy-drafts/:id/publish) is replay's: it switches the city over when due.
}
