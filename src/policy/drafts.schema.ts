import { z } from 'zod';
import { PolicyInput, PolicyParams } from './policy.schema.ts';

/** Body of POST /api/v1/policy-drafts: a new version's id, drafted from an existing version. */
export const DraftCreate = z.object({
  id: PolicyInput.shape.id,
  basedOn: PolicyInput.shape.id,
  name: PolicyInput.shape.name.optional(),
  effectiveFrom: PolicyInput.shape.effectiveFrom,
});
export type DraftCreate = z.infer<typeof DraftCreate>;

/** Body of PUT /api/v1/policy-drafts/:id: the draft's name, date and parameters. */
export const DraftEdit = z.object({
  name: PolicyInput.shape.name,
  effectiveFrom: PolicyInput.shape.effectiveFrom,
  params: PolicyParams,
});
export type DraftEdit = z.infer<typeof DraftEdit>;

/** A draft as served. */
export const Draft = z.object({
  id: z.string(),
  basedOn: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  params: PolicyParams,
  status: z.enum(['draft', 'published', 'withdrawn']),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type Draft = z.infer<typeof Draft>;

/** GET /api/v1/policy-drafts. */
export const DraftList = z.object({ items: z.array(Draft) });
/** One draft. */
export const DraftAnswer = z.object({ draft: Draft });
