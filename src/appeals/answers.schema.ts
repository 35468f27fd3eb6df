import { z } from 'zod';
import { CATEGORIES, PRODUCTION, URGENCIES } from './appeals.rules.ts';

// What the appeals routes answer. The request schemas are in appeals.schema.ts.

const Int = z.number().int();
const Text = z.object({ 'zh-CN': z.string(), en: z.string() });
const MaybeText = z.object({ 'zh-CN': z.string().nullable(), en: z.string().nullable() });
const Figure = z.object({ key: z.string(), n: Int });
const WhitelistCounts = z.object({ normal: Int, reduced: Int, stopped: Int, missing: Int });

/** An appeal as staff see it. */
export const Appeal = z.object({
  id: Int,
  trackingNo: z.string(),
  channel: z.string(),
  submitter: z.string(),
  enterpriseId: Int.nullable(),
  enterprise: z.object({ name: z.string(), creditCode: z.string() }).nullable(),
  contactName: z.string().nullable(),
  phone: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  category: z.string(),
  urgency: z.string(),
  title: z.string(),
  content: z.string(),
  status: z.string(),
  unit: z.string().nullable(),
  unitName: z.string().nullable(),
  receivedAt: z.string(),
  signDueAt: z.string(),
  dueAt: z.string(),
  dispatchedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reply: z.string().nullable(),
  rating: z.string().nullable(),
  reopenCount: Int,
  repeatCount: Int,
  mergedInto: Int.nullable(),
  escalatedAt: z.string().nullable(),
  escalationReason: z.string().nullable(),
  overdue: z.enum(['sign-overdue', 'reply-overdue']).nullable(),
});
export type Appeal = z.infer<typeof Appeal>;

/** One appeal with its timeline and the messages sent to the submitter. */
export const AppealDetail = z.object({
  appeal: Appeal,
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      actor: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      unit: z.string().nullable(),
      unitName: z.string().nullable(),
      note: z.string().nullable(),
      public: z.boolean(),
    }),
  ),
  messages: z.array(
    z.object({
      kind: z.string(),
      body: Text,
      status: z.string(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
      deliveries: z.array(z.object({ at: z.string(), sender: z.string(), ok: z.boolean(), detail: z.string() })),
    }),
  ),
});
export type AppealDetail = z.infer<typeof AppealDetail>;

/** POST /api/v1/appeals: the recorded call (created false: the same call was recorded before). */
export const HotlineAnswer = AppealDetail.extend({ created: z.boolean() });

/** GET /api/v1/appeals. */
export const AppealPage = z.object({
  total: Int,
  totalCapped: z.boolean().describe('The count stopped at its cap; there are at least this many'),
  page: Int,
  pageSize: Int,
  items: z.array(Appeal),
});
export type AppealPage = z.infer<typeof AppealPage>;

/** GET /api/v1/public/appeals/options: the form's choices. */
export const AppealOptions = z.object({
  categories: z.array(z.enum(CATEGORIES)),
  urgencies: z.array(z.enum(URGENCIES)),
  districts: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The hotline number printed on the forms (configuration), or null when there is none. */
  hotline: z.string().nullable(),
  /** The channels' names as the deployment calls them (configuration). */
  channels: z.object({ web: Text, mobile: Text }),
});
export type AppealOptions = z.infer<typeof AppealOptions>;

/** POST /api/v1/public/appeals: the tracking number (created false: the same submission was received before). */
export const SubmitAnswer = z.object({
  created: z.boolean(),
  trackingNo: z.string(),
  status: z.string(),
  dueAt: z.string(),
});

