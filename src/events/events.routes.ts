import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, created, file, jsonSchema, ok, responseSchema } from '../platform/http/zod.ts';
import { classification, planEvent } from './classify.service.ts';
import { examWorkbook } from './events.export.ts';
import {
  Classification,
  ClassifyQuery,
  EventCodeParams,
  EventDryRunQuery,
  EventImportResult,
  EventInput,
  EventList,
  EventSummary,
  ExportQuery,
  Manifest,
  PlanQuery,
  RoomPlan,
  SessionParams,
} from './events.schema.ts';
import { createEvent, eventSummary, listEvents } from './events.service.ts';
import { importCandidates, importRooms } from './imports.service.ts';
import { importVehicles, manifest, planShuttles } from './shuttles.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['events'];

/**
 * Exams: the exam office creates them and sends rooms and candidates as sheets, classifies and
 * plans; district officers read their district's sites and candidates (masked).
 */
export async function eventsRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 32 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.get(
    '/api/v1/events',
    { config: { scope: 'district' }, schema: { tags, summary: 'Events with their figures', response: ok(EventList) } },
    async (r) => ({ items: await listEvents(ctx, actorOf(r)) }),
  );
  app.post(
    '/api/v1/events',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Create an exam with its sessions',
        body: jsonSchema(EventInput),
        response: created(EventSummary),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return createEvent(ctx, actorOf(r), r.body);
    },
  );
  app.get(
    '/api/v1/events/:code',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'An event’s figures', params: jsonSchema(EventCodeParams), response: ok(EventSummary) },
    },
    async (r) => eventSummary(ctx, actorOf(r), r.params.code),
  );
  for (const [what, fn] of [
    ['rooms', importRooms],
    ['candidates', importCandidates],
    ['vehicles', importVehicles],
  ] as const)
    app.post(
      `/api/v1/events/:code/${what}`,
      {
        config: { scope: 'city' },
        schema: {
          tags,
          summary: `Record ${what} from a CSV/XLSX sheet (all or nothing, row-numbered errors, idempotent)`,
          params: jsonSchema(EventCodeParams),
          querystring: jsonSchema(EventDryRunQuery),
          response: {
            200: responseSchema(EventImportResult, 'Nothing changed, or a dry run'),
            201: responseSchema(EventImportResult, 'Recorded'),
          },
        },
      },
      async (r, reply) => {
        const { buf, filename } = uploadOf(r);
        const out = await fn(ctx, actorOf(r), r.params.code, buf, { dryRun: r.query.dryRun === 'true', filename });
        reply.status(!out.dryRun && out.inserted + out.updated > 0 ? 201 : 200);
        return out;
      },
    );
  app.get(
    '/api/v1/events/:code/classification',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Candidates as regular, special or barred at an instant, with rule and policy version',
        params: jsonSchema(EventCodeParams),
        querystring: jsonSchema(ClassifyQuery),
        response: ok(Classification),
      },
    },
    async (r) => classification(ctx, actorOf(r), r.params.code, r.query),
  );
  app.post(
    '/api/v1/events/:code/plan',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Seat special candidates in isolation rooms; refuses, changing nothing, when seats run out',
        params: jsonSchema(EventCodeParams),
        querystring: jsonSchema(PlanQuery),
        response: ok(RoomPlan),
      },
    },
    async (r) => planEvent(ctx, actorOf(r), r.params.code, { at: r.query.at, dryRun: r.query.dryRun === 'true' }),
  );
  app.get(
    '/api/v1/events/:code/export.xlsx',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'The exam’s figures and classified candidates (masked) as a workbook',
        params: jsonSchema(EventCodeParams),
        querystring: jsonSchema(ExportQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (r, reply) => {
      const body = await examWorkbook(ctx, actorOf(r), r.params.code, r.query.at);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="exam-${r.params.code}.xlsx"`);
      return reply.send(body);
    },
  );
  app.post(
    '/api/v1/events/:code/sessions/:no/shuttles',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Assign the point-to-point trips before a session (special and regular never share a vehicle)',
        params: jsonSchema(SessionParams),
        response: ok(Manifest),
      },
    },
    async (r) => planShuttles(ctx, actorOf(r), r.params.code, r.params.no),
  );
  app.get(
    '/api/v1/events/:code/sessions/:no/trips',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'The drivers’ manifest of a session (masked)',
        params: jsonSchema(SessionParams),
        response: ok(Manifest),
      },
    },
    async (r) => manifest(ctx, actorOf(r), r.params.code, r.params.no),
  );
}
