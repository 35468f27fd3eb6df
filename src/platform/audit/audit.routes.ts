import { requirePermission } from '../auth/auth.service.ts';
import type { Ctx } from '../context.ts';
import { actorOf } from '../http/session.ts';
import { type Api, jsonSchema, ok } from '../http/zod.ts';
import { anchorFile } from './audit.anchor.ts';
import { AuditPage, AuditQuery, AuditVerify } from './audit.schema.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

/** The auditor's view of the chain. */
export async function auditRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/audit',
    {
      config: { scope: 'city' },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first',
        querystring: jsonSchema(AuditQuery),
        response: ok(AuditPage),
      },
    },
    async (request) => {
      requirePermission(actorOf(request), 'audit:read');
      return listAudit(ctx.db, request.query as AuditQuery);
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { scope: 'city' },
      schema: { tags: ['audit'], summary: 'Verify the hash chain', response: ok(AuditVerify) },
    },
    async (request) => {
      requirePermission(actorOf(request), 'audit:read');
      return verifyAudit(ctx.db, ctx.crypto, { anchorFile: anchorFile(ctx.config) });
    },
  );
}
