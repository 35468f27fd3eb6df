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

/** GET /api/v1/persons/:id/colour: a moment (now by default), optionally under another version. */
export const ColourQuery = z.object({
  at: z.string().datetime({ offset: true }).optional().describe('The moment (ISO-8601 with offset); now if absent'),
  policy: z
    .string()
    .regex(/^[a-z0-9-]{3,64}$/)
    .optional()
    .describe('Replay under this version instead of the one in force at the moment'),
});

const Text = z.object({ 'zh-CN': z.string(), en: z.string() });

/** A colour explained: which rule of which version decided it, from which records (nothing stored). */
export const ColourExplanation = z.object({
  personId: z.number().int(),
  at: z.string(),
  /** The version used. */
  policy: z.object({ id: z.string(), name: z.string(), effectiveFrom: z.string() }),
  /** The version in force at the moment; differs from `policy.id` in a replay. */
  inForce: z.string(),
  replay: z.boolean(),
  colour: z.enum(['green', 'yellow', 'red']),
  rule: z.string(),
  decidedBy: z.object({ id: z.string(), rule: z.string() }),
  reason: Text,
  notice: Text.nullable(),
  facts: z.object({
    lastNegativeSampledAt: z.string().nullable(),
    negatives: z.number().int(),
    positivePoolAt: z.string().nullable(),
    positiveAt: z.string().nullable(),
    zone: z.object({ code: z.string(), level: z.string() }).nullable(),
    marks: z.array(z.object({ kind: z.string(), since: z.string() })),
    infection: z.object({ kind: z.string(), reportedOn: z.string() }).nullable(),
  }),
});
export type ColourExplanation = z.infer<typeof ColourExplanation>;
