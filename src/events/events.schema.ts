import { z } from 'zod';
import { CANDIDATE_CLASSES, CLASS_REASONS } from './events.rules.ts';

const Text2 = z.object({ 'zh-CN': z.string(), en: z.string() });
const Instant = z.string().min(10).max(40);

/** An event in the path. */
export const EventCodeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9-]{2,40}$/) });

/** One sitting: a Beijing day with start and end instants. */
export const EventSession = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  startsAt: Instant,
  endsAt: Instant,
});
export type EventSession = z.infer<typeof EventSession>;

/** Body of POST /api/v1/events. */
export const EventInput = z.object({
  code: EventCodeParams.shape.code,
  name: z.string().min(1).max(200),
  kind: z.enum(['exam']).default('exam'),
  sessions: z.array(EventSession).min(1).max(20),
});
export type EventInput = z.infer<typeof EventInput>;

/** An event with its figures (what the 考务防疫 screen and the briefing read). */
export const EventSummary = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  sessions: z.array(EventSession),
  sites: z.number().int(),
  newSites: z.number().int(),
  /** New sites by district (county), for 「在五个县新增考点8个」. */
  newSitesByDistrict: z.array(z.object({ code: z.string(), name: z.string(), sites: z.number().int() })),
  rooms: z.number().int(),
  isolationRooms: z.number().int(),
  seats: z.number().int(),
  isolationSeats: z.number().int(),
  candidates: z.number().int(),
  shuttleRequests: z.number().int(),
  /** Point-to-point trips assigned, all sessions. */
  shuttleTrips: z.number().int(),
});
export type EventSummary = z.infer<typeof EventSummary>;

/** GET /api/v1/events. */
export const EventList = z.object({ items: z.array(EventSummary) });
export type EventList = z.infer<typeof EventList>;

/** What an import would do to one row of the file: add, change, leave, or (a bad row) refuse. */
export const PREVIEW_ACTIONS = ['insert', 'update', 'unchanged', 'invalid'] as const;

/**
 * The first page of a sheet's rows as read (identity columns masked), each with what the import
 * would do to it; the bad rows' columns and reasons are the refusal's `issues`, by row.
 */
export const ImportPreview = z.object({
  /** The sheet's columns, by their English names (the issues' `column`). */
  columns: z.array(z.string()),
  /** Every data row of the file (the page holds the first of them). */
  total: z.number().int(),
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()), action: z.enum(PREVIEW_ACTIONS) })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** What an import of rooms or candidates did (on a dry run, would do, with the file's first rows). */
export const EventImportResult = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  personsCreated: z.number().int(),
  dryRun: z.boolean(),
  preview: ImportPreview.optional(),
});
export type EventImportResult = z.infer<typeof EventImportResult>;

/** ?dryRun=true checks a file without recording it. */
export const EventDryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });

