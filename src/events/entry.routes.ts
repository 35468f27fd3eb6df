import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, file, jsonSchema, ok } from '../platform/http/zod.ts';
import { EventCodeParams, ExportQuery, RoomLists, SessionParams, SiteQuery, Supplies } from './events.schema.ts';
import { loadEvent } from './events.service.ts';
import { manifestPdf, roomListsPdf, seatLabelsPdf } from './exam.pdf.ts';
import { roomLists } from './prints.service.ts';
import { manifest } from './shuttles.service.ts';
import { examSupplies } from './supplies.service.ts';

const PDF = 'application/pdf';
const tags = ['events'];

/**
 * Exam day: the supplies per site, the room lists (as data for the screen and as PDF to post at
 * each door), seat labels and the drivers' manifests as PDF. District officers get their district.
 */
export async function examDayRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/events/:code/supplies',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Masks and lunches per site from the candidates who sit (judged at an instant)',
        params: jsonSchema(EventCodeParams),
        querystring: jsonSchema(ExportQuery),
        response: ok(Supplies),
      },
    },
    async (r) => examSupplies(ctx, actorOf(r), r.params.code, r.query),
  );
  app.get(
    '/api/v1/events/:code/room-lists',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Who sits in which room of a site (default: the first) as the last plan left it (masked)',
        params: jsonSchema(EventCodeParams),
        querystring: jsonSchema(SiteQuery),
        response: ok(RoomLists),
      },
    },
    async (r) => roomLists(ctx, actorOf(r), r.params.code, r.query),
  );
  const pdf = (
    filename: string,
    body: Buffer,
    reply: { header(k: string, v: string): unknown; send(b: Buffer): unknown },
  ) => {
    reply.header('content-type', PDF);
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    return reply.send(body);
  };
  app.get(
    '/api/v1/events/:code/room-lists.pdf',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Printable room lists of a site or every site in scope, a page per room (masked)',
        params: jsonSchema(EventCodeParams),
        querystring: jsonSchema(SiteQuery),
        response: file('The room lists', PDF),
      },
    },
    async (r, reply) => {
      const l = await roomLists(ctx, actorOf(r), r.params.code, { ...r.query, all: true });
      return pdf(`rooms-${l.event}${r.query.site ? `-${r.query.site}` : ''}.pdf`, roomListsPdf(l, nowIso()), reply);
    },
  );
  app.get(
    '/api/v1/events/:code/seat-labels.pdf',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Seat labels for the desks, ten to a page (masked)',
        params: jsonSchema(EventCodeParams),
        querystring: jsonSchema(SiteQuery),
        response: file('The seat labels', PDF),
      },
    },
    async (r, reply) => {
      const l = await roomLists(ctx, actorOf(r), r.params.code, { ...r.query, all: true });
      return pdf(`seats-${l.event}${r.query.site ? `-${r.query.site}` : ''}.pdf`, seatLabelsPdf(l), reply);
    },
  );
  app.get(
    '/api/v1/events/:code/sessions/:no/trips.pdf',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'The drivers’ manifests of a session, a page per trip (masked)',
        params: jsonSchema(SessionParams),
        response: file('The manifests', PDF),
      },
    },
    async (r, reply) => {
      const m = await manifest(ctx, actorOf(r), r.params.code, r.params.no);
      const e = await loadEvent(ctx, m.event);
      return pdf(`trips-${m.event}-${m.session}.pdf`, manifestPdf(m, e.name), reply);
    },
  );
}
