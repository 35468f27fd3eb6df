import { z } from 'zod';
import { DISINFECTION_KINDS, OUTLET_STATUSES, POINT_KINDS } from './courier.rules.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Code = z.string().regex(/^[A-Za-z0-9-]{2,32}$/);

/** A courier firm. */
export const Firm = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
export const FirmList = z.object({ items: z.array(Firm) });

/** An outlet as entered (one by one or a sheet row). */
export const OutletInput = z.object({
  code: Code,
  firm: z.string().min(1).max(40),
  name: z.string().min(1).max(100),
  districtCode: z.string().regex(/^\d{6}$/),
  address: z.string().min(1).max(200),
  status: z.enum(OUTLET_STATUSES).default('open'),
  staff: z.number().int().min(0).max(10_000).default(0),
});
export type OutletInput = z.infer<typeof OutletInput>;

/** An outlet as served. */
export const Outlet = z.object({
  code: z.string(),
  firm: z.string(),
  name: z.string(),
  districtCode: z.string(),
  address: z.string(),
  status: z.enum(OUTLET_STATUSES),
  staff: z.number(),
  workers: z.number(),
  updatedAt: z.string(),
});
export type Outlet = z.infer<typeof Outlet>;

export const OutletQuery = z.object({
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  firm: z.string().max(40).optional(),
  status: z.enum(OUTLET_STATUSES).optional(),
});
export type OutletQuery = z.infer<typeof OutletQuery>;
export const OutletList = z.object({ items: z.array(Outlet), open: z.number(), staff: z.number() });
export const OutletParams = z.object({ code: Code });
export const OutletAnswer = z.object({ outlet: Outlet });
export const OutletStatusBody = z.object({ status: z.enum(OUTLET_STATUSES) });

/** What an import did: rows read, records added, changed and left as they were. */
export const ImportAnswer = z.object({
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  personsCreated: z.number().optional(),
});
export type ImportAnswer = z.infer<typeof ImportAnswer>;

/** A worker of an outlet, masked, with their latest negative and whether it covers them now. */
export const Worker = z.object({
  id: z.number(),
  outletCode: z.string(),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  onDuty: z.boolean(),
  lastNegativeAt: z.string().nullable(),
  tested: z.boolean(),
  greenLane: z.boolean(),
});
export type Worker = z.infer<typeof Worker>;
export const WorkerList = z.object({ items: z.array(Worker), hours: z.number(), at: z.string() });

/** The daily worker-test check: per outlet and per firm, who on duty has no negative within the hours. */
export const OutletCheck = z.object({
  code: z.string(),
  firm: z.string(),
  name: z.string(),
  districtCode: z.string(),
  onDuty: z.number(),
  untested: z.number(),
  /** Workers on duty whose covering swab was taken in the couriers' green lane. */
  greenLane: z.number(),
  flagged: z.boolean(),
});
export const FirmCheck = z.object({
  firm: z.string(),
  outlets: z.number(),
  onDuty: z.number(),
  untested: z.number(),
  greenLane: z.number(),
  flaggedOutlets: z.number(),
});
export const WorkerCheck = z.object({
  at: z.string(),
  hours: z.number(),
  policyId: z.string(),
  outlets: z.array(OutletCheck),
  firms: z.array(FirmCheck),
  flagged: z.number(),
  greenLane: z.number(),
});
export type WorkerCheck = z.infer<typeof WorkerCheck>;
export const CheckQuery = z.object({ at: z.string().max(40).optional(), flaggedOnly: z.coerce.boolean().optional() });

/** A sampling site marks a swab as taken in the couriers' green lane. */
export const GreenLaneBody = z.object({ tubeCode: z.string().min(1).max(40), personId: z.number().int().positive() });
export const GreenLaneAnswer = z.object({ tubeCode: z.string(), personId: z.number(), markedAt: z.string() });

/** A disinfection record: a site (outlet code), a vehicle (plate) or a batch (batch number). */
export const DisinfectionBody = z.object({
  kind: z.enum(DISINFECTION_KINDS),
  subject: z.string().min(1).max(40),
  at: z.string().max(40).optional(),
});
export const Disinfection = z.object({
  id: z.number(),
  kind: z.enum(DISINFECTION_KINDS),
  subject: z.string(),
  at: z.string(),
});
export const DisinfectionList = z.object({ items: z.array(Disinfection) });
export const DisinfectionQuery = z.object({ date: Day.optional() });

/** An international parcel batch registered on arrival. */
export const BatchBody = z.object({
  batchNo: Code,
  firm: z.string().min(1).max(40),
  origin: z.string().min(1).max(60),
  parcels: z.number().int().min(1).max(10_000_000),
  arrivedAt: z.string().max(40).optional(),
});
export const BATCH_STATES = ['awaiting-disinfection', 'held', 'due', 'released'] as const;
export const Batch = z.object({
  batchNo: z.string(),
  firm: z.string(),
  origin: z.string(),
  parcels: z.number(),
  arrivedAt: z.string(),
  disinfectedAt: z.string().nullable(),
  releasableAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  state: z.enum(BATCH_STATES),
});
export type Batch = z.infer<typeof Batch>;
export const BatchList = z.object({ items: z.array(Batch), hours: z.number(), held: z.number(), due: z.number() });
export const BatchParams = z.object({ batchNo: Code });
export const BatchAnswer = z.object({ batch: Batch });

