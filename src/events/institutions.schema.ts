import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Query of the institutions screens: the day checked (default: the business today). */
export const InstitutionDayQuery = z.object({ date: Day.optional() });

/** An institution in the path (its venue code). */
export const InstitutionParams = z.object({ code: z.string().min(1).max(40) });

/** A leave request in the path. */
export const LeaveParams = z.object({ id: z.coerce.number().int().min(1) });

/** Query of the roster import. */
export const RosterImportQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });

/** One closed-loop institution's day. */
export const InstitutionDay = z.object({
  code: z.string(),
  name: z.string(),
  category: z.string(),
  districtCode: z.string(),
  staff: z.number().int(),
  onShift: z.number().int(),
  missingTest: z.number().int(),
  pendingLeaves: z.number().int(),
});
export type InstitutionDay = z.infer<typeof InstitutionDay>;

/** GET /api/v1/institutions. */
export const InstitutionList = z.object({
  date: z.string(),
  items: z.array(InstitutionDay),
  totals: z.object({ institutions: z.number().int(), onShift: z.number().int(), missingTest: z.number().int() }),
});
export type InstitutionList = z.infer<typeof InstitutionList>;

const Leave = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  nameMasked: z.string(),
  leaveDate: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type Leave = z.infer<typeof Leave>;

/** GET /api/v1/institutions/:code: the roster checked against the day's tests (masked). */
export const InstitutionRoster = InstitutionDay.extend({
  date: z.string(),
  /** The hours a staff member's negative must be within, from the policy version in force. */
  certificateHours: z.number().int().nullable(),
  policyId: z.string(),
  /** The instant the tests were checked at (end of the day, or now for today). */
  checkedAt: z.string(),
  members: z.array(
    z.object({
      personId: z.number().int(),
      nameMasked: z.string(),
      idNumberMasked: z.string(),
      role: z.string(),
      standing: z.enum(['on-shift', 'off-shift', 'outsider']),
      shifts: z.array(z.object({ in: z.string(), out: z.string().nullable() })),
      lastNegativeSampledAt: z.string().nullable(),
      missingTest: z.boolean(),
    }),
  ),
  leaves: z.array(Leave),
});
export type InstitutionRoster = z.infer<typeof InstitutionRoster>;

/** POST /api/v1/institutions/:code/leaves. */
export const LeaveInput = z.object({
  personId: z.number().int().min(1),
  leaveDate: Day,
  reason: z.string().trim().min(1).max(200),
});
export type LeaveInput = z.infer<typeof LeaveInput>;

/** POST /api/v1/institutions/leaves/:id/decision. */
export const LeaveDecision = z.object({ approve: z.boolean(), note: z.string().trim().max(200).optional() });
export type LeaveDecision = z.infer<typeof LeaveDecision>;

/** The leave as it stands after a request or decision. */
export const LeaveAnswer = z.object({ leave: Leave });

/** What a roster import did (or would do). */
export const RosterImportResult = z.object({
  rows: z.number().int(),
  staffAdded: z.number().int(),
  shiftsAdded: z.number().int(),
  shiftsUpdated: z.number().int(),
  unchanged: z.number().int(),
  personsCreated: z.number().int(),
  dryRun: z.boolean(),
});
export type RosterImportResult = z.infer<typeof RosterImportResult>;
