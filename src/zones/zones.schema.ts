import { z } from 'zod';
import { Policy, PolicyIdParams, ZONE_LEVELS } from '../policy/policy.schema.ts';
import { RANKS, WORKING_GROUPS } from './zones.rules.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Time = z.iso.datetime({ offset: true });
const Notice = {
  noticeNo: z.string().trim().min(1).max(64),
  noticeDistrict: z.string().regex(/^\d{6}$/),
  effectiveAt: Time,
};

export const UNITS = ['compound', 'building', 'unit', 'floor', 'household', 'village', 'street-section'] as const;

export const DesignateInput = z.object({
  name: z.string().trim().min(1).max(100),
  level: z.enum(['high', 'medium']),
  unit: z.enum(UNITS),
  communityCode: z.string().regex(/^\d{12}$/),
  residents: z.number().int().min(0).max(1_000_000),
  polygon: z
    .object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)) })
    .nullish(),
  ...Notice,
});
export type DesignateInput = z.infer<typeof DesignateInput>;

export const TransitionInput = z.object({
  action: z.enum(['downgrade', 'lift', 'upgrade']),
  overrideReason: z.string().trim().min(4).max(500).optional(),
  ...Notice,
});
export type TransitionInput = z.infer<typeof TransitionInput>;

export const InfectionInput = z.object({ day: Day, caseNo: z.string().max(64).optional() });
export const RoundInput = z.object({ day: Day, tested: z.number().int().min(0), positives: z.number().int().min(0) });
export const ZonesQuery = z.object({
  date: Day.optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  level: z.enum(ZONE_LEVELS).optional(),
  status: z.enum(['active', 'lifted']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export type ZonesQuery = z.infer<typeof ZonesQuery>;
export const DayDistrictQuery = z.object({
  date: Day.optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const TaskForceInput = z.object({
  leaderId: z.number().int().positive(),
  members: z.array(z.object({ cadreId: z.number().int().positive(), group: z.enum(WORKING_GROUPS) })).max(200),
  formedOn: Day.optional(),
});
export type TaskForceInput = z.infer<typeof TaskForceInput>;
export const DutyInput = z.object({
  kind: z.enum(['screening', 'garbage', 'supplies', 'request']),
  title: z.string().trim().min(1).max(200),
  owner: z.string().trim().min(1).max(64),
  dueAt: Time,
});
export type DutyInput = z.infer<typeof DutyInput>;

/** A zone code in the path. */
export const ZoneCodeParams = z.object({ code: z.string().min(1).max(32) });
/** A duty id in the path. */
export const DutyIdParams = z.object({ id: z.coerce.number().int().positive() });
/** Query of GET /api/v1/cadres. */
export const CadreQuery = z.object({
  rank: z.enum(RANKS).optional(),
  free: z.enum(['true', 'false']).optional(),
  q: z.string().max(40).optional(),
});
/** Body of POST /api/v1/duties/:id/close. */
export const DutyCloseInput = z.object({ note: z.string().trim().min(1).max(500) });
/** Query of GET /api/v1/duties/overdue. */
export const OverdueQuery = z.object({
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
/** Query of GET /api/v1/zones/:code/residents. */
export const ResidentsPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
/** Query of POST /api/v1/zones/:code/residents. */
export const DryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });

const LocalText = z.object({ 'zh-CN': z.string(), en: z.string() });

/** A cadre who can serve on a task force. */
export const Cadre = z.object({ id: z.number().int(), name: z.string(), rank: z.enum(RANKS), homeUnit: z.string() });
export type Cadre = z.infer<typeof Cadre>;

/** A zone on a day, as lists and the detail show it. */
export const Zone = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.enum(ZONE_LEVELS),
  status: z.enum(['active', 'lifted']),
  unit: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  streetCode: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  residents: z.number().int(),
  designatedOn: z.string(),
  liftedOn: z.string().nullable(),
  polygon: z.unknown().describe('The GeoJSON polygon the zone was designated with, or null'),
  centre: z.tuple([z.number(), z.number()]).describe('[lng, lat] for the map'),
  cleanDays: z.number().int().nullable().describe('As of the day asked for; null once lifted'),
  lastInfectionOn: z.string().nullable(),
  taskForce: z.object({ id: z.number().int(), leader: Cadre.nullable(), members: z.number().int() }).nullable(),
  overdueDuties: z.number().int(),
});
export type Zone = z.infer<typeof Zone>;
export type ZoneStatus = Zone['status'];

/** GET /api/v1/zones. */
export const ZoneList = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(Zone),
});
export type ZoneList = z.infer<typeof ZoneList>;

/** One entry of a zone's history. */
export const ZoneEvent = z.object({
  id: z.number().int(),
  day: z.string(),
  at: z.string(),
  kind: z.string(),
  fromLevel: z.string().nullable(),
  toLevel: z.string().nullable(),
  noticeNo: z.string().nullable(),
  noticeDistrict: z.string().nullable(),
  policyId: z.string().nullable(),
  rule: z.string().nullable(),
  reason: z.string().nullable(),
  overrideReason: z.string().nullable(),
  tested: z.number().int().nullable(),
  positives: z.number().int().nullable(),
  caseNo: z.string().nullable(),
  actor: z.string(),
});
export type ZoneEvent = z.infer<typeof ZoneEvent>;

/** A task the task force must do, by a time. */
export const Duty = z.object({
  id: z.number().int(),
  zoneCode: z.string(),
  kind: DutyInput.shape.kind,
  title: z.string(),
  owner: z.string(),
  dueAt: z.string(),
  closedAt: z.string().nullable(),
  closingNote: z.string().nullable(),
  overdue: z.boolean(),
});
export type Duty = z.infer<typeof Duty>;

/** A zone's task force with its members. */
export const TaskForceDetail = z.object({
  id: z.number().int(),
  formedOn: z.string(),
  disbandedOn: z.string().nullable(),
  leader: Cadre.nullable(),
  members: z.array(
    z.object({
      cadre: Cadre,
      group: z.enum(WORKING_GROUPS),
      isLeader: z.boolean(),
      joinedOn: z.string(),
      leftOn: z.string().nullable(),
    }),
  ),
});
export type TaskForceDetail = z.infer<typeof TaskForceDetail>;

/** GET /api/v1/zones/:code: the zone with its history, task force and duties. */
export const ZoneDetail = z.object({
  zone: Zone,
  events: z.array(ZoneEvent),
  taskForce: TaskForceDetail.optional().describe('Absent until the zone has a task force'),
  duties: z.array(Duty),
});
export type ZoneDetail = z.infer<typeof ZoneDetail>;

/** What the policy in force allows a zone to do on a day, and why (or why not). */
export const Evaluation = z.object({
  level: z.enum(ZONE_LEVELS),
  policyId: z.string(),
  action: z.enum(['downgrade', 'lift', 'none']),
  to: z.enum(ZONE_LEVELS).nullable(),
  eligible: z.boolean(),
  rule: z.string().nullable(),
  cleanDays: z.number().int(),
  since: z.string(),
  reason: LocalText,
});

/** POST /api/v1/zones/:code/transitions: the zone after the notice, with the evaluation it followed or overrode. */
export const TransitionAnswer = ZoneDetail.extend({ evaluation: Evaluation });

/** GET /api/v1/zones/evaluation: a day, optionally replayed under another version (nothing is stored). */
export const EvaluationQuery = DayDistrictQuery.extend({
  policy: PolicyIdParams.shape.id.optional().describe('Replay the day under this version instead of the one in force'),
  zone: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .describe('One zone only (its page): absent from the items when it was not active that morning'),
});

/** GET /api/v1/zones/evaluation. */
export const ZoneEvaluation = z.object({
  date: z.string(),
  /** The version the evaluation used. */
  policy: Policy,
  /** The version in force on the date; differs from `policy` in a replay. */
  inForce: z.string(),
  replay: z.boolean(),
  items: z.array(
    Evaluation.extend({
      zoneCode: z.string(),
      zoneName: z.string(),
      districtCode: z.string(),
      /** The notice already issued for the zone on the day, or null: a zone lifted today is not active at the day's end. */
      decidedToday: z.object({ kind: z.enum(['downgrade', 'upgrade', 'lift']), to: z.enum(ZONE_LEVELS) }).nullable(),
    }),
  ),
});
export type ZoneEvaluation = z.infer<typeof ZoneEvaluation>;
export type ZoneEvaluationItem = ZoneEvaluation['items'][number];

const CadreCounts = z.object({
  clerk: z.number().int(),
  section: z.number().int(),
  division: z.number().int(),
  bureau: z.number().int(),
});

/** GET /api/v1/zones/counts: zones by level, lifts so far, task forces and deployed cadres by rank. */
export const ZoneCounts = z.object({
  date: z.string(),
  high: z.number().int(),
  medium: z.number().int(),
  liftedMedium: z.number().int(),
  liftedHigh: z.number().int(),
  taskForces: z.number().int(),
  cadres: CadreCounts,
  byDistrict: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      high: z.number().int(),
      medium: z.number().int(),
      liftedMedium: z.number().int(),
      cadres: CadreCounts,
    }),
  ),
  sentence: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
});
export type ZoneCounts = z.infer<typeof ZoneCounts>;

/** POST /api/v1/zones/:code/task-force. */
export const TaskForceAnswer = z.object({
  taskForce: z.object({
    id: z.number().int(),
    zoneCode: z.string(),
    leaderId: z.number().int(),
    members: z.number().int(),
    formedOn: z.string(),
  }),
});

/** GET /api/v1/cadres. */
export const CadreList = z.object({ items: z.array(Cadre) });
/** Lists of duties. */
export const DutyList = z.object({ items: z.array(Duty) });
/** One duty, added or closed. */
export const DutyAnswer = z.object({ duty: Duty });

/** GET /api/v1/zones/:code/residents: recorded residents, masked. */
export const ZoneResidentsPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      personId: z.number().int(),
      idNumberMasked: z.string(),
      nameMasked: z.string(),
      communityCode: z.string(),
    }),
  ),
});

/** POST /api/v1/zones/:code/residents: how many were recorded (or would be, dry). */
export const ResidentsImport = z.object({
  zone: z.string(),
  added: z.number().int(),
  already: z.number().int(),
  dryRun: z.boolean(),
});
