import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DIVISIONS } from '../geo/geo.data.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, file, jsonSchema, ok, responseSchema } from '../platform/http/zod.ts';
import {
  AppealDetail,
  AppealOptions,
  AppealPage,
  AppealsDashboard,
  Deadlines,
  Dispatched,
  EnterpriseAnswer,
  EnterpriseImport,
  EnterprisePage,
  Escalations,
  HotlineAnswer,
  SubmitAnswer,
  TrackAnswer,
  Units,
} from './answers.schema.ts';
import { appealsSettings } from './appeals.config.ts';
import { appealsDashboard, exportAppeals } from './appeals.dashboard.ts';
import { CATEGORIES, localDay, URGENCIES } from './appeals.rules.ts';
import {
  AppealInput,
  AppealsQuery,
  ChannelQuery,
  CreditCodeParams,
  DashboardQuery,
  DeadlineInput,
  DispatchInput,
  DryRunQuery,
  EnterpriseInput,
  EnterprisesQuery,
  EscalationInput,
  IdParams,
  MergeInput,
  NoteInput,
  RateInput,
  ReplyInput,
  ReturnInput,
  TrackQuery,
  TrackRateInput,
} from './appeals.schema.ts';
import { unitOf, units } from './appeals.service.ts';
import { getEnterprise, importEnterprises, listEnterprises, saveEnterprise } from './enterprises.service.ts';
import { configuredDeadlines, setDeadline, submitAppeal } from './intake.service.ts';
import { getAppeal, listAppeals, trackAppeal } from './queries.service.ts';
import {
  closeAppeal,
  dispatchAppeals,
  escalateOverdue,
  mergeAppeal,
  noteAppeal,
  rateAppeal,
  rateByTracking,
  replyAppeal,
  returnAppeal,
  signAppeal,
} from './workflow.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParams = jsonSchema(IdParams);
const codeParams = jsonSchema(CreditCodeParams);
const idOf = (r: FastifyRequest) => (r.params as { id: number }).id;
const DISTRICTS = DIVISIONS.filter((d) => d.level === 'district').map((d) => d.code);
// Per address: a person files a handful of appeals; a script filing hundreds is refused with 429.
const SUBMIT_LIMIT = { scope: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } } as const;
const TRACK_LIMIT = { scope: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } } as const;

