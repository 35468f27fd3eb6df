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
