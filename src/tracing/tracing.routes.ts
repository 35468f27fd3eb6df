import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { traceCase } from './copresence.service.ts';
import { listMarks } from './marks-list.service.ts';
import { marksWorkbook, readMarkSheet } from './tracing.import.ts';
import { addMarks, closeRiskMark } from './tracing.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['tracing'];
const Mark = z.object({
  idNumber: z.string().min(1).max(32),
  kind: z.string().min(1).max(40),
  since: z.string().min(1).max(40),
  caseNo: z.string().max(40).optional(),
  zone: z.string().max(40).optional(),
  origin: z.string().max(80).optional(),
  note: z.string().max(500).optional(),
});
const ListQuery = z.object({
  kind: z.string().max(40).optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  active: z.enum(['true', 'false']).optional(),
  caseNo: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});
type ListQuery = z.infer<typeof ListQuery>;
const query = (q: ListQuery) => ({ ...q, active: q.active === undefined ? undefined : q.active === 'true' });

/** Risk marks (add, import, withdraw, list, export) and co-presence tracing of a case. */
export async function tracingRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
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
        querystring: jsonSchema(ListQuery),
      },
    },
    async (r) => listMarks(ctx, actorOf(r), query(r.query as ListQuery)),
  );
  app.get(
    '/api/v1/tracing/marks.xlsx',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'The marks list as XLSX', querystring: jsonSchema(ListQuery) },
    },
    async (r, reply) => {
      const { items } = await listMarks(ctx, actorOf(r), { ...query(r.query as ListQuery), pageSize: 5000 });
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
        body: jsonSchema(z.object({ records: z.array(Mark).min(1).max(5000) })),
      },
    },
    async (r, reply) => {
      const out = await addMarks(ctx, actorOf(r), (r.body as { records: z.infer<typeof Mark>[] }).records);
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
        querystring: jsonSchema(z.object({ dryRun: z.enum(['true', 'false']).optional() })),
      },
    },
    async (r, reply) => {
      const { buf } = uploadOf(r);
      const dryRun = (r.query as { dryRun?: string }).dryRun === 'true';
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
        params: jsonSchema(
          z.object({
            id: z.coerce
              .number()
              .int()
              .positive()
              .max(2 ** 31 - 1),
          }),
        ),
        body: jsonSchema(
          z.object({ reason: z.string().min(1).max(500), status: z.enum(['withdrawn', 'ended']).optional() }),
        ),
      },
    },
    async (r) =>
      closeRiskMark(
        ctx,
        actorOf(r),
        (r.params as { id: number }).id,
        r.body as { reason: string; status?: 'withdrawn' | 'ended' },
      ),
  );
  app.post(
    '/api/v1/tracing/cases/:id/trace',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Put everyone scanned near a case’s scans in its look-back window on the trace list',
        body: jsonSchema(
          z
            .object({
              minutes: z.number().int().min(1).max(240).optional(),
              onsetOn: z
                .string()
                .regex(/^\d{4}-\d{2}-\d{2}$/)
                .optional(),
            })
            .optional(),
        ),
      },
    },
    async (r) => {
      const body = (r.body ?? {}) as { minutes?: number; onsetOn?: string };
      const raw = (r.params as { id: string }).id;
      // A case by its database id or its case number.
      const by = /^\d+$/.test(raw) ? { id: Number(raw) } : { caseNo: raw };
      return traceCase(ctx, actorOf(r), by, body);
    },
  );
}
