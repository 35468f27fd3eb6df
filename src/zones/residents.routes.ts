import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, jsonSchema, ok, responseSchema } from '../platform/http/zod.ts';
import { importResidents, listResidents } from './residents.service.ts';
import { DryRunQuery, ResidentsImport, ResidentsPageQuery, ZoneCodeParams, ZoneResidentsPage } from './zones.schema.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['zones'];

/** A zone's recorded residents: the masked list, and the task force's door-to-door list as a sheet. */
export async function residentsRoutes(app: Api, ctx: Ctx): Promise<void> {
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
        params: jsonSchema(ZoneCodeParams),
        querystring: jsonSchema(ResidentsPageQuery),
        response: ok(ZoneResidentsPage),
      },
    },
    async (r) => {
      const q = r.query;
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
        params: jsonSchema(ZoneCodeParams),
        querystring: jsonSchema(DryRunQuery),
        response: {
          200: responseSchema(ResidentsImport, 'Nothing new recorded, or a dry run'),
          201: responseSchema(ResidentsImport, 'Residents recorded'),
        },
      },
    },
    async (r, reply) => {
      const { buf } = uploadOf(r);
      const { dryRun } = r.query;
      const out = await importResidents(ctx, actorOf(r), (r.params as { code: string }).code, buf, dryRun === 'true');
      reply.status(out.added && !out.dryRun ? 201 : 200);
      return out;
    },
  );
}
