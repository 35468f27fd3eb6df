import { z } from 'zod';

/** Query of GET /api/v1/divisions. */
export const DivisionQuery = z.object({
  level: z.enum(['district', 'street', 'community']).optional(),
  parent: z
    .string()
    .regex(/^\d{4,12}$/)
    .optional(),
});
export type DivisionQuery = z.infer<typeof DivisionQuery>;

/** A division code in the path. */
export const DivisionCodeParams = z.object({ code: z.string().regex(/^\d{4,12}$/) });

/** A district, street or community of the city. */
export const Division = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['district', 'street', 'community']),
  parentCode: z.string(),
});
export type Division = z.infer<typeof Division>;
export type DivisionLevel = Division['level'];

/** GET /api/v1/divisions. */
export const DivisionList = z.object({ items: z.array(Division) });

/** GET /api/v1/divisions/:code: the division, its children and its path from the district down. */
export const DivisionDetail = z.object({ division: Division, children: z.array(Division), path: z.array(Division) });
export type DivisionDetail = z.infer<typeof DivisionDetail>;
