import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../auth/auth.service.ts';
import type { Ctx } from '../context.ts';
import { actorOf } from '../http/session.ts';
import { jsonSchema } from '../http/zod.ts';
import { anchorFile } from './audit.anchor.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  entity: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
});

/** The auditor's view of the chain. */
export async function auditRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.get(
    '/api/v1/audit',
    {
      config: { scope: 'city' },
      schema: { tags: ['audit'], summary: 'Audit log, newest first', querystring: jsonSchema(AuditQuery) },
    },
    async (request) => {
      requirePermission(actorOf(request), 'audit:read');
      return listAudit(ctx.db, request.query as z.infer<typeof AuditQuery>);
    },
  );

  app.get(
    '/api/v1/audit/verify',
    { config: { scope: 'city' }, schema: { tags: ['audit'], summary: 'Verify the hash chain' } },
    async (request) => {
      requirePermission(actorOf(request), 'audit:read');
      return verifyAudit(ctx.db, ctx.crypto, { anchorFile: anchorFile(ctx.config) });
    },
  );
}
