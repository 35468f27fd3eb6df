import { z } from 'zod';
import { PlanPhase } from '../policy/policy.schema.ts';

/** GET /api/v1/policy-drafts/:id/diff: the date to compare on (today if absent). */
export const DiffQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const Link = z.string().describe('Where the records behind the number are (a screen of the web app)');
const ZoneOutcome = z.object({
  eligible: z.boolean(),
  action: z.string(),
  to: z.string().nullable(),
  rule: z.string().nullable(),
});

/** GET /api/v1/policies/:id/diff: the date, and the version to compare against (the one in force if absent). */
export const VersionDiffQuery = DiffQuery.extend({
  against: z
    .string()
    .regex(/^[a-z0-9-]{3,64}$/)
    .optional(),
});

/** What a draft (or a version) would change on a date, against the version in force then (or another). */
/** The parts of a category's entrance rule a difference names. */
export const ENTRANCE_ASPECTS = ['certificateHours', 'colours', 'zoneLevels'] as const;

/** A category's entrance rule under one side of a difference. */
const EntranceSide = z.object({
  certificateHours: z.number().nullable(),
  colours: z.array(z.string()),
  zoneLevels: z.array(z.string()),
});

export const PolicyDiff = z.object({
  date: z.string(),
  /** The version examined (a draft, or a published version). */
  draft: z.string(),
  /** The version it is compared against. */
  inForce: z.string(),
  /** The moment the colours were compared at. */
  at: z.string(),
  zones: z.object({
    /** Zones the draft would let change (lift or downgrade) that the version in force keeps. */
    wouldChange: z.number().int(),
    /** Zones the version in force lets change that the draft would keep. */
    wouldStay: z.number().int(),
    href: Link,
    items: z.array(
      z.object({
        zoneCode: z.string(),
        districtCode: z.string(),
        level: z.string(),
        inForce: ZoneOutcome,
        draft: ZoneOutcome,
        href: Link,
      }),
    ),
  }),
  colours: z.object({
    changed: z.number().int(),
    href: Link,
    byDistrict: z.array(
      z.object({
        districtCode: z.string(),
        from: z.string(),
        to: z.string(),
        fromRule: z.string(),
        toRule: z.string(),
        count: z.number().int(),
        href: Link,
      }),
    ),
    /** The residents, for the command centre (ids and areas only; names through the people screens). */
    persons: z.array(
      z.object({
        personId: z.number().int(),
        communityCode: z.string(),
        from: z.string(),
        to: z.string(),
        fromRule: z.string(),
        toRule: z.string(),
        href: Link,
      }),
    ),
  }),
  /** The zone levels each version designates (the 20 measures abolish medium zones). */
  levels: z.object({ inForce: z.array(z.string()), draft: z.array(z.string()) }),
  /** Quarantine and monitoring plans that differ, with the marked persons whose schedule changes. */
  schedules: z.object({
    changed: z.number().int(),
    href: Link,
    byKind: z.array(
      z.object({
        kind: z.enum(['close-contact', 'secondary-contact', 'left-high-zone']),
        /** The plan under each version; null: the version does not identify such persons. */
        inForce: z.array(PlanPhase).nullable(),
        draft: z.array(PlanPhase).nullable(),
        /** Persons marked so at the moment whose schedule would change (left-zone marks carry no schedule). */
        persons: z.number().int(),
        href: Link,
      }),
    ),
    persons: z.array(
      z.object({
        personId: z.number().int(),
        kind: z.string(),
        /** Day 1 of the schedule (the last contact). */
        since: z.string(),
        /** The last day under each version; null: not identified, no schedule. */
        inForceEndsOn: z.string().nullable(),
        draftEndsOn: z.string().nullable(),
      }),
    ),
  }),
  venues: z.object({
    changed: z.number().int(),
    href: Link,
    byCategory: z.array(
      z.object({
        category: z.string(),
        venues: z.number().int(),
        inForce: EntranceSide,
        draft: EntranceSide,
        /** What of the category's rule changes: the certificate hours, the colours or the zone levels admitted. */
        changes: z.array(z.enum(ENTRANCE_ASPECTS)),
        href: Link,
      }),
    ),
  }),
});
export type PolicyDiff = z.infer<typeof PolicyDiff>;
