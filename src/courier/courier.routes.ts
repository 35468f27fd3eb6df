import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, created, jsonSchema, ok } from '../platform/http/zod.ts';
import { readOutletSheet, readWorkerSheet } from './courier.import.ts';
import {
  CheckQuery,
  FirmList,
  GreenLaneAnswer,
  GreenLaneBody,
  ImportAnswer,
  OutletAnswer,
  OutletList,
  OutletParams,
  OutletQuery,
  OutletStatusBody,
  OutletsBody,
  WorkerCheck,
  WorkerList,
  WorkersBody,
} from './courier.schema.ts';
import { listFirms } from './registry.repo.ts';
import {
  getOutlet,
  listOutlets,
  listWorkers,
  markGreenLane,
  outletRows,
  RowIssues,
  saveOutlets,
  setOutletStatus,
  workerCheck,
} from './registry.service.ts';
import { importWorkers } from './workers.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['courier'];

/** The courier registry: firms, outlets, workers, the daily worker-test check and the green lane. */
export async function courierRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.get(
    '/api/v1/courier/firms',
    { config: { scope: 'city' }, schema: { tags, summary: 'Courier firms', response: ok(FirmList) } },
    async (r) => {
      requirePermission(actorOf(r), 'courier:read');
      return { items: (await listFirms(ctx.db)).map((f) => ({ code: f.code, nameZh: f.name_zh, nameEn: f.name_en })) };
    },
  );
  app.get(
    '/api/v1/courier/outlets',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'Outlets in scope (an outlet manager: their own)',
        querystring: jsonSchema(OutletQuery),
        response: ok(OutletList),
      },
    },
    async (r) => listOutlets(ctx, actorOf(r), r.query),
  );
  app.post(
    '/api/v1/courier/outlets',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Register or update outlets (all or nothing)',
        body: jsonSchema(OutletsBody),
        response: ok(ImportAnswer),
      },
    },
    async (r) => saveOutlets(ctx, actorOf(r), r.body.outlets),
  );
  app.post(
    '/api/v1/imports/courier-outlets',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Import a CSV/XLSX outlet sheet (row-numbered errors, all or nothing)',
        response: ok(ImportAnswer),
      },
    },
    async (r) => {
      const actor = actorOf(r);
      requirePermission(actor, 'courier:write');
      const rows = await readOutletSheet(uploadOf(r).buf);
      const issues = new RowIssues();
      const inputs = outletRows(rows, issues);
      issues.throwIfAny();
      return saveOutlets(
        ctx,
        actor,
        inputs.map((o, i) => ({ ...o, row: rows[i]?.row })),
      );
    },
  );
  app.get(
    '/api/v1/courier/outlets/:code',
    {
      config: { scope: 'outlet' },
      schema: { tags, summary: 'One outlet', params: jsonSchema(OutletParams), response: ok(OutletAnswer) },
    },
    async (r) => ({ outlet: await getOutlet(ctx, actorOf(r), r.params.code) }),
  );
  app.put(
    '/api/v1/courier/outlets/:code/status',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'Open, close (in a sealed zone) or suspend an outlet',
        params: jsonSchema(OutletParams),
        body: jsonSchema(OutletStatusBody),
        response: ok(OutletAnswer),
      },
    },
    async (r) => ({ outlet: await setOutletStatus(ctx, actorOf(r), r.params.code, r.body.status) }),
  );
  app.get(
    '/api/v1/courier/outlets/:code/workers',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'An outlet’s workers, masked, with their latest negative',
        params: jsonSchema(OutletParams),
        querystring: jsonSchema(CheckQuery),
        response: ok(WorkerList),
      },
    },
    async (r) => listWorkers(ctx, actorOf(r), r.params.code, r.query.at),
  );
  app.post(
    '/api/v1/courier/workers',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'Link workers to outlets, matched or registered in people (all or nothing)',
        body: jsonSchema(WorkersBody),
        response: ok(ImportAnswer),
      },
    },
    async (r) => importWorkers(ctx, actorOf(r), r.body.workers),
  );
  app.post(
    '/api/v1/imports/courier-workers',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'Import a CSV/XLSX worker sheet (row-numbered errors, all or nothing)',
        response: ok(ImportAnswer),
      },
    },
    async (r) => {
      const actor = actorOf(r);
      requirePermission(actor, actor.role === 'outlet-manager' ? 'courier:outlet' : 'courier:write');
      return importWorkers(ctx, actor, await readWorkerSheet(uploadOf(r).buf));
    },
  );
  app.get(
    '/api/v1/courier/worker-check',
    {
      config: { scope: 'outlet' },
      schema: {
        tags,
        summary: 'The daily worker-test check: untested workers on duty per open outlet and firm',
        querystring: jsonSchema(CheckQuery),
        response: ok(WorkerCheck),
      },
    },
    async (r) => workerCheck(ctx, actorOf(r), r.query),
  );
  app.post(
    '/api/v1/courier/green-lane',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'A sampling site marks a courier’s swab as green-lane',
        body: jsonSchema(GreenLaneBody),
        response: created(GreenLaneAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return markGreenLane(ctx, actorOf(r), r.body.tubeCode, r.body.personId);
    },
  );
}
