import { z } from 'zod';
import { EnterpriseOverview } from '../appeals/answers.schema.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Share = z.number().min(0).max(1);
const Messages = z.object({ 'zh-CN': z.string(), en: z.string() });

/** Query of POST /api/v1/imports/electricity. */
export const PowerImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional(),
  /** Confirms readings above the absurd factor × baseline (a plant starting up, say). */
  confirm: z.enum(['true', 'false']).optional(),
});

/** What an electricity import did. */
export const PowerImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  accounts: z.number().int(),
  from: Day.nullable(),
  to: Day.nullable(),
  flagged: z.number().int(),
});

/** The bureau's thresholds and the baseline window. */
export const PowerSettings = z.object({
  baselineFrom: Day.nullable(),
  baselineTo: Day.nullable(),
  accountShare: Share,
  accountDays: z.number().int().min(1).max(30),
  areaShare: Share,
  absurdFactor: z.number().min(2).max(1000),
  flatBand: z.number().min(0).max(0.5),
  markedShare: Share,
});

/** A change to the settings: any of the fields. */
export const PowerSettingsBody = PowerSettings.partial().strict();
export type PowerSettingsBody = z.infer<typeof PowerSettingsBody>;

const Window = z.object({ from: Day, to: Day }).nullable();

/** The settings and the window they give. */
export const PowerSettingsView = z.object({
  settings: PowerSettings,
  window: Window,
  firstLocalCase: Day.nullable(),
});

/** Query of the screen's overview and its export. */
export const PowerQuery = z.object({ date: Day.optional(), from: Day.optional() });

const Flag = z.object({
  kind: z.enum(['account', 'district', 'industry']),
  subject: z.string(),
  label: z.string(),
  rule: z.string(),
  kwh: z.number(),
  baseline: z.number(),
  share: z.number(),
  threshold: z.number(),
  days: z.number().int(),
  district: z.string().nullable(),
  industry: z.string().nullable(),
  creditCode: z.string().nullable(),
  enterprise: z.string().nullable(),
  whitelisted: z.boolean(),
  taskId: z.number().int().nullable(),
  message: Messages,
});

const Point = z.object({ day: Day, kwh: z.number(), baseline: z.number().nullable() });

/** The 工业用电 screen of a day. */
export const PowerOverview = PowerSettingsView.extend({
  date: Day.nullable(),
  series: z.array(Point.extend({ share: z.number().nullable() })),
  sinceOutbreak: z
    .object({
      from: Day,
      to: Day,
      days: z.number().int(),
      avgKwh: z.number(),
      baselineAvgKwh: z.number(),
      ratio: z.number(),
    })
    .nullable(),
  districts: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kwh: z.number(),
      baseline: z.number().nullable(),
      share: z.number().nullable(),
      flagged: z.boolean(),
    }),
  ),
  industries: z.array(
    z.object({
      division: z.string(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      kwh: z.number(),
      baseline: z.number().nullable(),
      share: z.number().nullable(),
      flagged: z.boolean(),
    }),
  ),
  flags: z.array(Flag),
  curves: z.array(z.object({ account: z.string(), points: z.array(Point) })),
});
export type PowerOverview = z.infer<typeof PowerOverview>;

/** An account in the path. */
export const AccountParams = z.object({ account: z.string().regex(/^[A-Za-z0-9-]{1,32}$/) });
export const AccountQuery = z.object({ to: Day.optional() });

/** One account: its curve against its baseline and its corrections. */
export const PowerAccount = z.object({
  account: z.string(),
  creditCode: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  district: z.string(),
  districtName: z.string(),
  industry: z.string(),
  industryName: z.string(),
  points: z.array(Point),
  history: z.array(z.object({ day: Day, oldKwh: z.number(), newKwh: z.number(), replacedAt: z.string() })),
});

/** A firm in the path: its unified social credit code. */
export const FirmParams = z.object({ code: z.string().min(1).max(32) });

/**
 * A firm's page: its accounts' curves against their weekday baselines and the flags raised on them,
 * beside its whitelist reports, appeals and open liaison tasks.
 */
export const PowerFirm = EnterpriseOverview.extend(PowerSettingsView.shape).extend({
  date: Day.nullable(),
  accounts: z.array(
    z.object({
      account: z.string(),
      district: z.string(),
      districtName: z.string(),
      industry: z.string(),
      industryName: z.string(),
      points: z.array(Point),
    }),
  ),
  flags: z.array(
    z.object({
      day: Day,
      account: z.string(),
      rule: z.string(),
      kwh: z.number(),
      baseline: z.number(),
      share: z.number(),
      threshold: z.number(),
      days: z.number().int(),
      taskId: z.number().int().nullable(),
      message: Messages,
    }),
  ),
});
export type PowerFirm = z.infer<typeof PowerFirm>;
