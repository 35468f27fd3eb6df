import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, file, jsonSchema, ok } from '../platform/http/zod.ts';
import { receiveTubes, turnaround } from './receipts.service.ts';
import { ReceiptAnswer, ReceiptBody, Turnaround, TurnaroundQuery, UnsampledQuery } from './testing.schema.ts';
import { exportUnsampled } from './unsampled.export.ts';

const tags = ['testing'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Lab receipts, turnaround figures and the not-yet-sampled workbook. */
export async function receiptRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.post(
    '/api/v1/tube-receipts',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'A lab marks tubes received (per-tube outcome)',
        body: jsonSchema(ReceiptBody),
        response: ok(ReceiptAnswer),
      },
    },
    async (r) => receiveTubes(ctx, actorOf(r), r.body, 'api'),
  );
  app.get(
    '/api/v1/campaigns/:code/turnaround',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Sampled → received → resulted against a target',
        querystring: jsonSchema(TurnaroundQuery),
        response: ok(Turnaround),
      },
    },
    async (r) => turnaround(ctx, actorOf(r), (r.params as { code: string }).code, r.query),
  );
  app.get(
    '/api/v1/campaigns/:code/unsampled.xlsx',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'People not yet sampled as XLSX (masked)',
        querystring: jsonSchema(UnsampledQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (r, reply) => {
      const q = r.query;
      const code = (r.params as { code: string }).code;
      const buf = await exportUnsampled(ctx, actorOf(r), code, q.round, q.community);
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="unsampled-${q.community}.xlsx"; filename*=UTF-8''${encodeURIComponent(`未采样名单-${code}-第${q.round}轮-${q.community}.xlsx`)}`,
        );
      return buf;
    },
  );
}