/** An inspection visit. */
export const InspectionBody = z.object({
  outlet: Code,
  visitedOn: Day,
  inspectors: z.number().int().min(1).max(50),
  findings: z.string().max(500).default(''),
  rectified: z.boolean().default(false),
});
export const Inspection = z.object({
  id: z.number(),
  outlet: z.string(),
  districtCode: z.string(),
  visitedOn: z.string(),
  inspectors: z.number(),
  findings: z.string(),
  rectified: z.boolean(),
});
export const SummonsBody = z.object({ firm: z.string().min(1).max(40), on: Day, reason: z.string().min(1).max(500) });
export const Summons = z.object({ id: z.number(), firm: z.string(), on: z.string(), reason: z.string() });
export const TalliesQuery = z.object({ since: Day.optional(), to: Day.optional() });
export const Tallies = z.object({
  since: z.string(),
  to: z.string(),
  visits: z.number(),
  personTimes: z.number(),
  outlets: z.number(),
  rectified: z.number(),
  summoned: z.number(),
});
export type Tallies = z.infer<typeof Tallies>;
export const InspectionList = z.object({ items: z.array(Inspection), summons: z.array(Summons), tallies: Tallies });

/** Daily volumes per firm and district. */
export const VolumeQuery = z.object({ from: Day.optional(), to: Day.optional(), district: z.string().optional() });
const VolumeRow = z.object({ key: z.string(), collected: z.number(), delivered: z.number() });
export const Volumes = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number(),
  collected: z.number(),
  delivered: z.number(),
  avgCollected: z.number(),
  avgDelivered: z.number(),
  byDay: z.array(VolumeRow),
  byFirm: z.array(VolumeRow),
  byDistrict: z.array(VolumeRow),
});
export type Volumes = z.infer<typeof Volumes>;

/** A delivery point for a sealed zone and the parcels left there. */
export const PointBody = z.object({
  zoneCode: z.string().min(1).max(40),
  kind: z.enum(POINT_KINDS),
  name: z.string().min(1).max(100),
});
export const PointDeliveryBody = z.object({ day: Day, parcels: z.number().int().min(0).max(1_000_000) });
export const PointParams = z.object({ id: z.coerce.number().int().positive() });
export const Point = z.object({
  id: z.number(),
  zoneCode: z.string(),
  districtCode: z.string(),
  kind: z.enum(POINT_KINDS),
  name: z.string(),
  parcels: z.number(),
});
export const PointList = z.object({ items: z.array(Point), parcels: z.number() });
/** The point form's zone picker: a search over the zones sealed now in the caller's areas. */
export const PointZonesQuery = z.object({
  q: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const PointZones = z.object({
  /** The business instant the zones are sealed at. */
  at: z.string(),
  /** Division prefixes searched: the caller's scope, or an outlet manager's district. */
  areas: z.array(z.string()),
  /** Sealed zones matching the search, and sealed zones in the areas at all. */
  total: z.number(),
  sealed: z.number(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.enum(['high', 'medium']),
      districtCode: z.string(),
      districtName: z.string(),
      communityName: z.string(),
      designatedOn: z.string(),
      points: z.number(),
    }),
  ),
});
export type PointZones = z.infer<typeof PointZones>;
export const PointAnswer = z.object({ point: Point });

/** A relief transport trip and the running totals. */
export const TripBody = z.object({
  tripOn: Day,
  plate: z.string().min(5).max(12),
  driver: z.string().min(1).max(40),
  origin: z.string().min(1).max(60),
  destination: z.string().min(1).max(60),
  tonnes: z.number().min(0).max(100),
  persons: z.number().int().min(0).max(50),
});
export const ReliefQuery = z.object({ to: Day.optional() });
export const ReliefTotals = z.object({
  to: z.string(),
  trips: z.number(),
  persons: z.number(),
  tonnes: z.number(),
  byDay: z.array(z.object({ day: z.string(), trips: z.number(), persons: z.number(), tonnes: z.number() })),
});
export type ReliefTotals = z.infer<typeof ReliefTotals>;
export const TripAnswer = z.object({ id: z.number(), totals: ReliefTotals });

/** Outlets sent as JSON (the same as a sheet's rows). */
export const OutletsBody = z.object({ outlets: z.array(OutletInput).min(1).max(5000) });
/** Workers sent as JSON (the same as a sheet's rows). */
export const WorkersBody = z.object({
  workers: z
    .array(
      z.object({
        outlet: z.string().max(32),
        idNumber: z.string().max(32),
        name: z.string().max(64),
        phone: z.string().max(32).optional(),
        communityCode: z.string().max(12).optional(),
        onDuty: z.string().max(8).optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export const DisinfectionAnswer = z.object({ kind: z.enum(DISINFECTION_KINDS), subject: z.string(), at: z.string() });
export const InspectionAnswer = z.object({ inspection: Inspection });
export const SummonsAnswer = z.object({ firm: z.string(), on: z.string(), reason: z.string() });
export const TripsBody = z.object({ trips: z.array(TripBody).min(1).max(5000) });
export const TripsAnswer = z.object({ added: z.number(), totals: ReliefTotals });
export const ExportQuery = z.object({ date: Day.optional() });
