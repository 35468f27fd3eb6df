import { z } from 'zod';
import { ENFORCER_KINDS, MEASURE_KINDS } from './measures.rules.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Body of POST /api/v1/measures: a measure as its notice publishes it (no districts = the whole city). */
export const MeasureBody = z.object({
  noticeNo: z.string().trim().min(1).max(60),
  kind: z.enum(MEASURE_KINDS),
  text: z.object({
    'zh-CN': z.string().trim().min(1).max(500),
    'zh-TW': z.string().trim().min(1).max(500).optional(),
    en: z.string().trim().min(1).max(500),
  }),
  districts: z
    .array(z.string().regex(/^\d{6}$/))
    .max(20)
    .default([]),
  from: Day,
  to: Day.nullable().optional(),
  enforcedBy: z
    .object({ kind: z.enum(ENFORCER_KINDS), ref: z.string().trim().min(1).max(120) })
    .nullable()
    .optional(),
});

/** Query of GET /api/v1/measures. */
export const MeasuresQuery = z.object({ date: Day });

/** A recorded measure's id. */
export const MeasureRecorded = z.object({ id: z.number().int() });

/** GET /api/v1/measures: the measures in force on a day touching the caller's area. */
export const MeasureList = z.object({
  date: z.string(),
  policy: z.string().describe('The policy version in force that day, whose parameters enforce some measures'),
  items: z.array(
    z.object({
      id: z.number().int(),
      noticeNo: z.string(),
      kind: z.enum(MEASURE_KINDS),
      text: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
      districts: z.array(z.string()),
      cityWide: z.boolean(),
      from: z.string(),
      to: z.string().nullable(),
      enforcedBy: z
        .object({
          kind: z.enum(ENFORCER_KINDS),
          ref: z.string(),
          state: z.string().nullable().describe('The parameter’s value that day, or the venues the notice holds'),
          href: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});
export type MeasureList = z.infer<typeof MeasureList>;