/** The instant to judge at (default: now on the server clock), a page and a class to list. */
export const ClassifyQuery = z.object({
  at: Instant.optional(),
  class: z.enum(CANDIDATE_CLASSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
});

/** One candidate judged: masked identity, seat, class, reason and rule. */
export const ClassifiedCandidate = z.object({
  candidateNo: z.string(),
  idNumberMasked: z.string(),
  nameMasked: z.string(),
  districtCode: z.string(),
  siteCode: z.string(),
  roomNo: z.string(),
  shuttle: z.boolean(),
  class: z.enum(CANDIDATE_CLASSES),
  reason: z.enum(CLASS_REASONS),
  rule: z.string(),
  text: Text2,
});
export type ClassifiedCandidate = z.infer<typeof ClassifiedCandidate>;

const PolicyRef = z.object({ id: z.string(), name: z.string() });

/** GET /api/v1/events/:code/classification. */
export const Classification = z.object({
  event: z.string(),
  at: z.string(),
  policy: PolicyRef,
  counts: z.object({ regular: z.number().int(), special: z.number().int(), barred: z.number().int() }),
  byReason: z.array(z.object({ reason: z.enum(CLASS_REASONS), n: z.number().int() })),
  total: z.number().int(),
  items: z.array(ClassifiedCandidate),
});
export type Classification = z.infer<typeof Classification>;

/** GET /api/v1/events/:code/export.xlsx?at=… */
export const ExportQuery = z.object({ at: Instant.optional() });

/** POST /api/v1/events/:code/plan?at=… */
export const PlanQuery = z.object({ at: Instant.optional(), dryRun: z.enum(['true', 'false']).optional() });

const Seat = z.object({ siteCode: z.string(), roomNo: z.string() });

/** One move of the plan. */
export const PlanMove = z.object({
  candidateNo: z.string(),
  from: Seat,
  to: Seat.nullable(),
  why: z.enum(['isolation-own-site', 'isolation-nearby', 'barred']),
  reason: Text2,
});

/** The room plan applied (or, on a dry run, proposed). */
export const RoomPlan = z.object({
  event: z.string(),
  at: z.string(),
  policy: PolicyRef,
  dryRun: z.boolean(),
  counts: z.object({ regular: z.number().int(), special: z.number().int(), barred: z.number().int() }),
  moved: z.number().int(),
  movedNearby: z.number().int(),
  moves: z.array(PlanMove),
});
export type RoomPlan = z.infer<typeof RoomPlan>;

/** A session of an event in the path (1-based, in time order). */
export const SessionParams = EventCodeParams.extend({ no: z.coerce.number().int().min(1).max(20) });

/** One trip of the manifest: vehicle, driver (masked), site, lane, departure and riders (masked). */
export const Trip = z.object({
  plate: z.string(),
  seats: z.number().int(),
  driverMasked: z.string(),
  driverPhoneMasked: z.string().nullable(),
  siteCode: z.string(),
  siteName: z.string(),
  lane: z.enum(['special', 'regular']),
  departsAt: z.string(),
  riders: z.array(z.object({ candidateNo: z.string(), nameMasked: z.string(), pickupMasked: z.string().nullable() })),
});

/** The shuttle manifest of a session. */
export const Manifest = z.object({
  event: z.string(),
  session: z.number().int(),
  startsAt: z.string(),
  trips: z.array(Trip),
  riders: z.number().int(),
});
export type Manifest = z.infer<typeof Manifest>;

const SupplyCounts = {
  regular: z.number().int(),
  special: z.number().int(),
  /** Barred candidates do not come and get nothing. */
  barred: z.number().int(),
  masks: z.number().int(),
  lunches: z.number().int(),
};

/** GET /api/v1/events/:code/supplies?at=…: masks and lunches per site from the candidates who sit. */
export const Supplies = z.object({
  event: z.string(),
  at: z.string(),
  policy: PolicyRef,
  sessions: z.number().int(),
  days: z.number().int(),
  perCandidate: z.object({ masks: z.number().int(), lunches: z.number().int() }),
  totals: z.object(SupplyCounts),
  sites: z.array(z.object({ siteCode: z.string(), siteName: z.string(), districtCode: z.string(), ...SupplyCounts })),
});
export type Supplies = z.infer<typeof Supplies>;

/** ?site=… limits room lists and seat labels to one site. */
export const SiteQuery = z.object({ site: z.string().min(1).max(40).optional() });

/** GET /api/v1/events/:code/room-lists: who sits in which room as the last plan left it (masked). */
export const RoomLists = z.object({
  event: z.string(),
  name: z.string(),
  sessions: z.array(EventSession),
  /** Every site in the caller's scope (to choose from). */
  sites: z.array(z.object({ code: z.string(), name: z.string(), districtCode: z.string() })),
  rooms: z.array(
    z.object({
      siteCode: z.string(),
      siteName: z.string(),
      districtCode: z.string(),
      roomNo: z.string(),
      isolation: z.boolean(),
      capacity: z.number().int(),
      seats: z.array(
        z.object({
          seat: z.number().int(),
          candidateNo: z.string(),
          nameMasked: z.string(),
          idNumberMasked: z.string(),
          /** `SITE/ROOM` the plan moved the candidate from, or null. */
          movedFrom: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type RoomLists = z.infer<typeof RoomLists>;
