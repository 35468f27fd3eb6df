import { permissionsOf } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { admission } from '../platform/http/admission.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, created, file, jsonSchema, ok } from '../platform/http/zod.ts';
import { check, scanWriterOf } from './checks.service.ts';
import { residentPass } from './pass.service.ts';
import { POSTER_FORMATS, POSTER_TYPES, venuePoster } from './poster.service.ts';
import { replayScanLog } from './scan-sink.ts';
import { statsWorkbook } from './stats.export.ts';
import { VenueErrors } from './venues.errors.ts';
import { reasonName } from './venues.rules.ts';
import {
  CheckResult,
  Done,
  LatestScanDay,
  PosterQuery,
  ResidentPass,
  ScanBody,
  StatsQuery,
  VenueCodeAnswer,
  VenueList,
  VenueStats,
  VenueStatusBody,
  VenuesQuery,
} from './venues.schema.ts';
import {
  latestDay,
  listVenues,
  revokeVenueCode,
  setVenueStatus,
  venueCode,
  venuePage,
  venueStats,
} from './venues.service.ts';

const tags = ['venues'];
type Code = { code: string };

/** Venue registry and codes, and the entrance check itself. */
export async function venuesRoutes(app: Api, ctx: Ctx): Promise<void> {
  // Scans a stopped process acknowledged and had not indexed go into `scans` before any request.
  replayScanLog(ctx.db);
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
      config: { scope: 'public', hot: true },
      onRequest: admit,
      schema: {
        tags,
        summary: 'Check a person at a venue and record the scan',
        body: jsonSchema(ScanBody),
        response: created(CheckResult),
      },
    },
    // Not async: the check's own promise is the reply (one promise and microtask less a scan); a
    // refused check is an error whose status replaces the 201.
    (r, reply) => {
      const b = r.body;
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
    {
      config: { scope: 'self', hot: true },
      schema: { tags, summary: 'The signed-in resident’s pass', response: ok(ResidentPass) },
    },
    async (r) => residentPass(ctx, actorOf(r)),
  );
  app.get(
    '/api/v1/venues',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Venues with the day’s scans',
        querystring: jsonSchema(VenuesQuery),
        response: ok(VenueList),
      },
    },
    async (r) => {
      const q = r.query;
      if (
        q.limit === undefined &&
        q.q === undefined &&
        q.status === undefined &&
        q.category === undefined &&
        q.notice === undefined
      )
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
        querystring: jsonSchema(StatsQuery),
        response: ok(VenueStats),
      },
    },
    async (r) => {
      const q = r.query;
      return venueStats(ctx, actorOf(r), q.date, q.district, q.venue);
    },
  );
  app.get(
    '/api/v1/venues/latest-day',
    {
      config: { scope: 'venue' },
      schema: { tags, summary: 'The latest day with scans', response: ok(LatestScanDay) },
    },
    async (r) => ({ date: await latestDay(ctx, actorOf(r)) }),
  );
  app.get(
    '/api/v1/venues/stats.xlsx',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'The statistics as an Excel workbook',
        querystring: jsonSchema(StatsQuery),
        response: file('The workbook', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      },
    },
    async (r, reply) => {
      const q = r.query;
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
    {
      config: { scope: 'venue' },
      schema: { tags, summary: 'The venue’s current signed code (for its poster)', response: ok(VenueCodeAnswer) },
    },
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
          querystring: jsonSchema(PosterQuery),
          response: file('The poster', POSTER_TYPES[format]),
        },
      },
      async (r, reply) => {
        const q = r.query;
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
        body: jsonSchema(VenueStatusBody),
        response: ok(Done),
      },
    },
    async (r) => {
      await setVenueStatus(ctx, actorOf(r), (r.params as Code).code, r.body.status);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/venues/:code/revoke',
    {
      config: { scope: 'venue' },
      schema: { tags, summary: 'Revoke every printed code of the venue', response: ok(VenueCodeAnswer) },
    },
    async (r) => {
      await revokeVenueCode(ctx, actorOf(r), (r.params as Code).code);
      return { code: await venueCode(ctx, actorOf(r), (r.params as Code).code) };
    },
  );
}
