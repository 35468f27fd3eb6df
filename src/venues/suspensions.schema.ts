import { z } from 'zod';
import { VENUE_CATEGORIES } from '../policy/policy.schema.ts';
import { NOTICE_KIND_NAMES } from './suspensions.rules.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Body of POST /api/v1/venue-notices: no districts means the whole city. */
export const NoticeBody = z.object({
  noticeNo: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(200),
  categories: z.array(z.enum(VENUE_CATEGORIES)).min(1).max(VENUE_CATEGORIES.length),
  kinds: z
    .array(z.enum(NOTICE_KIND_NAMES as [string, ...string[]]))
    .max(NOTICE_KIND_NAMES.length)
    .default([]),
  districts: z
    .array(z.string().regex(/^\d{6}$/))
    .max(20)
    .default([]),
  effectiveOn: Day,
});

/** Body of POST /api/v1/venue-notices/reopen. */
export const ReopenBody = z.object({ noticeNo: z.string().trim().min(1).max(60) });

/** What suspending by a notice did. */
export const NoticeSuspended = z.object({
  noticeNo: z.string(),
  suspended: z.number().int(),
  alreadySuspended: z.number().int().describe('Venues of the scope already suspended, left to who holds them'),
});

/** What reopening by a notice did. */
export const NoticeReopened = z.object({
  noticeNo: z.string(),
  restored: z.number().int(),
  left: z.array(z.string()).describe('Venues opened or suspended by hand since, left as they are'),
});

/** GET /api/v1/venue-notices: the notices touching the caller's area, counted within it. */
export const NoticeList = z.object({
  items: z.array(
    z.object({
      noticeNo: z.string(),
      title: z.string(),
      categories: z.array(z.string()),
      kinds: z.array(z.string()),
      districts: z.array(z.string()),
      cityWide: z.boolean(),
      effectiveOn: z.string(),
      issuedAt: z.string(),
      reopenedAt: z.string().nullable(),
      suspended: z.number().int(),
      restored: z.number().int(),
      held: z.number().int(),
    }),
  ),
});
export type NoticeList = z.infer<typeof NoticeList>;
export type NoticeSuspended = z.infer<typeof NoticeSuspended>;
export type NoticeReopened = z.infer<typeof NoticeReopened>;