/** What the submitter sees by tracking number. */
export const TrackAnswer = z.object({
  trackingNo: z.string(),
  status: z.string(),
  category: z.string(),
  title: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  unitName: MaybeText,
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  rating: z.string().nullable(),
  mayRate: z.boolean(),
  mergedInto: z.object({ trackingNo: z.string(), status: z.string() }).nullable(),
  timeline: z.array(z.object({ at: z.string(), action: z.string(), to: z.string().nullable(), unitName: MaybeText })),
  messages: z.array(
    z.object({
      kind: z.string(),
      body: Text,
      status: z.string(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
});
export type TrackAnswer = z.infer<typeof TrackAnswer>;

/** GET /api/v1/appeals/units: the handling units and the caller's own. */
export const Units = z.object({
  items: z.array(z.object({ code: z.string(), name: MaybeText })),
  mine: z.string().nullable(),
});
export type Units = z.infer<typeof Units>;

const Duration = z.object({ amount: z.number(), unit: z.enum(['hours', 'days', 'working-days']) });
/** The configured deadlines. */
export const Deadlines = z.object({
  items: z.array(
    z.object({
      urgency: z.enum(URGENCIES),
      category: z.union([z.enum(CATEGORIES), z.literal('*')]),
      sign: Duration,
      resolve: Duration,
    }),
  ),
});

/** POST /api/v1/appeals/escalations: what the deadline job escalated. */
export const Escalations = z.object({
  at: z.string(),
  escalated: Int,
  items: z.array(z.object({ trackingNo: z.string(), reason: z.string() })),
});

/** POST /api/v1/appeals/dispatch. */
export const Dispatched = z.object({ dispatched: Int });

/** GET /api/v1/appeals/dashboard. */
export const AppealsDashboard = z.object({
  from: z.string(),
  to: z.string(),
  total: Int,
  byChannel: z.array(Figure),
  byCategory: z.array(Figure),
  byDistrict: z.array(Figure.extend({ name: z.string() })),
  byStatus: z.array(Figure),
  byDay: z.array(z.object({ day: z.string(), n: Int })),
  rates: z.object({
    signOnTime: z.number().nullable(),
    closeOnTime: z.number().nullable(),
    satisfaction: z.number().nullable(),
    reopen: z.number().nullable(),
  }),
  counts: z.object({
    overdue: Int,
    total: Int,
    signed: Int,
    signedOnTime: Int,
    replied: Int,
    repliedOnTime: Int,
    rated: Int,
    satisfied: Int,
    reopened: Int,
    escalated: Int,
    closed: Int,
  }),
  whitelist: z.object({ day: z.string(), counts: WhitelistCounts }).nullable(),
});
export type AppealsDashboard = z.infer<typeof AppealsDashboard>;

/** GET /api/v1/appeals/dashboard/volume: appeals per day and channel. */
export const AppealVolume = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(z.object({ day: z.string(), channel: z.string(), n: Int })),
});

/** An enterprise as the registry serves it (contact masked). */
export const Enterprise = z.object({
  id: Int,
  creditCode: z.string(),
  name: z.string(),
  industry: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  size: z.string(),
  tiers: z.array(z.string()),
  whitelisted: z.boolean(),
  liaison: z.object({ id: Int, name: z.string().nullable(), rank: z.string().nullable() }).nullable(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Enterprise = z.infer<typeof Enterprise>;

/** GET /api/v1/enterprises. */
export const EnterprisePage = z.object({ total: Int, items: z.array(Enterprise) });
/** One enterprise. */
export const EnterpriseAnswer = z.object({ enterprise: Enterprise });

/** POST /api/v1/imports/enterprises. */
export const EnterpriseImport = z.object({ dryRun: z.boolean(), rows: Int, created: Int, updated: Int });

/** POST /api/v1/enterprises/:code/reports (created false: the day's report was updated). */
export const ReportAnswer = z.object({
  created: z.boolean(),
  reportId: Int,
  appealId: Int.nullable(),
  taskId: Int.nullable(),
});

/** A whitelisted enterprise's daily status report. */
export const Report = z.object({
  id: Int,
  day: z.string(),
  production: z.enum(PRODUCTION),
  capacityPct: z.number(),
  materialDays: z.number(),
  logisticsBlocked: z.boolean(),
  staffOnSite: Int,
  staffClosedLoop: Int,
  note: z.string().nullable(),
  appealId: Int.nullable(),
  taskId: Int.nullable(),
  reportedAt: z.string(),
  reportedBy: z.string(),
});
export type Report = z.infer<typeof Report>;

const BoardRow = z.object({
  enterpriseId: Int,
  name: z.string(),
  creditCode: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  tiers: z.array(z.string()),
  production: z.string(),
  capacityPct: z.number(),
  materialDays: z.number(),
  logisticsBlocked: z.boolean(),
  staffOnSite: Int,
  staffClosedLoop: Int,
  appealId: Int.nullable(),
  taskId: Int.nullable(),
});
const Missing = z.object({ id: Int, name: z.string(), creditCode: z.string(), districtCode: z.string() });

/** GET /api/v1/whitelist/board: the day's reports and who has not reported (absent before any report). */
export const WhitelistBoard = z.object({
  day: z.string(),
  counts: WhitelistCounts,
  items: z.array(BoardRow),
  missing: z.array(Missing).optional(),
});

/** GET /api/v1/whitelist/breakdown. */
export const WhitelistBreakdown = z.object({
  day: z.string(),
  counts: WhitelistCounts,
  whitelisted: Int,
  byTier: z.array(WhitelistCounts.extend({ total: Int, key: z.string() })),
  byDistrict: z.array(WhitelistCounts.extend({ total: Int, key: z.string(), name: z.string() })),
  troubled: z.array(BoardRow.extend({ reasons: z.array(z.string()) })),
  missing: z.array(Missing.extend({ districtName: z.string(), tiers: z.array(z.string()) })),
});

/** GET /api/v1/liaison: the liaison's open tasks, missing reports and overdue appeals. */
export const LiaisonView = z.object({
  cadreId: Int.nullable(),
  day: z.string(),
  tasks: z.array(
    z.object({
      id: Int,
      enterpriseId: Int,
      enterprise: z.string(),
      title: z.string(),
      dueAt: z.string(),
      overdue: z.boolean(),
    }),
  ),
  missingReports: z.array(z.object({ id: Int, name: z.string(), creditCode: z.string() })),
  overdueAppeals: z.array(Appeal),
});

/** POST /api/v1/liaison/tasks/:id/close. */
export const TaskClosed = z.object({ id: Int, closedAt: z.string() });

/** GET /api/v1/enterprises/:code/overview. */
export const EnterpriseOverview = z.object({
  enterprise: Enterprise,
  appeals: z.object({ total: Int, items: z.array(Appeal) }),
  reports: z.array(Report),
  tasks: z.array(z.object({ id: Int, title: z.string(), dueAt: z.string(), overdue: z.boolean() })),
});
export type EnterpriseOverview = z.infer<typeof EnterpriseOverview>;

/** GET /api/v1/liaison/desk. */
export const LiaisonDesk = z.object({
  day: z.string(),
  cadre: z.object({ id: Int, name: z.string().optional(), rank: z.string().optional() }).nullable(),
  counts: z.object({ enterprises: Int, reported: Int, missing: Int, overdueTasks: Int, overdueAppeals: Int }),
  enterprises: z.array(Enterprise.extend({ report: Report.nullable() })),
  tasks: z.array(
    z.object({ id: Int, enterprise: z.string(), title: z.string(), dueAt: z.string(), overdue: z.boolean() }),
  ),
  overdueAppeals: z.array(Appeal),
});
export type LiaisonDesk = z.infer<typeof LiaisonDesk>;
