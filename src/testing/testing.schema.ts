import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const CampaignInput = z.object({
  code: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
  name: z.string().trim().min(1).max(100),
  startOn: Day,
  endOn: Day,
  areas: z
    .array(
      z.object({
        code: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/),
        poolSize: z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(20)]),
      }),
    )
    .min(1),
});
export type CampaignInput = z.infer<typeof CampaignInput>;

export const SiteInput = z.object({
  code: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
  name: z.string().trim().min(1).max(100),
  communityCode: z.string().regex(/^\d{12}$/),
  lanes: z.number().int().min(1).max(100),
  hours: z.string().max(100),
  lng: z.number().optional(),
  lat: z.number().optional(),
});
export const SitePatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  lanes: z.number().int().min(1).max(100).optional(),
  hours: z.string().max(100).optional(),
  status: z.enum(['open', 'paused', 'closed']).optional(),
  lng: z.number().nullable().optional(),
  lat: z.number().nullable().optional(),
});
export type SitePatch = z.infer<typeof SitePatch>;
export type SiteInput = z.infer<typeof SiteInput>;

export const SampleBody = z.object({
  tubeCode: z.string().min(3).max(40),
  poolSize: z.number().int(),
  sampledAt: z.string().max(40),
  siteCode: z.string().max(40),
  idNumber: z.string().max(32),
});
export const ResultBody = z.object({
  tubeCode: z.string().min(3).max(40),
  result: z.string().max(20),
  resultedAt: z.string().max(40),
  labCode: z.string().min(1).max(40),
  ctValue: z.number().min(0).max(60).optional(),
  correctionReason: z.string().trim().min(4).max(500).optional(),
  receivedAt: z.string().max(40).optional(),
});
export const CoverageQuery = z.object({
  round: z.coerce.number().int().min(1),
  level: z.enum(['district', 'street', 'community', 'zone']).default('district'),
  within: z
    .string()
    .regex(/^\d{6,9}$/)
    .optional(),
});
export const StatusQuery = z.object({ idNumber: z.string().max(32) });

const District = z.string().regex(/^\d{6}$/);
/** Query of POST /api/v1/imports/results: `dryRun=true` checks and counts without recording. */
export const ResultsImportQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
export const ReceiptBody = z.object({
  labCode: z.string().trim().min(1).max(40),
  tubeCodes: z.array(z.string().min(1).max(40)).min(1).max(5000),
  receivedAt: z.string().max(40).optional(),
});
export const TurnaroundQuery = z.object({
  round: z.coerce.number().int().min(1).optional(),
  targetHours: z.coerce.number().min(1).max(168).optional(),
  district: District.optional(),
});
export const AlertsQuery = z.object({
  open: z.enum(['true', 'false']).optional(),
  district: District.optional(),
});
export const UnsampledQuery = z.object({
  round: z.coerce.number().int().min(1),
  community: z.string().regex(/^\d{12}$/),
});

/** An alert id in the path. */
export const AlertIdParams = z.object({ id: z.coerce.number().int().min(1) });
/** Query of GET /api/v1/campaigns/:code/progress. */
export const ProgressQuery = z.object({ round: z.coerce.number().int().min(1) });
/** An optional district filter. */
export const DistrictQuery = z.object({ district: District.optional() });
/** Body of POST /api/v1/sampling-sites/:code/queue. */
export const QueueBody = z.object({ queue: z.number().int().min(0).max(100000) });

const Count = z.number().int();

/** A testing campaign over areas with their pool sizes. */
export const Campaign = z.object({
  id: Count,
  code: z.string(),
  name: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  areas: z.array(z.object({ code: z.string(), poolSize: z.number().int() })),
});
export type Campaign = z.infer<typeof Campaign>;
export type CampaignArea = Campaign['areas'][number];

/** GET /api/v1/campaigns. */
export const CampaignList = z.object({ items: z.array(Campaign) });
/** POST /api/v1/campaigns. */
export const CampaignAnswer = z.object({ campaign: Campaign });

