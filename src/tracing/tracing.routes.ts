import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, file, jsonSchema, ok, responseSchema } from '../platform/http/zod.ts';
import { traceCase } from './copresence.service.ts';
import { listMarks } from './marks-list.service.ts';
import { marksWorkbook, readMarkSheet } from './tracing.import.ts';
import {
  CloseMarkBody,
  MarkClosed,
  MarkIdParams,
  MarkPage,
  MarksAdded,
  MarksBody,
  MarksImportQuery,
  MarksListQuery,
  TraceBody,
  TraceResult,
} from './tracing.schema.ts';
import { addMarks, closeRiskMark } from './tracing.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['tracing'];
const query = (q: MarksListQuery) => ({ ...q, active: q.active === undefined ? undefined : q.active === 'true' });

/** Risk marks (add, import, withdraw, list, export) and co-presence tracing of a case. */
export async function tracingRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.get(
    '/api/v1/tracing/marks',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Risk marks in scope, masked, with their effect now',
        querystring: jsonSchema(MarksListQuery),
        response: ok(MarkPage),
      },
    },
    async (r) => listMarks(ctx, actorOf(r), query(r.query)),
  );
  app.get(
    '/api/v1/tracing/marks.xlsx',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'The marks list as XLSX',
        querystring: jsonSchema(MarksListQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (r, reply) => {
      const { items } = await listMarks(ctx, actorOf(r), { ...query(r.query), pageSize: 5000 });
      reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="tracing-marks.xlsx"');
      return marksWorkbook(items);
    },
  );
  app.post(
    '/api/v1/tracing/marks',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Record risk marks (all or nothing; a re-submission records nothing twice)',
        body: jsonSchema(MarksBody),
        response: {
          200: responseSchema(MarksAdded, 'Nothing new: every mark was recorded before'),
          201: responseSchema(MarksAdded, 'Marks recorded'),
        },
      },
    },
    async (r, reply) => {
      const out = await addMarks(ctx, actorOf(r), r.body.records);
      reply.status(out.added ? 201 : 200);
      return out;
    },
  );
  app.post(
    '/api/v1/imports/tracing-marks',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Import a CSV/XLSX sheet of risk marks (row-numbered errors, all or nothing)',
        querystring: jsonSchema(MarksImportQuery),
        response: {
          200: responseSchema(MarksAdded, 'Nothing new, or a dry run'),
          201: responseSchema(MarksAdded, 'Marks recorded'),
        },
      },
    },
    async (r, reply) => {
      const { buf } = uploadOf(r);
      const dryRun = r.query.dryRun === 'true';
      const out = await addMarks(ctx, actorOf(r), await readMarkSheet(buf), 'import', undefined, { dryRun });
      reply.status(out.added ? 201 : 200);
      return out;
    },
  );
  app.post(
    '/api/v1/tracing/marks/:id/close',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Withdraw (recorded by mistake) or end a mark, with a reason',
        params: jsonSchema(MarkIdParams),
        body: jsonSchema(CloseMarkBody),
        response: ok(MarkClosed),
      },
    },
    async (r) => closeRiskMark(ctx, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/api/v1/tracing/cases/:id/trace',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Put everyone scanned near a case’s scans in its look-back window on the trace list',
        body: jsonSchema(TraceBody),
        response: ok(TraceResult),
      },
    },
    async (r) => {
      const body = r.body ?? {};
      const raw = (r.params as { id: string }).id;
      // A case by its database id or its case number.
      const by = /^\d+$/.test(raw) ? { id: Number(raw) } : { caseNo: raw };
      return traceCase(ctx, actorOf(r), by, body);
    },
  );
}
