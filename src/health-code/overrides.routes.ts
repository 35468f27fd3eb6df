import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, created, jsonSchema, ok } from '../platform/http/zod.ts';
import { explainColour } from './explain.service.ts';
import {
  ColourExplanation,
  ColourQuery,
  OverrideAnswer,
  OverrideArea,
  OverrideIdParams,
  OverrideList,
  OverrideListQuery,
  OverrideRequest,
  OverrideRevoke,
} from './overrides.schema.ts';
import {
  decideOverride,
  listOverrides,
  overridesInArea,
  requestOverride,
  revokeOverride,
} from './overrides.service.ts';

const tags = ['health-code'];

/** Manual colours: request, then a second person approves or rejects; revoke early; the lists by state. */
export async function overridesRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.post(
    '/api/v1/colour-overrides',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Request a manual colour (needs a second approver)',
        body: jsonSchema(OverrideRequest),
        response: created(OverrideAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return { override: await requestOverride(ctx, actorOf(r), r.body) };
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
        schema: {
          tags,
          summary: `${path} a manual colour`,
          params: jsonSchema(OverrideIdParams),
          response: ok(OverrideAnswer),
        },
      },
      async (r) => ({
        override: await decideOverride(ctx, actorOf(r), r.params.id, approve),
      }),
    );
  }
  app.post(
    '/api/v1/colour-overrides/:id/revoke',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'End a manual colour before its expiry, or withdraw a pending request (with a reason)',
        params: jsonSchema(OverrideIdParams),
        body: jsonSchema(OverrideRevoke),
        response: ok(OverrideAnswer),
      },
    },
    async (r) => ({ override: await revokeOverride(ctx, actorOf(r), r.params.id, r.body.reason) }),
  );
  app.get(
    '/api/v1/colour-overrides',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Manual colours of one state in the caller’s area, newest first (persons masked)',
        querystring: jsonSchema(OverrideListQuery),
        response: ok(OverrideArea),
      },
    },
    async (r) => ({ items: await overridesInArea(ctx, actorOf(r), r.query) }),
  );
  app.get(
    '/api/v1/persons/:id/colour',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary:
          'Why a person has their colour now, or had it at a moment, under the version in force or another (nothing stored)',
        params: jsonSchema(OverrideIdParams),
        querystring: jsonSchema(ColourQuery),
        response: ok(ColourExplanation),
      },
    },
    async (r) =>
      explainColour(ctx, actorOf(r), r.params.id, {
        at: r.query.at === undefined ? undefined : Date.parse(r.query.at),
        policyId: r.query.policy,
      }),
  );
  app.get(
    '/api/v1/persons/:id/colour-overrides',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'A person’s manual colours',
        params: jsonSchema(OverrideIdParams),
        response: ok(OverrideList),
      },
    },
    async (r) => ({
      items: await listOverrides(ctx, actorOf(r), r.params.id),
    }),
  );
}
