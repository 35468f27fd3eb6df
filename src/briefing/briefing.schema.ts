import { z } from 'zod';
import { CUMULATIVE_METRICS, Figures, METRICS } from '../cases/cases.schema.ts';
import { LANGS } from './briefing.text.ts';

const RecordMetric = z.enum([...METRICS, ...CUMULATIVE_METRICS]);

/** A briefing's day in the path. */
export const DateParams = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') });

/** Body of PUT /api/v1/briefings/:date: the hand-edited texts. */
export const TextsBody = z.object({
  texts: z.object({ 'zh-CN': z.string().max(20_000), 'zh-TW': z.string().max(20_000), en: z.string().max(20_000) }),
});
export type TextsBody = z.infer<typeof TextsBody>;

/** Query of GET /api/v1/briefings/:date/render. */
export const RenderQuery = z.object({
  lang: z.enum(LANGS).default('zh-CN'),
  format: z.enum(['md', 'html', 'json']).default('md'),
});

/**
 * Plain text, or a number that links to the records behind it: a case figure (stored briefings
 * carry no href; the records of a figure are found by its metric) or another module's number with its own link.
 */
export const SegmentView = z.union([
  z.object({ text: z.string(), metric: z.string(), value: z.number(), href: z.string().optional() }),
  z.object({ text: z.string() }),
]);

const Link = z.object({ metric: RecordMetric, value: z.number(), href: z.string() });
const perLang = <T extends z.ZodType>(t: T) => z.object({ 'zh-CN': t, 'zh-TW': t, en: t });

/** The briefing of a day as the API serves it. */
export const BriefingView = z.object({
  date: z.string(),
  status: z.enum(['new', 'draft', 'approved', 'published']),
  texts: perLang(z.string()),
  segments: perLang(z.array(SegmentView)).nullable(),
  figures: Figures,
  previous: Figures,
  links: z.array(Link),
  draftedBy: z.string().nullable(),
  editedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  publishedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Display names of the people above, by login. */
  people: z.record(z.string(), z.string()),
  /** Whether the asking user may approve it now (not its last editor). */
  mayApprove: z.boolean(),
});
export type BriefingView = z.infer<typeof BriefingView>;

/** Every briefing answer but the rendering. */
export const BriefingAnswer = z.object({ briefing: BriefingView });

/** GET /api/v1/briefings/:date/render?format=json: what the Markdown and HTML are made from. */
export const BriefingRender = z.object({
  date: z.string(),
  lang: z.enum(LANGS),
  status: BriefingView.shape.status,
  title: z.string(),
  text: z.string(),
  segments: z.array(SegmentView).nullable(),
  links: z.array(Link.extend({ label: z.string() })),
});
