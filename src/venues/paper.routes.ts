import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, jsonSchema, ok, responseSchema } from '../platform/http/zod.ts';
import { readPaperSheet } from './paper.import.ts';
import { enterPaperRecords } from './paper.service.ts';
import { venueScans } from './scans.service.ts';
import { PaperBody, PaperEntered, VenueScanList, VenueScansQuery } from './venues.schema.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['venues'];
const entered = {
  200: responseSchema(PaperEntered, 'Nothing new: every line was entered before'),
  201: responseSchema(PaperEntered, 'Lines entered'),
};

/** Paper registrations (typed in afterwards, one, many, or a CSV/XLSX sheet) and a venue's scan list. */
export async function paperRoutes(app: Api, ctx: Ctx): Promise<void> {
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
        body: jsonSchema(PaperBody),
        response: entered,
      },
    },
    async (r, reply) => {
      const out = await enterPaperRecords(ctx, actorOf(r), r.body.records);
      reply.status(out.entered ? 201 : 200);
      return out;
    },
  );
  app.post(
    '/api/v1/imports/paper-registrations',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Import a CSV/XLSX paper sign-in sheet (row-numbered errors, all or nothing)',
        response: entered,
      },
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
        querystring: jsonSchema(VenueScansQuery),
        response: ok(VenueScanList),
      },
    },
    async (r) => {
      const q = r.query;
      return { items: await venueScans(ctx, actorOf(r), (r.params as { code: string }).code, q.date, q.limit) };
    },
  );
}
