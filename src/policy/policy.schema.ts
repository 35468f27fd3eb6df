import { z } from 'zod';

export const ZONE_LEVELS = ['high', 'medium', 'low'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];

/** How a zone of one level leaves it: after how many clean days, to which level, with a final round or not. */
const Requirement = z.object({ cleanDays: z.number().int().min(0).max(60), finalRound: z.boolean() });
export const LiftRule = Requirement.extend({
  to: z.enum(ZONE_LEVELS),
  /** What a zone that came down from a higher level still needs in this level (9th edition: 3 more clean days). */
  afterDowngrade: Requirement.optional(),
});
export type LiftRule = z.infer<typeof LiftRule>;

const COLOURS = ['green', 'yellow', 'red'] as const;

/**
 * Who sits an exam and how (RULES.md, exams): colours and zone levels that bar a candidate or make
 * them special (special lane, isolation room, shuttle), the hours of the negative a candidate
 * needs (null: none) and what becomes of a candidate without one.
 */
export const ExamParams = z.object({
  barredColours: z.array(z.enum(COLOURS)),
  barredZoneLevels: z.array(z.enum(ZONE_LEVELS)),
  specialColours: z.array(z.enum(COLOURS)),
  specialZoneLevels: z.array(z.enum(ZONE_LEVELS)),
  certificateHours: z.number().int().min(1).max(168).nullable(),
  withoutCertificate: z.enum(['special', 'barred']),
});
export type ExamParams = z.infer<typeof ExamParams>;
/** Courier-sector rules: a worker's negative within these hours; international batches held these hours after disinfection. */
export const CourierParams = z.object({
  workerTestHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  internationalHoldHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 14),
});

/** The named parameters of one policy version. */
export const PolicyParams = z.object({
  levels: z.array(z.enum(ZONE_LEVELS)).min(1),
  lift: z.object({ high: LiftRule.optional(), medium: LiftRule.optional() }),
  /** Optional: versions stored before it read their defaults by id (events `examParamsOf`). */
  exam: ExamParams.optional(),
  /** Optional: a version without it leaves the courier module to its defaults. */
  courier: CourierParams.optional(),
});
export type PolicyParams = z.infer<typeof PolicyParams>;

export const PolicyInput = z.object({
  id: z.string().regex(/^[a-z0-9-]{3,64}$/),
  name: z.string().min(1).max(200),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  params: PolicyParams,
});
export type PolicyInput = z.infer<typeof PolicyInput>;

/** A policy version in the path. */
export const PolicyIdParams = z.object({ id: PolicyInput.shape.id });

/** Body of PUT /api/v1/policies/:id. */
export const PolicyBody = PolicyInput.omit({ id: true });
export type PolicyBody = z.infer<typeof PolicyBody>;

/** A policy version as stored and served. */
export const Policy = PolicyInput.extend({ updatedAt: z.string(), updatedBy: z.string() });
export type Policy = z.infer<typeof Policy>;

/** GET /api/v1/policies. */
export const PolicyList = z.object({ items: z.array(Policy) });

/** PUT /api/v1/policies/:id. */
export const PolicyAnswer = z.object({ policy: Policy });

/** The versions of RULES.md, loaded on first migration; administrators edit them afterwards. */
export const DEFAULT_POLICIES: PolicyInput[] = [
  {
    id: 'cn-9th-edition',
    name: '新型冠状病毒肺炎防控方案（第九版） / National protocol, 9th edition',
    effectiveFrom: '2022-06-28',
    params: {
      levels: ['high', 'medium', 'low'],
      lift: {
        high: { to: 'medium', cleanDays: 7, finalRound: true },
        medium: { to: 'low', cleanDays: 7, finalRound: true, afterDowngrade: { cleanDays: 3, finalRound: false } },
      },
      // Adult college entrance exam, Nov 2022 (local practice). RULES.md names no certificate hours
      // for candidates, so none by default; an administrator sets them in the version.
      exam: {
        barredColours: ['red'],
        barredZoneLevels: ['high'],
        specialColours: ['yellow'],
        specialZoneLevels: ['medium'],
        certificateHours: null,
        withoutCertificate: 'special',
      },
      courier: { workerTestHours: 24, internationalHoldHours: 24 },
    },
  },
  {
    id: 'cn-20-measures',
    name: '进一步优化防控工作的二十条措施 / Twenty measures',
    effectiveFrom: '2022-11-11',
    params: {
      levels: ['high', 'low'],
      lift: { high: { to: 'low', cleanDays: 5, finalRound: true } },
      exam: {
        barredColours: ['red'],
        barredZoneLevels: ['high'],
        specialColours: ['yellow'],
        specialZoneLevels: [],
        certificateHours: null,
        withoutCertificate: 'special',
      },
      courier: { workerTestHours: 24, internationalHoldHours: 24 },
    },
  },
  {
    id: 'cn-10-measures',
    name: '进一步优化落实新冠肺炎疫情防控措施的通知（新十条） / Ten new measures',
    effectiveFrom: '2022-12-07',
    params: {
      levels: ['high', 'low'],
      lift: { high: { to: 'low', cleanDays: 5, finalRound: false } },
      exam: {
        barredColours: ['red'],
        barredZoneLevels: ['high'],
        specialColours: ['yellow'],
        specialZoneLevels: [],
        certificateHours: null,
        withoutCertificate: 'special',
      },
      // Key-industry staff were still tested under the ten measures, less often (unconfirmed: 48 h).
      courier: { workerTestHours: 48, internationalHoldHours: 24 },
    },
  },
];
