import { z } from 'zod';

export const ZONE_LEVELS = ['high', 'medium', 'low'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];
export const COLOURS = ['green', 'yellow', 'red'] as const;

/** Venue categories (owned here because each version says what every category checks at its door). */
export const VENUE_CATEGORIES = [
  'office',
  'public-institution',
  'public-place',
  'construction-site',
  'factory',
  'residential-compound',
  'mall-market',
  'care-home',
  'welfare-institution',
  'custody-facility',
  'medical-institution',
  'school',
  'exam-site',
  'transport-hub',
  'city-exit',
] as const;
export type VenueCategory = (typeof VENUE_CATEGORIES)[number];

/** The colour rules a version can apply, each by name (a rule left out of `order` is not applied). */
export const COLOUR_RULE_NAMES = [
  'infection',
  'recovered-7d',
  'positive-test',
  'positive-pool',
  'high-zone-resident',
  'medium-zone-resident',
  'close-contact',
  'secondary-contact',
  'left-zone',
  'trace-list',
  'fever-clinic',
  'arrival',
] as const;
export type ColourRuleName = (typeof COLOUR_RULE_NAMES)[number];

/** How a zone of one level leaves it: after how many clean days, to which level, with a final round or not. */
const Requirement = z.object({ cleanDays: z.number().int().min(0).max(60), finalRound: z.boolean() });
export const LiftRule = Requirement.extend({
  to: z.enum(ZONE_LEVELS),
  /** What a zone that came down from a higher level still needs in this level (9th edition: 3 more clean days). */
  afterDowngrade: Requirement.optional(),
});
export type LiftRule = z.infer<typeof LiftRule>;

/** What one venue category checks at its door. */
export const EntranceRule = z.object({
  /** Hours of negative certificate required (null: none). */
  certificateHours: z.number().int().min(1).max(168).nullable(),
  /** Colours admitted. */
  colours: z.array(z.enum(COLOURS)),
  /** Residents of zones of these levels are admitted (people outside restricted zones always are). */
  zoneLevels: z.array(z.enum(ZONE_LEVELS)),
});
export type EntranceRule = z.infer<typeof EntranceRule>;

/** One stretch of a quarantine or monitoring plan; PCR days count within the stretch (1-based). */
export const PlanPhase = z.object({
  place: z.enum(['centralised', 'home']),
  kind: z.enum(['isolation', 'health-monitoring']),
  days: z.number().int().min(1).max(30),
  pcr: z.array(z.number().int().min(1).max(30)),
});
export type PlanPhase = z.infer<typeof PlanPhase>;
/** A plan, or null when the version does not identify that kind of person any more. */
const Plan = z.array(PlanPhase).min(1).nullable();

/** The colour rules of a version: which apply and in which order (ties go to the earlier), and their durations. */
export const ColourParams = z.object({
  /** The rule set the names belong to (RULES.md: Fujian rules in use in Fuzhou, Nov 2022). */
  ruleSet: z.string().min(1).max(64),
  order: z.array(z.enum(COLOUR_RULE_NAMES)),
  recoveredYellowDays: z.number().int().min(0).max(60),
  positivePoolHours: z.number().int().min(1).max(168),
  closeContact: z.object({ redDays: z.number().int().min(0).max(30), yellowUntilDay: z.number().int().min(0).max(30) }),
  secondaryContactRedDays: z.number().int().min(0).max(30),
  leftZoneRedDays: z.number().int().min(0).max(30),
  traceListDays: z.number().int().min(0).max(30),
});
export type ColourParams = z.infer<typeof ColourParams>;

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

/**
 * The named parameters of one policy version. Loose (passthrough): other modules add optional
 * sections of their own (exam, exit, courier) and a version keeps what it does not know.
 */
export const PolicyParams = z.looseObject({
  levels: z.array(z.enum(ZONE_LEVELS)).min(1),
  lift: z.object({ high: LiftRule.optional(), medium: LiftRule.optional() }),
  /** What each venue category checks at its door (city-exit: leaving the city). */
  entrance: z.object(
    Object.fromEntries(VENUE_CATEGORIES.map((c) => [c, EntranceRule])) as Record<VenueCategory, typeof EntranceRule>,
  ),
  quarantine: z.object({ 'close-contact': Plan, 'secondary-contact': Plan, 'left-high-zone': Plan }),
  colours: ColourParams,
  tracing: z.object({
    /** Co-presence: within this many minutes of a case's scan at the same venue. */
    coPresenceMinutes: z.number().int().min(1).max(240),
    /** The look-back starts this many days before onset (or the positive sampling date). */
    lookBackDays: z.number().int().min(0).max(21),
  }),
  /** Swabs per tube a site may take (1 = single tube). */
  pools: z.object({ allowedSizes: z.array(z.number().int().min(1).max(50)).min(1) }),
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

/** Which rule of which version decided something. */
export const PolicyRef = z.object({ id: z.string(), rule: z.string() });
export type PolicyRef = z.infer<typeof PolicyRef>;

export { DEFAULT_POLICIES } from './policy.defaults.ts';
