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
  status: z.string(),
});
export type Override = z.infer<typeof Override>;

/** One override, requested or decided. */
export const OverrideAnswer = z.object({ override: Override });

/** GET /api/v1/persons/:id/colour-overrides. */
export const OverrideList = z.object({ items: z.array(Override) });
