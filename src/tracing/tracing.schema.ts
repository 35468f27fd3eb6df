import { z } from 'zod';
import { PolicyRef } from '../policy/policy.schema.ts';

const LocalText = z.object({ 'zh-CN': z.string(), en: z.string() });

/** One risk mark to record, by resident ID. */
export const MarkInput = z.object({
  idNumber: z.string().min(1).max(32),
  kind: z.string().min(1).max(40),
  since: z.string().min(1).max(40),
  caseNo: z.string().max(40).optional(),
  zone: z.string().max(40).optional(),
  origin: z.string().max(80).optional(),
  note: z.string().max(500).optional(),
});
export type MarkInput = z.infer<typeof MarkInput>;

/** Body of POST /api/v1/tracing/marks. */
export const MarksBody = z.object({ records: z.array(MarkInput).min(1).max(5000) });

/** Query of the marks list and its workbook. */
export const MarksListQuery = z.object({
  kind: z.string().max(40).optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  active: z.enum(['true', 'false']).optional(),
  caseNo: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});
export type MarksListQuery = z.infer<typeof MarksListQuery>;

/** Query of POST /api/v1/imports/tracing-marks. */
export const MarksImportQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });

/** A mark's id in the path (a 32-bit id: anything larger is refused as input, not sent to the database). */
export const MarkIdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

/** Body of POST /api/v1/tracing/marks/:id/close. */
export const CloseMarkBody = z.object({
  reason: z.string().min(1).max(500),
  status: z.enum(['withdrawn', 'ended']).optional(),
});

/** Body of POST /api/v1/tracing/cases/:id/trace (optional). */
export const TraceBody = z
  .object({
    minutes: z.number().int().min(1).max(240).optional(),
    onsetOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .optional();

/** A contact's quarantine schedule by the policy version in force on the day of the last contact. */
export const Schedule = z.object({
  policyId: z.string(),
  rule: z.string(),
  policy: PolicyRef,
  identified: z.boolean(),
  phases: z.array(z.object({ place: z.string(), kind: z.string(), from: z.string(), to: z.string() })),
  pcr: z.array(z.object({ day: z.number().int(), date: z.string(), place: z.string() })),
  endsOn: z.string().nullable(),
});

/** A risk mark as the list answers it: identity masked, with its effect on the colour now. */
export const Mark = z.object({
  id: z.number().int(),
  kind: z.string(),
  since: z.string(),
  caseNo: z.string().nullable(),
  zone: z.string().nullable(),
  origin: z.string().nullable(),
  source: z.string(),
  note: z.string().nullable(),
  status: z.string(),
  effect: z.enum(['red', 'yellow', 'green', 'cleared']).nullable(),
  reason: LocalText.nullable(),
  schedule: Schedule.nullable(),
  person: z.object({ name: z.string(), idNumber: z.string(), district: z.string(), community: z.string() }),
  createdBy: z.string(),
  createdAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
});
export type Mark = z.infer<typeof Mark>;

/** GET /api/v1/tracing/marks. */
export const MarkPage = z.object({ total: z.number().int(), items: z.array(Mark) });

/** What recording marks did (or would do, dry: `valid`). */
export const MarksAdded = z.object({
  added: z.number().int(),
  duplicates: z.number().int(),
  valid: z.number().int().optional(),
});

/** POST /api/v1/tracing/marks/:id/close. */
export const MarkClosed = z.object({ id: z.number().int(), status: z.string() });

/** What a co-presence run found. */
export const TraceResult = z.object({
  caseNo: z.string(),
  window: z.object({
    from: z.string(),
    until: z.string(),
    anchor: z.string(),
    anchorKind: z.string(),
    minutes: z.number().int(),
  }),
  caseScans: z.number().int(),
  venues: z.number().int(),
  found: z.number().int(),
  added: z.number().int(),
  existing: z.number().int(),
  unidentified: z.number().int(),
  contacts: z.array(z.object({ name: z.string(), idNumber: z.string(), lastContact: z.string() })),
});
export type TraceResult = z.infer<typeof TraceResult>;