/** One division (or zone) of a round's coverage. */
export const CoverageRow = z.object({
  code: z.string(),
  name: z.string(),
  population: Count,
  sampled: Count,
  resulted: Count,
  positive: Count,
  missing: Count,
  communityCode: z.string().optional().describe('Zone rows only'),
  level: z.string().optional().describe('Zone rows only'),
  status: z.string().optional().describe('Zone rows only'),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

/** GET /api/v1/campaigns/:code/coverage. */
export const Coverage = z.object({ campaign: Campaign, round: Count, items: z.array(CoverageRow) });
export type Coverage = z.infer<typeof Coverage>;

/** GET /api/v1/campaigns/:code/progress: cumulative samples and results hour by hour (Beijing time). */
export const Progress = z.object({
  round: Count,
  hours: z.array(z.object({ hour: z.string().describe("'MM-DD HH:00'"), sampled: Count, resulted: Count })),
});
export type Progress = z.infer<typeof Progress>;
export type ProgressHour = Progress['hours'][number];

/** A resident not yet sampled, masked. */
export const UnsampledPerson = z.object({
  id: Count,
  idNumberMasked: z.string(),
  nameMasked: z.string(),
  phoneMasked: z.string().nullable(),
  communityCode: z.string(),
});
export type UnsampledPerson = z.infer<typeof UnsampledPerson>;
/** GET /api/v1/campaigns/:code/unsampled. */
export const UnsampledList = z.object({ items: z.array(UnsampledPerson) });

/** A sampling site with its map position and queue. */
export const SamplingSite = z.object({
  code: z.string(),
  name: z.string(),
  districtCode: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  lanes: Count,
  hours: z.string(),
  status: z.string(),
  queueLength: Count,
  queueUpdatedAt: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
});
export type SamplingSite = z.infer<typeof SamplingSite>;
/** GET /api/v1/sampling-sites. */
export const SiteList = z.object({ items: z.array(SamplingSite) });
/** PATCH /api/v1/sampling-sites/:code: the code and what changed. */
export const SiteChange = z.object({
  site: z.object({
    code: z.string(),
    name: z.string().optional(),
    lanes: Count.optional(),
    hours: z.string().optional(),
    status: z.string().optional(),
    lng: z.number().nullable().optional(),
    lat: z.number().nullable().optional(),
  }),
});

/** A plain acknowledgement. */
export const Done = z.object({ ok: z.literal(true) });

/** POST /api/v1/samples and /imports/samples. */
export const SamplesRecorded = z.object({
  rows: Count,
  recorded: Count,
  unchanged: Count,
  tubes: Count,
  repeatsInRound: Count,
});
/** POST /api/v1/results and /imports/results. */
export const ResultsRecorded = z.object({
  rows: Count,
  recorded: Count,
  unchanged: Count,
  positive: Count,
  withoutReceipt: Count,
});
export type ResultsRecorded = z.infer<typeof ResultsRecorded>;

/** An open retest or resample task. */
export const RetestTask = z.object({
  id: Count,
  kind: z.string(),
  poolTube: z.string(),
  personId: Count,
  districtCode: z.string(),
  communityCode: z.string(),
  createdAt: z.string(),
});
export type RetestTask = z.infer<typeof RetestTask>;
/** GET /api/v1/retest-tasks. */
export const RetestTaskList = z.object({ items: z.array(RetestTask) });

/** POST /api/v1/test-status/lookup: a person's test status. */
export const TestStatus = z.object({
  personId: Count,
  lastSampledAt: z.string().nullable(),
  lastNegativeSampledAt: z.string().nullable(),
  negativeWithin24h: z.boolean(),
  positivePoolFlag: z.boolean(),
  positive: z.boolean(),
});
export type TestStatus = z.infer<typeof TestStatus>;

/** POST /api/v1/tube-receipts: each tube code's outcome. */
export const ReceiptAnswer = z.object({
  received: Count,
  unchanged: Count,
  errors: Count,
  items: z.array(
    z.object({
      tubeCode: z.string(),
      status: z.enum(['received', 'unchanged', 'error']),
      receivedAt: z.string().optional(),
      labCode: z.string().optional(),
      code: z.string().optional(),
      message: z.object({ 'zh-CN': z.string(), en: z.string() }).optional(),
    }),
  ),
});
export type ReceiptAnswer = z.infer<typeof ReceiptAnswer>;

/** Turnaround of a set of tubes against the target (hours). */
export const TurnaroundFigures = z.object({
  tubes: Count,
  received: Count,
  resulted: Count,
  resultedWithoutReceipt: Count,
  p50Hours: z.number().nullable(),
  p90Hours: z.number().nullable(),
  withinTarget: Count,
  pctWithinTarget: z.number().nullable(),
  waitingPastTarget: Count,
  p50ToReceiptHours: z.number().nullable(),
  p50InLabHours: z.number().nullable(),
});
export type TurnaroundFigures = z.infer<typeof TurnaroundFigures>;

/** GET /api/v1/campaigns/:code/turnaround. */
export const Turnaround = z.object({
  campaign: z.string(),
  targetHours: z.number(),
  round: Count.nullable(),
  total: TurnaroundFigures,
  selected: TurnaroundFigures,
  rounds: z.array(TurnaroundFigures.extend({ round: Count })),
  labs: z.array(TurnaroundFigures.extend({ lab: z.string().nullable() })),
});
export type Turnaround = z.infer<typeof Turnaround>;

/** A district alert on a positive tube. */
export const TestingAlert = z.object({
  id: Count,
  kind: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  campaign: z.string().nullable(),
  tubeCode: z.string(),
  createdAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type TestingAlert = z.infer<typeof TestingAlert>;
/** GET /api/v1/testing-alerts. */
export const AlertList = z.object({ items: z.array(TestingAlert) });
/** POST /api/v1/testing-alerts/:id/ack. */
export const AlertAnswer = z.object({ alert: TestingAlert });
