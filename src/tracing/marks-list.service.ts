import { markNegatives } from '../health-code/colour.service.ts';
import { freshColourState } from '../health-code/colour.state.ts';
import { type MarkKind, markColour } from '../health-code/marks.rules.ts';
import { type Actor, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { scheduleOf } from './quarantine.rules.ts';
import { caseIdsByNo, listMarkRows } from './tracing.repo.ts';
import { beijingDay, kindOf } from './tracing.rules.ts';

/** The filter of the marks list. */
export interface MarksQuery {
  kind?: string;
  district?: string;
  active?: boolean;
  caseNo?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Marks in the actor's scope, newest first, with masked identities and what each does to the colour
 * now ('red', 'yellow', 'green' with a notice, or 'cleared' once its negatives are in).
 */
export async function listMarks(ctx: Ctx, actor: Actor, q: MarksQuery, now = nowMs()) {
  requirePermission(actor, 'tracing:read');
  const prefix = scopePrefix(actor.scope);
  if (prefix === null) return { total: 0, items: [] };
  const pageSize = Math.min(q.pageSize ?? 50, 5000);
  const page = Math.max(q.page ?? 1, 1);
  let caseId: number | undefined;
  if (q.caseNo) {
    caseId = (await caseIdsByNo(ctx.db, [q.caseNo])).get(q.caseNo);
    if (caseId === undefined) return { total: 0, items: [] };
  }
  const kind = q.kind ? (kindOf(q.kind) ?? q.kind) : undefined;
  const { total, rows } = await listMarkRows(ctx.db, {
    prefix,
    kind,
    district: q.district,
    active: q.active,
    caseId,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const s = await freshColourState(ctx);
  const policies = await listPolicies(ctx);
  return {
    total,
    items: rows.map((r) => {
      const negatives = markNegatives(s, r.person_id);
      const v =
        r.status === 'active'
          ? markColour(
              {
                id: r.id,
                kind: r.kind as MarkKind,
                since: Date.parse(r.since),
                indexCase: r.case_no,
                zone: r.zone_code,
                origin: r.origin,
              },
              negatives,
              now,
              policyOn(policies, beijingDay(now)).params.colours,
            )
          : null;
      return {
        id: r.id,
        kind: r.kind,
        since: r.since,
        caseNo: r.case_no,
        zone: r.zone_code,
        origin: r.origin,
        source: r.source,
        note: r.note,
        status: r.status,
        effect: r.status !== 'active' ? null : (v?.colour ?? ('cleared' as const)),
        reason: v?.reason ?? null,
        // The quarantine schedule by the policy version in force on the day of the last contact.
        schedule:
          r.kind === 'close-contact' || r.kind === 'secondary-contact'
            ? scheduleOf(r.kind, beijingDay(Date.parse(r.since)), policyOn(policies, beijingDay(Date.parse(r.since))))
            : null,
        person: { name: r.name_masked, idNumber: r.id_masked, district: r.district_code, community: r.community_code },
        createdBy: r.created_by,
        createdAt: r.created_at,
        closedBy: r.closed_by,
        closedAt: r.closed_at,
        closeReason: r.close_reason,
      };
    }),
  };
}
