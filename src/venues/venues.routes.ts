import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { permissionsOf } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { admission } from '../platform/http/admission.ts';
import { actorOf } from '../platform/http/session.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { check, scanWriterOf } from './checks.service.ts';
import { residentPass } from './pass.service.ts';
import { POSTER_FORMATS, venuePoster } from './poster.service.ts';
import { statsWorkbook } from './stats.export.ts';
import { VenueErrors } from './venues.errors.ts';
import { reasonName, VENUE_STATUSES } from './venues.rules.ts';
import {
  latestDay,
  listVenues,
  revokeVenueCode,
  setVenueStatus,
  venueCode,
  venuePage,
  venueStats,
} from './venues.service.ts';

const ScanBody = z.object({
  venueCode: z.string().min(1).max(600),
  personalCode: z.string().max(100).optional(),
  idNumber: z.string().max(32).optional(),
  proxy: z.boolean().optional(),
});
const tags = ['venues'];
type Code = { code: string };

/** Venue registry and codes, and the entrance check itself. */
export async function venuesRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  // A scan that would wait longer than BANYAN_ADMIT_MS, on this thread or in the writer's queue, is
  // refused with 429 at once: a door cannot hold a queue for seconds, and a refusal tells the
  // scanner to try again rather than leaving it hanging.
  const admit = admission({
    boundMs: ctx.config.admitMs,
    code: VenueErrors.SCAN_OVERLOADED,
    waitMs: () => scanWriterOf(ctx)?.waitMs() ?? 0,
  });
  // The hot path: public for personal codes (the code is the credential); a resident ID needs a guard.
  app.post(
    '/api/v1/scans',
    {
      config: { scope: 'public' },
      onRequest: admit,
      schema: { tags, summary: 'Check a person at a venue and record the scan', body: jsonSchema(ScanBody) },
    },
    // Not async: the check's own promise is the reply (one promise and microtask less a scan); a
    // refused check is an error whose status replaces the 201.
    (r, reply) => {
      const b = r.body as z.infer<typeof ScanBody>;
      const guard = r.actor && permissionsOf(r.actor.role).includes('scans:guard') ? r.actor : null;
      const key = r.headers['idempotency-key'];
      reply.status(201);
      return check(
        ctx,
        { ...b, key: typeof key === 'string' && key.length <= 100 ? key : undefined },
        { guard, caller: r.actor?.userId ?? null },
      );
    },
  );
  app.get(
    '/api/v1/pass',
    { config: { scope: 'self' }, schema: { tags, summary: 'The signed-in resident’s pass' } },
    async (r) => residentPass(ctx, actorOf(r)),
  );
  app.get(
    '/api/v1/venues',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Venues with the day’s scans',
        querystring: jsonSchema(
          z.object({
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            district: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
            q: z.string().max(60).optional(),
            status: z.enum(VENUE_STATUSES).optional(),
            // Without a limit, every venue of the area (the CLI and exports); with one, a page and the total.
            limit: z.coerce.number().int().min(1).max(1000).optional(),
            offset: z.coerce.number().int().min(0).optional(),
          }),
        ),
      },
    },
    async (r) => {
      const q = r.query as {
        date: string;
        district?: string;
        q?: string;
        status?: string;
        limit?: number;
        offset?: number;
      };
      if (q.limit === undefined && q.q === undefined && q.status === undefined)
        return { items: await listVenues(ctx, actorOf(r), q.date, q.district) };
      return venuePage(ctx, actorOf(r), q.date, { ...q, limit: q.limit ?? 200, offset: q.offset ?? 0 });
    },
  );
  app.get(
    '/api/v1/venues/stats',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Scans per hour, denials by reason, unusual venues',
        querystring: jsonSchema(
          z.object({
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            district: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
            venue: z.string().min(1).max(40).optional(),
          }),
        ),
      },
    },
    async (r) => {
      const q = r.query as { date: string; district?: string; venue?: string };
      return venueStats(ctx, actorOf(r), q.date, q.district, q.venue);
    },
  );
  app.get(
    '/api/v1/venues/latest-day',
    { config: { scope: 'venue' }, schema: { tags, summary: 'The latest day with scans' } },
    async (r) => {
      return { date: await latestDay(ctx, actorOf(r)) };
    },
  );
  app.get(
    '/api/v1/venues/stats.xlsx',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'The statistics as an Excel workbook',
        querystring: jsonSchema(
          z.object({
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            district: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
            venue: z.string().min(1).max(40).optional(),
          }),
        ),
      },
    },
    async (r, reply) => {
      const q = r.query as { date: string; district?: string; venue?: string };
      const stats = await venueStats(ctx, actorOf(r), q.date, q.district, q.venue);
      const body = await statsWorkbook(stats, reasonName);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="venue-stats-${q.date}.xlsx"`);
      return reply.send(body);
    },
  );
  app.get(
    '/api/v1/venues/:code/code',
    { config: { scope: 'venue' }, schema: { tags, summary: 'The venue’s current signed code (for its poster)' } },
    async (r) => ({ code: await venueCode(ctx, actorOf(r), (r.params as Code).code) }),
  );
  for (const format of POSTER_FORMATS)
    app.get(
      `/api/v1/venues/:code/poster.${format}`,
      {
        config: { scope: 'venue' },
        schema: {
          tags,
          summary: `The venue’s QR poster as ${format.toUpperCase()} (current code version only)`,
          querystring: jsonSchema(z.object({ version: z.coerce.number().int().min(1).optional() })),
        },
      },
      async (r, reply) => {
        const q = r.query as { version?: number };
        const p = await venuePoster(ctx, actorOf(r), (r.params as Code).code, format, q.version);
        reply.header('content-type', p.type).header('content-disposition', `inline; filename="${p.filename}"`);
        return reply.send(p.body);
      },
    );
  app.post(
    '/api/v1/venues/:code/status',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Open, suspend or close-loop a venue',
        body: jsonSchema(z.object({ status: z.enum(VENUE_STATUSES) })),
      },
    },
    async (r) => {
      await setVenueStatus(
        ctx,
        actorOf(r),
        (r.params as Code).code,
        (r.body as { status: (typeof VENUE_STATUSES)[number] }).status,
      );
      return { ok: true };
    },
  );
  app.post(
    '/api/v1/venues/:code/revoke',
    { config: { scope: 'venue' }, schema: { tags, summary: 'Revoke every printed code of the venue' } },
    async (r) => {
      await revokeVenueCode(ctx, actorOf(r), (r.params as Code).code);
      return { code: await venueCode(ctx, actorOf(r), (r.params as Code).code) };
    },
  );
}
