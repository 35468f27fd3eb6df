import { z } from 'zod';

/** Query of GET /api/v1/audit. */
export const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  entity: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** One entry of the hash-chained audit log. */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET /api/v1/audit: a page of the log, newest first. */
export const AuditPage = z.object({ total: z.number().int(), items: z.array(AuditEntry) });
export type AuditPage = z.infer<typeof AuditPage>;

const Fault = z.object({
  id: z.number().int(),
  reason: z.enum(['edited', 'broken-link', 'gap', 'truncated', 'anchor-mismatch', 'anchor-forged']),
});

/** GET /api/v1/audit/verify: every fault of the chain (up to 1,000), and the anchor checked against. */
export const AuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  faultCount: z.number().int(),
  faults: z.array(Fault),
  firstBad: Fault.optional().describe('The first fault, kept for older clients'),
  anchor: z
    .object({
      file: z.string(),
      checkpoints: z.number().int(),
      latest: z.object({ id: z.number().int(), at: z.string() }).nullable(),
    })
    .nullable()
    .describe('The anchor file and its checkpoints, or null when there is none yet'),
});
export type AuditVerify = z.infer<typeof AuditVerify>;
