import { beijingToday } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, jsonSchema, ok } from '../platform/http/zod.ts';
import { DraftAnswer } from '../policy/drafts.schema.ts';
import { publishDraft } from '../policy/drafts.service.ts';
import { PolicyIdParams } from '../policy/policy.schema.ts';
import {
  SwitchoverAnswer,
  SwitchoverChanges,
  SwitchoverChangesQuery,
  SwitchoverList,
  Switchover as SwitchoverSchema,
} from './switchover.schema.ts';
import {
  getSwitchover,
  listSwitchoverChanges,
  listSwitchovers,
  switchOver,
  switchOverIfDue,
} from './switchover.service.ts';

const tags = ['policy'];
const PublishAnswer = DraftAnswer.extend({ switchOver: SwitchoverSchema.nullable() });

/** Publication by a second person, and the city switched over to a version when it takes effect. */
export async function switchoverRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.post(
    '/api/v1/policy-drafts/:id/publish',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Publish a draft as a version: a second person only (audited); in force today, the city switches over',
        params: jsonSchema(PolicyIdParams),
        response: ok(PublishAnswer),
      },
    },
    async (r) => {
      const actor = actorOf(r);
      const draft = await publishDraft(ctx, actor, r.params.id);
      return { draft, switchOver: await switchOverIfDue(ctx, actor, beijingToday(), draft.id) };
    },
  );
  app.get(
    '/api/v1/policy-switchovers',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'Switch-overs, latest first', response: ok(SwitchoverList) },
    },
    async (r) => ({ items: await listSwitchovers(ctx, actorOf(r)) }),
  );
  app.get(
    '/api/v1/policies/:id/switch-over',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: "A version's switch-over: zones lifted and kept, colours changed, venues, each by rule",
        params: jsonSchema(PolicyIdParams),
        response: ok(SwitchoverAnswer),
      },
    },
    async (r) => ({ switchOver: await getSwitchover(ctx, actorOf(r), r.params.id) }),
  );
  app.post(
    '/api/v1/policies/:id/switch-over',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Switch the city over to a version in effect (once; asked again, the record)',
        params: jsonSchema(PolicyIdParams),
        response: ok(SwitchoverAnswer),
      },
    },
    async (r) => ({ switchOver: await switchOver(ctx, actorOf(r), r.params.id) }),
  );
  app.get(
    '/api/v1/policies/:id/switch-over/changes',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: "A page of a switch-over's changes (zones, residents by id, venue categories) with their rules",
        params: jsonSchema(PolicyIdParams),
        querystring: jsonSchema(SwitchoverChangesQuery),
        response: ok(SwitchoverChanges),
      },
    },
    async (r) => listSwitchoverChanges(ctx, actorOf(r), r.params.id, r.query),
  );
}
