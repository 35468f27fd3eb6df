import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, created, jsonSchema, ok } from '../platform/http/zod.ts';
import { alertRoutes } from './alerts.routes.ts';
import { receiptRoutes } from './receipts.routes.ts';
import { importResults, recordResults } from './results.service.ts';
import { importSamples, recordSamples } from './samples.service.ts';
import {
  CampaignAnswer,
  CampaignInput,
  CampaignList,
  Coverage,
  CoverageQuery,
  DistrictQuery,
  Done,
  Progress,
  ProgressQuery,
  QueueBody,
  ResultBody,
  ResultsImportQuery,
  ResultsRecorded,
  RetestTaskList,
  SampleBody,
  SamplesRecorded,
  SiteInput,
  SiteList,
  StatusQuery,
  TestStatus,
  UnsampledList,
  UnsampledQuery,
} from './testing.schema.ts';
import {
  campaigns,
  coverage,
  createCampaign,
  createSites,
  notSampled,
  progress,
  reportQueue,
  sites,
  tasks,
  testStatusById,
} from './testing.service.ts';

const UPLOAD_LIMIT = 512 * 1024 * 1024; // a city round of samples is several hundred MB of CSV
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['testing'];

/** Campaigns, sites, samples, lab receipts and results, alerts, retest tasks, coverage and a person's test status. */
export async function testingRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(['text/csv', XLSX], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/v1/campaigns',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'Testing campaigns', response: ok(CampaignList) },
    },
    async (r) => ({ items: await campaigns(ctx, actorOf(r)) }),
  );
  app.post(
    '/api/v1/campaigns',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Create a campaign',
        body: jsonSchema(CampaignInput),
        response: created(CampaignAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return { campaign: await createCampaign(ctx, actorOf(r), r.body as CampaignInput) };
    },
  );
  app.get(
    '/api/v1/campaigns/:code/coverage',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Coverage of a round', querystring: jsonSchema(CoverageQuery), response: ok(Coverage) },
    },
    async (r) => {
      const q = r.query;
      return coverage(ctx, actorOf(r), (r.params as { code: string }).code, q.round, q.level, q.within);
    },
  );
  app.get(
    '/api/v1/campaigns/:code/progress',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Samples and results through the day',
        querystring: jsonSchema(ProgressQuery),
        response: ok(Progress),
      },
    },
    async (r) => progress(ctx, actorOf(r), (r.params as { code: string }).code, r.query.round),
  );
  app.get(
    '/api/v1/campaigns/:code/unsampled',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'People of a community not yet sampled (masked)',
        querystring: jsonSchema(UnsampledQuery),
        response: ok(UnsampledList),
      },
    },
    async (r) => {
      const q = r.query;
      return { items: await notSampled(ctx, actorOf(r), (r.params as { code: string }).code, q.round, q.community) };
    },
  );
  app.get(
    '/api/v1/sampling-sites',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Sampling sites',
        querystring: jsonSchema(DistrictQuery),
        response: ok(SiteList),
      },
    },
    async (r) => ({
      items: await sites(ctx, actorOf(r), r.query.district),
    }),
  );
  app.post(
    '/api/v1/sampling-sites',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Register a site', body: jsonSchema(SiteInput), response: created(Done) },
    },
    async (r, reply) => {
      await createSites(ctx, actorOf(r), [r.body]);
      reply.status(201);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/sampling-sites/:code/queue',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Report queue length',
        body: jsonSchema(QueueBody),
        response: ok(Done),
      },
    },
    async (r) => {
      await reportQueue(ctx, actorOf(r), (r.params as { code: string }).code, r.body.queue);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/samples',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Record one sample (site scanner)',
        body: jsonSchema(SampleBody),
        response: created(SamplesRecorded),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return recordSamples(ctx, actorOf(r), [{ row: 1, ...r.body }], 'api');
    },
  );
  app.post(
    '/api/v1/imports/samples',
    {
      config: { scope: 'district' },
      bodyLimit: UPLOAD_LIMIT,
      schema: { tags, summary: 'Import samples (CSV/XLSX, all or nothing)', response: ok(SamplesRecorded) },
    },
    async (r) => {
      const actor = actorOf(r);
      const f = uploadOf(r);
      return importSamples(ctx, actor, f.buf, f.filename);
    },
  );
  app.post(
    '/api/v1/results',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Record one lab result (or a correction with a reason)',
        body: jsonSchema(ResultBody),
        response: ok(ResultsRecorded),
      },
    },
    async (r) => {
      const b = r.body;
      return recordResults(
        ctx,
        actorOf(r),
        [
          {
            row: 1,
            tubeCode: b.tubeCode,
            result: b.result,
            resultedAt: b.resultedAt,
            labCode: b.labCode,
            ctValue: b.ctValue === undefined ? '' : String(b.ctValue),
            correctionReason: b.correctionReason,
            receivedAt: b.receivedAt,
          },
        ],
        'api',
      );
    },
  );
  app.post(
    '/api/v1/imports/results',
    {
      config: { scope: 'city' },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags,
        summary: 'Import lab results (CSV/XLSX, all or nothing; dryRun=true previews)',
        querystring: jsonSchema(ResultsImportQuery),
        response: ok(ResultsRecorded),
      },
    },
    async (r) => {
      const actor = actorOf(r);
      const f = uploadOf(r);
      return importResults(ctx, actor, f.buf, f.filename, { dryRun: r.query.dryRun === 'true' });
    },
  );
  app.get(
    '/api/v1/retest-tasks',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Open retest and resample tasks',
        querystring: jsonSchema(DistrictQuery),
        response: ok(RetestTaskList),
      },
    },
    async (r) => ({
      items: await tasks(ctx, actorOf(r), r.query.district),
    }),
  );
  await receiptRoutes(app, ctx);
  await alertRoutes(app, ctx);
  app.post(
    '/api/v1/test-status/lookup',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'A person’s test status by resident ID',
        body: jsonSchema(StatusQuery),
        response: ok(TestStatus),
      },
    },
    async (r) => testStatusById(ctx, actorOf(r), (r.body as { idNumber: string }).idNumber),
  );
}
