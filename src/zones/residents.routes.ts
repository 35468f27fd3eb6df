import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { importResidents, listResidents } from './residents.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Params = z.object({ code: z.string().min(1).max(32) });
const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
const DryRun = z.object({ dryRun: z.enum(['true', 'false']).optional() });
const tags = ['zones'];

/** A zone's recorded residents: the masked list, and the task force's door-to-door list as a sheet. */
export async function residentsRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 16 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.get(
    '/api/v1/zones/:code/residents',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Recorded residents of a zone (masked)',
        params: jsonSchema(Params),
        querystring: jsonSchema(Page),
      },
    },
    async (r) => {
      const q = r.query as z.infer<typeof Page>;
      return listResidents(ctx, actorOf(r), (r.params as { code: string }).code, q.page, q.pageSize);
    },
  );
  app.post(
    '/api/v1/zones/:code/residents',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary:
          'Record residents from a CSV/XLSX list of ID numbers (all or nothing, row-numbered errors, idempotent)',
        params: jsonSchema(Params),
        querystring: jsonSchema(DryRun),
      },
    },
    async (r, reply) => {
      const { buf } = uploadOf(r);
      const { dryRun } = r.query as z.infer<typeof DryRun>;
      const out = await importResidents(ctx, actorOf(r), (r.params as { code: string }).code, buf, dryRun === 'true');
      reply.status(out.added && !out.dryRun ? 201 : 200);
      return out;
    },
  );
}
