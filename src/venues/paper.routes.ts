import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { readPaperSheet } from './paper.import.ts';
import { enterPaperRecords } from './paper.service.ts';
import { venueScans } from './scans.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Record = z.object({
  venue: z.string().min(1).max(40),
  at: z.string().min(1).max(40),
  idNumber: z.string().max(32).optional(),
  name: z.string().max(50).optional(),
  phone: z.string().max(32).optional(),
});
const tags = ['venues'];

/** Paper registrations (typed in afterwards, one, many, or a CSV/XLSX sheet) and a venue's scan list. */
export async function paperRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.post(
    '/api/v1/paper-registrations',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Enter paper registrations (all or nothing; a re-submission records nothing twice)',
        body: jsonSchema(z.object({ records: z.array(Record).min(1).max(5000) })),
      },
    },
    async (r, reply) => {
      const out = await enterPaperRecords(ctx, actorOf(r), (r.body as { records: z.infer<typeof Record>[] }).records);
      reply.status(out.entered ? 201 : 200);
      return out;
    },
  );
  app.post(
    '/api/v1/imports/paper-registrations',
    {
      config: { scope: 'venue' },
      schema: { tags, summary: 'Import a CSV/XLSX paper sign-in sheet (row-numbered errors, all or nothing)' },
    },
    async (r, reply) => {
      const { buf } = uploadOf(r);
      const out = await enterPaperRecords(ctx, actorOf(r), await readPaperSheet(buf));
      reply.status(out.entered ? 201 : 200);
      return out;
    },
  );
  app.get(
    '/api/v1/venues/:code/scans',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'A venue’s scans of a day, scanned and paper, with masked identities (for tracing)',
        querystring: jsonSchema(
          z.object({
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            limit: z.coerce.number().int().min(1).max(5000).optional(),
          }),
        ),
      },
    },
    async (r) => {
      const q = r.query as { date: string; limit?: number };
      return { items: await venueScans(ctx, actorOf(r), (r.params as { code: string }).code, q.date, q.limit) };
    },
  );
}
