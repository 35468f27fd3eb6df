import { z } from 'zod';

/** Body of POST /api/v1/colour-overrides. */
export const OverrideRequest = z.object({
  personId: z.number().int().positive(),
  colour: z.enum(['green', 'yellow', 'red']),
  reason: z.string().trim().min(10, 'give the reason in a sentence').max(500),
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
});
export type OverrideRequest = z.infer<typeof OverrideRequest>;

/** An override (or person) id in the path. */
export const OverrideIdParams = z.object({ id: z.coerce.number().int().positive() });

/** A manual colour as served to staff and shown to the person. */
export const Override = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  colour: z.string(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  expiresAt: z.string(),
  /** pending, approved (in force), expired, rejected or revoked. */
  status: z.string(),
  revokedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type Override = z.infer<typeof Override>;

/** Body of POST /api/v1/colour-overrides/:id/revoke. */
export const OverrideRevoke = z.object({ reason: z.string().trim().min(4).max(500) });

/** Query of GET /api/v1/colour-overrides. */
export const OverrideListQuery = z.object({
  status: z.enum(['pending', 'approved', 'expired', 'rejected', 'revoked']).default('pending'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** An override with its person, masked, for the command centre's lists. */
export const ListedOverride = Override.extend({
  person: z.object({ idNumberMasked: z.string(), nameMasked: z.string(), communityName: z.string() }),
});
export type ListedOverride = z.infer<typeof ListedOverride>;

/** GET /api/v1/colour-overrides. */
export const OverrideArea = z.object({ items: z.array(ListedOverride) });

/** One override, requested or decided. */
export const OverrideAnswer = z.object({ override: Override });

/** GET /api/v1/persons/:id/colour-overrides. */
export const OverrideList = z.object({ items: z.array(Override) });
