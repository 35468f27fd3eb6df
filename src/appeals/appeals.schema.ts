import { z } from 'zod';
import {
  CATEGORIES,
  CHANNELS,
  PRODUCTION,
  RATINGS,
  SIZES,
  STATUSES,
  SUBMITTERS,
  URGENCIES,
  WHITELIST_TIERS,
} from './appeals.rules.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const District = z.string().regex(/^3501\d{2}$/, 'a Fuzhou district code, e.g. 350102');
const Phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s()-]/g, ''))
  .pipe(z.string().regex(/^\+?\d{7,15}$/, 'a phone number of 7–15 digits'));
const Text = (max: number) => z.string().trim().min(1).max(max);
/** A client-generated key: retrying a submission with the same key never creates a second appeal. */
const IdemKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, - or _');

export const EnterpriseInput = z.object({
  creditCode: z.string().trim().min(1).max(40),
  name: Text(100),
  industry: Text(60),
  districtCode: District,
  size: z.enum(SIZES),
  tiers: z.array(z.enum(WHITELIST_TIERS)).max(4).default([]),
  liaisonCadreId: z.number().int().positive().nullish(),
  contactName: z.string().trim().max(40).nullish(),
  phone: Phone.nullish(),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;

export const EnterprisesQuery = z.object({
  q: z.string().trim().max(60).optional(),
  district: District.optional(),
  tier: z.enum(WHITELIST_TIERS).optional(),
  whitelisted: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type EnterprisesQuery = z.infer<typeof EnterprisesQuery>;

/** A submission on any channel. The hotline operator fills the same fields during the call. */
export const AppealInput = z.object({
  idempotencyKey: IdemKey,
  submitter: z.enum(SUBMITTERS),
  creditCode: z.string().trim().max(40).optional(),
  contactName: z.string().trim().max(40).optional(),
  phone: Phone,
  districtCode: District.optional(),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES).default('normal'),
  title: Text(80),
  content: Text(2000),
});
export type AppealInput = z.infer<typeof AppealInput>;

export const AppealsQuery = z.object({
  status: z.enum(STATUSES).optional(),
  district: District.optional(),
  category: z.enum(CATEGORIES).optional(),
  channel: z.enum(CHANNELS).optional(),
  unit: z.string().max(20).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  escalated: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(60).optional(),
  from: Day.optional(),
  to: Day.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export type AppealsQuery = z.infer<typeof AppealsQuery>;

export const DispatchInput = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(500),
  unit: z.string().min(1).max(20),
  note: z.string().trim().max(500).optional(),
});
export const NoteInput = z.object({ note: Text(2000) });
export const ReturnInput = z.object({ reason: z.string().trim().min(4).max(500) });
export const ReplyInput = z.object({ reply: Text(2000) });
export const MergeInput = z.object({ into: z.number().int().positive() });
export const RateInput = z.object({ rating: z.enum(RATINGS), comment: z.string().trim().max(500).optional() });
export const TrackQuery = z.object({
  trackingNo: z.string().trim().min(1).max(32),
  last4: z.string().regex(/^\d{4}$/, 'four digits'),
});
export const TrackRateInput = TrackQuery.extend(RateInput.shape);

export const ReportInput = z.object({
  day: Day,
  production: z.enum(PRODUCTION),
  capacityPct: z.number().int().min(0).max(100),
  materialDays: z.number().min(0).max(365),
  logisticsBlocked: z.boolean(),
  staffOnSite: z.number().int().min(0).max(200_000),
  staffClosedLoop: z.number().int().min(0).max(200_000),
  note: z.string().trim().max(500).optional(),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const DeadlineInput = z.object({
  urgency: z.enum(URGENCIES),
  category: z.union([z.enum(CATEGORIES), z.literal('*')]),
  sign: z.object({ amount: z.number().positive().max(1000), unit: z.enum(['hours', 'days', 'working-days']) }),
  resolve: z.object({ amount: z.number().positive().max(1000), unit: z.enum(['hours', 'days', 'working-days']) }),
});
export type DeadlineInput = z.infer<typeof DeadlineInput>;

export const DashboardQuery = z.object({ from: Day.optional(), to: Day.optional(), district: District.optional() });

/** An appeal (or liaison task) id in the path. */
export const IdParams = z.object({ id: z.coerce.number().int().positive() });
/** An enterprise's credit code in the path. */
export const CreditCodeParams = z.object({ code: z.string().min(1).max(40) });
/** Query of POST /api/v1/public/appeals. */
export const ChannelQuery = z.object({ channel: z.enum(['web', 'mobile']).default('web') });
/** Body of POST /api/v1/appeals/escalations: run the job as of an instant. */
export const EscalationInput = z.object({ at: z.iso.datetime({ offset: true }).optional() });
/** Query of POST /api/v1/imports/enterprises. */
export const DryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
/** An optional day. */
export const DayQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .optional(),
});
/** Query of GET /api/v1/liaison: another liaison's view, for the command centre. */
export const LiaisonQuery = z.object({ cadreId: z.coerce.number().int().positive().optional() });
