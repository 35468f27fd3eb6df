import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, created, file, jsonSchema, ok } from '../platform/http/zod.ts';
import { courierWorkbook } from './courier.export.ts';
import { readVolumeSheet } from './courier.import.ts';
import {
  BatchAnswer,
  BatchBody,
  BatchList,
  BatchParams,
  DisinfectionAnswer,
  DisinfectionBody,
  DisinfectionList,
  DisinfectionQuery,
  ExportQuery,
  ImportAnswer,
  InspectionAnswer,
  InspectionBody,
  InspectionList,
  PointAnswer,
  PointBody,
  PointDeliveryBody,
  PointList,
  PointParams,
  PointZones,
  PointZonesQuery,
  ReliefQuery,
  ReliefTotals,
  SummonsAnswer,
  SummonsBody,
  TalliesQuery,
  TripsAnswer,
  TripsBody,
  VolumeQuery,
  Volumes,
} from './courier.schema.ts';
import {
  listBatches,
  listDisinfections,
  recordDisinfection,
  registerBatch,
  releaseBatch,
} from './operations.service.ts';
import { createPoint, listPoints, pointZones, recordPointDelivery } from './points.service.ts';
import {
  addTrips,
  importVolumes,
  inspections,
  recordInspection,
  recordSummons,
  reliefTotals,
  volumes,
} from './supervision.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['courier'];

/** Disinfection and the international hold, inspections, volumes, delivery points, relief, export. */
export async function courierOperationsRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.get(
    '/api/v1/courier/batches',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'International batches on hold, due and lately released', response: ok(BatchList) },
    },
    async (r) => listBatches(ctx, actorOf(r)),
  );
  app.post(
    '/api/v1/courier/batches',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Register an international parcel batch on arrival',
        body: jsonSchema(BatchBody),
        response: created(BatchAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return { batch: await registerBatch(ctx, actorOf(r), r.body) };
    },
  );
  app.post(
    '/api/v1/courier/batches/:batchNo/release',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Release a batch; refused before the policy’s hours after disinfection, naming when it can go',
        params: jsonSchema(BatchParams),
        response: ok(BatchAnswer),
      },
    },
    async (r) => ({ batch: await releaseBatch(ctx, actorOf(r), r.params.batchNo) }),
  );
  app.get(
    '/api/v1/courier/disinfections',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'Disinfections of a day',
        querystring: jsonSchema(DisinfectionQuery),
        response: ok(DisinfectionList),
      },
    },
    async (r) => listDisinfections(ctx, actorOf(r), r.query.date),
  );
  app.post(
    '/api/v1/courier/disinfections',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'Record a disinfection of a site, vehicle or batch',
        body: jsonSchema(DisinfectionBody),
        response: created(DisinfectionAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return recordDisinfection(ctx, actorOf(r), r.body);
    },
  );
  app.get(
    '/api/v1/courier/inspections',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'Inspection visits and summons since a day, with tallies',
        querystring: jsonSchema(TalliesQuery),
        response: ok(InspectionList),
      },
    },
    async (r) => inspections(ctx, actorOf(r), r.query),
  );
  app.post(
    '/api/v1/courier/inspections',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'Record an inspection visit',
        body: jsonSchema(InspectionBody),
        response: created(InspectionAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return { inspection: await recordInspection(ctx, actorOf(r), r.body) };
    },
  );
  app.post(
    '/api/v1/courier/summons',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Record a summons (约谈) of a firm',
        body: jsonSchema(SummonsBody),
        response: created(SummonsAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return recordSummons(ctx, actorOf(r), r.body);
    },
  );
  app.get(
    '/api/v1/courier/volumes',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Parcels collected and delivered, by day, firm and district',
        querystring: jsonSchema(VolumeQuery),
        response: ok(Volumes),
      },
    },
    async (r) => volumes(ctx, actorOf(r), r.query),
  );
  app.post(
    '/api/v1/imports/courier-volumes',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Import daily volumes per firm and district (CSV/XLSX, all or nothing)',
        response: ok(ImportAnswer),
      },
    },
    async (r) => {
      requirePermission(actorOf(r), 'courier:write');
      return importVolumes(ctx, actorOf(r), await readVolumeSheet(uploadOf(r).buf));
    },
  );
  app.get(
    '/api/v1/courier/delivery-points',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Delivery points of sealed zones and parcels delivered', response: ok(PointList) },
    },
    async (r) => listPoints(ctx, actorOf(r)),
  );
  app.get(
    '/api/v1/courier/delivery-points/zones',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Zones sealed now in the caller’s area (an outlet manager’s district), searched, for placing a point',
        querystring: jsonSchema(PointZonesQuery),
        response: ok(PointZones),
      },
    },
    async (r) => pointZones(ctx, actorOf(r), r.query),
  );
  app.post(
    '/api/v1/courier/delivery-points',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Add a smart locker or temporary point for a zone',
        body: jsonSchema(PointBody),
        response: created(PointAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return { point: await createPoint(ctx, actorOf(r), r.body) };
    },
  );
  app.put(
    '/api/v1/courier/delivery-points/:id/deliveries',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Set the parcels delivered at a point on a day',
        params: jsonSchema(PointParams),
        body: jsonSchema(PointDeliveryBody),
        response: ok(PointAnswer),
      },
    },
    async (r) => ({ point: await recordPointDelivery(ctx, actorOf(r), r.params.id, r.body) }),
  );
  app.get(
    '/api/v1/courier/relief',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Relief transport running totals',
        querystring: jsonSchema(ReliefQuery),
        response: ok(ReliefTotals),
      },
    },
    async (r) => reliefTotals(ctx, actorOf(r), r.query.to),
  );
  app.post(
    '/api/v1/courier/relief',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Record relief transport trips',
        body: jsonSchema(TripsBody),
        response: created(TripsAnswer),
      },
    },
    async (r, reply) => {
      const ids = await addTrips(ctx, actorOf(r), r.body.trips);
      reply.status(201);
      return { added: ids.length, totals: await reliefTotals(ctx, actorOf(r)) };
    },
  );
  app.get(
    '/api/v1/courier/export.xlsx',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'The courier screen’s tables as an Excel workbook',
        querystring: jsonSchema(ExportQuery),
        response: file('Workbook', XLSX),
      },
    },
    async (r, reply) => {
      const buf = await courierWorkbook(ctx, actorOf(r), r.query.date);
      reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="courier.xlsx"');
      return buf;
    },
  );
}
