import { z } from 'zod';
import { PolicyDiff } from './replay.schema.ts';

const Zones = PolicyDiff.shape.zones.shape.items;
const Colours = PolicyDiff.shape.colours.shape.byDistrict;
// Switch-overs recorded before the zone levels were part of a venue line carry neither those nor `changes`.
const Side = PolicyDiff.shape.venues.shape.byCategory.element.shape.inForce;
const OldSide = Side.extend({ zoneLevels: Side.shape.zoneLevels.optional() });
const Venues = z.array(
  PolicyDiff.shape.venues.shape.byCategory.element.extend({
    inForce: OldSide,
    draft: OldSide,
    changes: PolicyDiff.shape.venues.shape.byCategory.element.shape.changes.optional(),
  }),
);

/** A version's taking effect, recorded: what changed against the version it replaced, each by rule. */
export const Switchover = z.object({
  version: z.string(),
  previous: z.string(),
  effectiveFrom: z.string(),
  /** The moment zones, colours and entrance rules were recomputed at. */
  at: z.string(),
  ranBy: z.string(),
  ranAt: z.string(),
  tookMs: z.number().int(),
  counts: z.object({
    /** Zones the new version lets lift or downgrade that the previous one kept. */
    zonesLifted: z.number().int(),
    /** Zones the previous version let change that the new one keeps. */
    zonesKept: z.number().int(),
    coloursChanged: z.number().int(),
    venuesChanged: z.number().int(),
  }),
  zones: Zones,
  colours: Colours,
  venues: Venues,
  href: z.string(),
});
export type Switchover = z.infer<typeof Switchover>;

/** GET /api/v1/policy-switchovers. */
export const SwitchoverList = z.object({ items: z.array(Switchover) });
/** One switch-over. */
export const SwitchoverAnswer = z.object({ switchOver: Switchover });

/** GET /api/v1/policies/:id/switch-over/changes: one kind, one district, a page. */
export const SwitchoverChangesQuery = z.object({
  kind: z.enum(['zone', 'colour', 'venue']).optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(2000).optional(),
});
export type SwitchoverChangesQuery = z.infer<typeof SwitchoverChangesQuery>;

/** The changes of a switch-over, each with its rule before and after. */
export const SwitchoverChanges = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      kind: z.enum(['zone', 'colour', 'venue']),
      /** The zone code, the person id or the venue category. */
      subject: z.string(),
      districtCode: z.string(),
      from: z.string(),
      to: z.string(),
      fromRule: z.string(),
      toRule: z.string(),
    }),
  ),
});
export type SwitchoverChanges = z.infer<typeof SwitchoverChanges>;
