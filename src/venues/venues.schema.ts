import { z } from 'zod';
import { PolicyRef, VENUE_CATEGORIES } from '../policy/policy.schema.ts';
import { VENUE_STATUSES } from './venues.rules.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const District = z.string().regex(/^\d{6}$/);
const LocalText = z.object({ 'zh-CN': z.string(), en: z.string() });

/** Body of POST /api/v1/scans: a venue code and the person's code, or a resident ID at a guarded door. */
/** Why one leaves the city, declared at a city-exit checkpoint (非必要不离榕). */
export const EXIT_REASONS = ['medical', 'work', 'family', 'study', 'other'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
/** The declaration a city-exit scan carries: a reason, and a text for `other`. */
export const ExitDeclaration = z.object({
  reason: z.enum(EXIT_REASONS),
  text: z.string().trim().max(200).optional(),
});
export type ExitDeclaration = z.infer<typeof ExitDeclaration>;

export const ScanBody = z.object({
  venueCode: z.string().min(1).max(600),
  personalCode: z.string().max(100).optional(),
  idNumber: z.string().max(32).optional(),
  proxy: z.boolean().optional(),
  /** Required at city-exit checkpoints only (their door rule refuses a scan without it). */
  exit: ExitDeclaration.optional(),
});

/** Query of GET /api/v1/venues. */
export const VenuesQuery = z.object({
  date: Day,
  district: District.optional(),
  q: z.string().max(60).optional(),
  status: z.enum(VENUE_STATUSES).optional(),
  /** One category (a policy difference's link to the venues whose entrance rule changes). */
  category: z.enum(VENUE_CATEGORIES).optional(),
  /** The venues a suspension notice holds (the briefing's and the notices screen's links). */
  notice: z.string().min(1).max(60).optional(),
  // Without a limit, every venue of the area (the CLI and exports); with one, a page and the total.
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** Query of the venue statistics and their workbook. */
export const StatsQuery = z.object({
  date: Day,
  district: District.optional(),
  venue: z.string().min(1).max(40).optional(),
});

/** Query of a poster: an older code version is refused. */
export const PosterQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/** Body of POST /api/v1/venues/:code/status. */
export const VenueStatusBody = z.object({ status: z.enum(VENUE_STATUSES) });

/** One paper registration typed in afterwards. */
export const PaperRecordInput = z.object({
  venue: z.string().min(1).max(40),
  at: z.string().min(1).max(40),
  idNumber: z.string().max(32).optional(),
  name: z.string().max(50).optional(),
  phone: z.string().max(32).optional(),
});

/** Body of POST /api/v1/paper-registrations. */
export const PaperBody = z.object({ records: z.array(PaperRecordInput).min(1).max(5000) });

/** Query of GET /api/v1/venues/:code/scans. */
export const VenueScansQuery = z.object({ date: Day, limit: z.coerce.number().int().min(1).max(5000).optional() });

/** POST /api/v1/scans: the verdict at the door. */
export const CheckResult = z.object({
  scanId: z.string(),
  verdict: z.enum(['allow', 'deny']),
  colour: z.enum(['green', 'yellow', 'red']),
  colourRule: z.string(),
  lastNegativeSampledAt: z.string().nullable(),
  reasons: z.array(z.object({ code: z.string(), 'zh-CN': z.string(), en: z.string() })),
  venue: z.object({ code: z.string(), name: z.string(), category: z.string() }),
  /** The policy version that decided and its rule (`entrance.<category>`, or the event's, e.g. `exam.clear`). */
  policy: PolicyRef,
  /** At a venue an event uses today (an exam site): the participant's lane and room, from the module that runs it. */
  entry: z
    .object({
      kind: z.string(),
      event: z.string(),
      ref: z.string(),
      lane: z.enum(['regular', 'special']).nullable(),
      site: z.object({ code: z.string(), name: z.string() }).nullable(),
      room: z.object({ no: z.string(), isolation: z.boolean() }).nullable(),
      text: LocalText,
    })
    .optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

/** GET /api/v1/persons/:id/entrance: a venue, and the moment and version of a replay (each optional). */
export const CheckReplayQuery = z.object({
  venue: z.string().min(1).max(80).describe('The venue code (V350102-00470)'),
  at: z.string().datetime({ offset: true }).optional().describe('The moment (ISO-8601 with offset); now if absent'),
  policy: z
    .string()
    .regex(/^[a-z0-9-]{3,64}$/)
    .optional()
    .describe('Replay under this version instead of the one in force at the moment'),
});

/** The verdict a person would have met at a venue at a moment, under a version (nothing stored). */
export const CheckReplay = CheckResult.omit({ scanId: true }).extend({
  personId: z.number().int(),
  at: z.string(),
  /** The version in force at the moment, beside the one that decided (`version`). */
  inForce: z.string(),
  replay: z.boolean(),
  version: z.object({ id: z.string(), name: z.string(), effectiveFrom: z.string() }),
  zone: z.object({ code: z.string(), level: z.string() }).nullable(),
  /** The venue's status at the moment and the notice holding it then (its recorded changes). */
  venueStatus: z.object({ status: z.enum(VENUE_STATUSES), notice: z.string().nullable() }),
});
export type CheckReplay = z.infer<typeof CheckReplay>;

/** GET /api/v1/pass: the signed-in resident's colour and personal code. */
export const ResidentPass = z.object({
  colour: z.enum(['green', 'yellow', 'red']),
  colourRule: z.string(),
  reason: LocalText,
  notice: LocalText.nullable(),
  lastNegativeSampledAt: z.string().nullable(),
  negativeWithin24h: z.boolean(),
  personalCode: z.string(),
  refreshAt: z.string(),
});
export type ResidentPass = z.infer<typeof ResidentPass>;

/** A venue with the day's scans, denials and paper lines. */
export const Venue = z.object({
  id: z.number().int(),
  codeVersion: z.number().int(),
  code: z.string(),
  name: z.string(),
  category: z.string(),
  districtCode: z.string(),
  communityCode: z.string(),
  status: z.enum(VENUE_STATUSES),
  notice: z.string().nullable().describe('The suspension notice holding the venue suspended'),
  scans: z.number().int(),
  denied: z.number().int(),
  paper: z.number().int(),
});
export type Venue = z.infer<typeof Venue>;

/** GET /api/v1/venues: every venue of the area, or (with a limit, search or status) a page and the total. */
export const VenueList = z.object({
  total: z.number().int().optional().describe('Only when a page was asked for'),
  items: z.array(Venue),
});

/** GET /api/v1/venues/stats. */
export const VenueStats = z.object({
  date: z.string(),
  scans: z.number().int(),
  denied: z.number().int(),
  denialRate: z.number(),
  byHour: z.array(z.object({ hour: z.string(), scans: z.number().int(), denied: z.number().int() })),
  byReason: z.array(z.object({ code: z.string(), n: z.number().int() })),
  busiest: z.array(Venue),
  paper: z.number().int(),
  unusual: z.array(Venue.extend({ why: z.enum(['many-denials', 'few-denials']), expectedRate: z.number() })),
  rankedScans: z
    .number()
    .int()
    .describe(
      'The scans at which busiest and unusual were ranked: below scans while a re-ranking of the kept lists runs',
    ),
});
export type VenueStats = z.infer<typeof VenueStats>;

/** GET /api/v1/venues/latest-day. */
export const LatestScanDay = z.object({ date: z.string().nullable() });

/** A venue's current signed code. */
export const VenueCodeAnswer = z.object({ code: z.string() });

/** A plain acknowledgement. */
export const Done = z.object({ ok: z.literal(true) });

/** One line of a venue's register of a day. */
export const VenueScan = z.object({
  id: z.string(),
  at: z.string(),
  verdict: z.enum(['allow', 'deny']),
  colour: z.string(),
  reasons: z.array(z.string()),
  proxy: z.boolean(),
  source: z.enum(['code', 'id', 'paper']),
  personId: z.number().int().nullable(),
  identity: z.string(),
  enteredBy: z.string().nullable(),
});
export type VenueScan = z.infer<typeof VenueScan>;

/** GET /api/v1/venues/:code/scans. */
export const VenueScanList = z.object({ items: z.array(VenueScan) });

/** What entering paper registrations did. */
export const PaperEntered = z.object({
  entered: z.number().int(),
  duplicates: z.number().int(),
  scanIds: z.array(z.string()),
});

const VenueCodeText = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/);
// A kind is checked against its category's list by the service (VENUE_KIND_UNKNOWN names both),
// so a foreign kind gets the registry's own refusal rather than a generic enum error.
const KindText = z.string().regex(/^[a-z][a-z-]{0,39}$/);

/** Body of POST /api/v1/venues: one venue registered with its category and (where it has kinds) kind. */
export const VenueCreateBody = z.object({
  code: VenueCodeText,
  name: z.string().trim().min(1).max(100),
  category: z.enum(VENUE_CATEGORIES),
  kind: KindText.nullable().optional(),
  communityCode: z.string().regex(/^\d{12}$/),
});
export type VenueCreateBody = z.infer<typeof VenueCreateBody>;

/** Body of PATCH /api/v1/venues/:code: a new name or kind (null clears the kind). */
export const VenueChangeBody = z
  .object({ name: z.string().trim().min(1).max(100).optional(), kind: KindText.nullable().optional() })
  .refine((b) => b.name !== undefined || b.kind !== undefined, { message: 'name or kind' });
export type VenueChangeBody = z.infer<typeof VenueChangeBody>;

/** The path of a route on one venue. */
export const VenueCodeParams = z.object({ code: z.string().min(1).max(40) });

/** A venue as registered (POST /api/v1/venues, PATCH /api/v1/venues/:code). */
export const RegisteredVenue = z.object({
  code: z.string(),
  name: z.string(),
  category: z.string(),
  kind: z.string().nullable(),
  districtCode: z.string(),
  communityCode: z.string(),
  status: z.enum(VENUE_STATUSES),
  codeVersion: z.number().int(),
});
export type RegisteredVenue = z.infer<typeof RegisteredVenue>;