/** Public intake and tracking; hotline, dispatch, unit inbox, dashboard; enterprises and whitelist. */
export async function appealsRoutes(app: Api, ctx: Ctx): Promise<void> {
  const tags = ['appeals'];
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 16 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  // ------------------------------------------------------------------ public (no session)
  app.get(
    '/api/v1/public/appeals/options',
    {
      config: { scope: 'public' },
      schema: { tags, summary: 'Form choices', response: ok(AppealOptions) },
    },
    async () => ({
      categories: [...CATEGORIES],
      urgencies: [...URGENCIES],
      districts: DIVISIONS.filter((d) => d.level === 'district').map((d) => ({ code: d.code, name: d.name })),
      ...appealsSettings(),
    }),
  );
  app.post(
    '/api/v1/public/appeals',
    {
      schema: {
        tags,
        summary: 'Submit an appeal on the web (抗疫通道) or mobile (一键写信) channel',
        querystring: jsonSchema(ChannelQuery),
        body: jsonSchema(AppealInput),
        response: {
          200: responseSchema(SubmitAnswer, 'The same submission was received before'),
          201: responseSchema(SubmitAnswer, 'Received'),
        },
      },
      config: SUBMIT_LIMIT,
    },
    async (r, reply) => {
      const { channel } = r.query;
      const { created, appeal } = await submitAppeal(ctx, 'public', channel, r.body as AppealInput);
      reply.status(created ? 201 : 200);
      return { created, trackingNo: appeal.tracking_no, status: appeal.status, dueAt: appeal.due_at };
    },
  );
  app.post(
    '/api/v1/public/appeals/track',
    {
      schema: {
        tags,
        summary: 'Status and reply by tracking number + last four phone digits',
        body: jsonSchema(TrackQuery),
        response: ok(TrackAnswer),
      },
      config: TRACK_LIMIT,
    },
    async (r) => {
      const b = r.body;
      return trackAppeal(ctx, b.trackingNo, b.last4);
    },
  );
  app.post(
    '/api/v1/public/appeals/rate',
    {
      schema: { tags, summary: 'Rate the reply', body: jsonSchema(TrackRateInput), response: ok(TrackAnswer) },
      config: TRACK_LIMIT,
    },
    async (r) => {
      const b = r.body;
      return rateByTracking(ctx, b.trackingNo, b.last4, b.rating, b.comment);
    },
  );

  // ------------------------------------------------------------------ appeals (staff)
  app.post(
    '/api/v1/appeals',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Record a hotline call',
        body: jsonSchema(AppealInput),
        response: {
          200: responseSchema(HotlineAnswer, 'The same call was recorded before'),
          201: responseSchema(HotlineAnswer, 'Recorded'),
        },
      },
    },
    async (r, reply) => {
      const actor = actorOf(r);
      const { created, appeal } = await submitAppeal(ctx, actor, 'hotline', r.body as AppealInput);
      reply.status(created ? 201 : 200);
      return { created, ...(await getAppeal(ctx, actor, appeal.id)) };
    },
  );
  app.get(
    '/api/v1/appeals',
    {
      config: { scope: 'unit' },
      schema: {
        tags,
        summary: 'Queue / inbox / any list',
        querystring: jsonSchema(AppealsQuery),
        response: ok(AppealPage),
      },
    },
    async (r) => listAppeals(ctx, actorOf(r), r.query),
  );
  app.get(
    '/api/v1/appeals/export.xlsx',
    {
      config: { scope: 'unit' },
      schema: {
        tags,
        summary: 'Any list as XLSX',
        querystring: jsonSchema(AppealsQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (r, reply) => {
      const buf = await exportAppeals(ctx, actorOf(r), r.query);
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="appeals.xlsx"; filename*=UTF-8''${encodeURIComponent(`诉求清单-${localDay(nowIso())}.xlsx`)}`,
        );
      return buf;
    },
  );
  app.get(
    '/api/v1/appeals/dashboard',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Dashboard figures',
        querystring: jsonSchema(DashboardQuery),
        response: ok(AppealsDashboard),
      },
    },
    async (r) => appealsDashboard(ctx, actorOf(r), r.query),
  );
  app.get(
    '/api/v1/appeals/units',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'Handling units and mine', response: ok(Units) },
    },
    async (r) => ({
      items: units(DISTRICTS),
      mine: await unitOf(ctx, actorOf(r)),
    }),
  );
  app.get(
    '/api/v1/appeals/deadlines',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'Configured deadlines', response: ok(Deadlines) },
    },
    async (r) => {
      actorOf(r);
      return { items: await configuredDeadlines(ctx) };
    },
  );
  app.put(
    '/api/v1/appeals/deadlines',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'Set a deadline', body: jsonSchema(DeadlineInput), response: ok(Deadlines) },
    },
    async (r) => ({
      items: await setDeadline(ctx, actorOf(r), r.body),
    }),
  );
  app.post(
    '/api/v1/appeals/escalations',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Run the deadline job now',
        body: jsonSchema(EscalationInput),
        response: ok(Escalations),
      },
    },
    async (r) => {
      const at = (r.body as { at?: string } | undefined)?.at;
      return escalateOverdue(ctx, actorOf(r), at ? new Date(at).toISOString() : undefined);
    },
  );
  app.post(
    '/api/v1/appeals/dispatch',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Dispatch (bulk) to a unit', body: jsonSchema(DispatchInput), response: ok(Dispatched) },
    },
    async (r) => {
      const b = r.body;
      const done = await dispatchAppeals(ctx, actorOf(r), b.ids, b.unit, b.note);
      return { dispatched: done.length };
    },
  );
  app.get(
    '/api/v1/appeals/:id',
    {
      config: { scope: 'unit' },
      schema: { tags, summary: 'One appeal with its timeline', params: idParams, response: ok(AppealDetail) },
    },
    async (r) => getAppeal(ctx, actorOf(r), idOf(r)),
  );
  const step = (path: string, summary: string, body: z.ZodType | null, fn: (r: FastifyRequest) => Promise<unknown>) =>
    app.post(
      `/api/v1/appeals/:id/${path}`,
      {
        config: { scope: 'unit' },
        schema: {
          tags,
          summary,
          params: idParams,
          ...(body ? { body: jsonSchema(body) } : {}),
          response: ok(AppealDetail),
        },
      },
      async (r) => {
        await fn(r);
        return getAppeal(ctx, actorOf(r), idOf(r));
      },
    );
  step('sign', 'Sign off (the holding unit)', null, (r) => signAppeal(ctx, actorOf(r), idOf(r)));
  step('return', 'Return to the dispatcher with a reason', ReturnInput, (r) =>
    returnAppeal(ctx, actorOf(r), idOf(r), (r.body as { reason: string }).reason),
  );
  step('notes', 'Progress note', NoteInput, (r) =>
    noteAppeal(ctx, actorOf(r), idOf(r), (r.body as { note: string }).note),
  );
  step('reply', 'Reply to the submitter', ReplyInput, (r) =>
    replyAppeal(ctx, actorOf(r), idOf(r), (r.body as { reply: string }).reply),
  );
  step('rate', 'Rating taken on the follow-up call', RateInput, (r) => {
    const b = r.body as z.infer<typeof RateInput>;
    return rateAppeal(ctx, actorOf(r), idOf(r), b.rating, b.comment);
  });
  step('close', 'Close a replied appeal without rating', null, (r) => closeAppeal(ctx, actorOf(r), idOf(r)));
  app.post(
    '/api/v1/appeals/:id/merge',
    {
      config: { scope: 'unit' },
      schema: {
        tags,
        summary: 'Merge a duplicate into another appeal',
        params: idParams,
        body: jsonSchema(MergeInput),
        response: ok(AppealDetail, 'The appeal merged into'),
      },
    },
    async (r) => {
      const { into } = r.body as { into: number };
      await mergeAppeal(ctx, actorOf(r), idOf(r), into);
      return getAppeal(ctx, actorOf(r), into);
    },
  );

  // ------------------------------------------------------------------ enterprises and whitelist
  app.get(
    '/api/v1/enterprises',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'Enterprise registry',
        querystring: jsonSchema(EnterprisesQuery),
        response: ok(EnterprisePage),
      },
    },
    async (r) => listEnterprises(ctx, actorOf(r), r.query),
  );
  app.post(
    '/api/v1/enterprises',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'Register or update an enterprise',
        body: jsonSchema(EnterpriseInput),
        response: ok(EnterpriseAnswer),
      },
    },
    async (r) => ({
      enterprise: await saveEnterprise(ctx, actorOf(r), r.body),
    }),
  );
  app.get(
    '/api/v1/enterprises/:code',
    {
      config: { scope: 'enterprise' },
      schema: { tags, summary: 'One enterprise', params: codeParams, response: ok(EnterpriseAnswer) },
    },
    async (r) => ({
      enterprise: await getEnterprise(ctx, actorOf(r), (r.params as { code: string }).code),
    }),
  );
  app.post(
    '/api/v1/imports/enterprises',
    {
      config: { scope: 'enterprise' },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import enterprises (CSV/XLSX, all or nothing)',
        querystring: jsonSchema(DryRunQuery),
        response: ok(EnterpriseImport),
      },
    },
    async (r) => {
      return importEnterprises(ctx, actorOf(r), uploadOf(r), {
        dryRun: r.query.dryRun === 'true',
      });
    },
  );
}
