import { z } from 'zod';
import { VENUE_KINDS } from '../venues/venues.rules.ts';
import { EXIT_REASONS } from '../venues/venues.schema.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Counts = z.object({ allowed: z.number().int(), refused: z.number().int() });

/** Query of the exit screens: a day (default: the latest with checkpoint scans up to today). */
export const ExitDayQuery = z.object({ date: Day.optional() });

/** One checkpoint's departures of a day. */
export const CheckpointDayOut = z.object({
  code: z.string(),
  name: z.string(),
  /** The checkpoint's kind (rail, airport, highway, port) as registered, or null when not given. */
  kind: z.enum(VENUE_KINDS['city-exit']).nullable(),
  districtCode: z.string(),
  allowed: z.number().int(),
  refused: z.number().int(),
  flagged: z.number().int(),
  byReason: z.object(Object.fromEntries(EXIT_REASONS.map((r) => [r, Counts])) as Record<string, typeof Counts>),
  refusals: z.record(z.string(), z.number().int()),
});

/** GET /api/v1/exits/daily. */
export const ExitDaily = z.object({
  date: z.string().nullable(),
  /** The certificate hours leaving needs that day, from the policy version in force. */
  certificateHours: z.number().int().nullable(),
  policyId: z.string().nullable(),
  checkpoints: z.array(CheckpointDayOut),
  totals: z.object({ allowed: z.number().int(), refused: z.number().int(), flagged: z.number().int() }),
});
export type ExitDaily = z.infer<typeof ExitDaily>;

/** GET /api/v1/exits/flagged: who from a restricted zone of one's district tried to leave (masked). */
export const FlaggedExits = z.object({
  date: z.string().nullable(),
  total: z.number().int(),
  items: z.array(
    z.object({
      scanId: z.string(),
      at: z.string(),
      checkpoint: z.object({ code: z.string(), name: z.string() }),
      nameMasked: z.string(),
      idNumberMasked: z.string(),
      zone: z.object({ code: z.string(), level: z.string(), community: z.string() }),
      reason: z.enum(EXIT_REASONS),
      reasonText: z.string().nullable(),
      verdict: z.enum(['allow', 'deny']),
      refusals: z.array(z.string()),
      policyId: z.string(),
    }),
  ),
});
export type FlaggedExits = z.infer<typeof FlaggedExits>;
