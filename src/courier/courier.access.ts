import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { CourierErrors } from './courier.errors.ts';
import { type CourierRules, DEFAULT_COURIER_RULES } from './courier.rules.ts';
import { managedOutletIds, type OutletFilter, type StoredOutlet } from './registry.repo.ts';

/** Who may see what: the actor's division prefix and, for an outlet manager, their outlet(s) only. */
export async function outletFilterOf(ctx: Ctx, actor: Actor): Promise<OutletFilter> {
  requirePermission(actor, 'courier:read');
  const prefix = scopePrefix(actor.scope);
  if (prefix === null) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const outletIds = actor.role === 'outlet-manager' ? await managedOutletIds(ctx.db, actor.userId) : null;
  return { prefix, outletIds };
}

/** Refuses an outlet the actor may not see (another district, or not the manager's own). */
export function assertOutletVisible(f: OutletFilter, o: StoredOutlet): void {
  if (f.outletIds && !f.outletIds.includes(o.id))
    throw new AppError(CourierErrors.COURIER_OUTLET_NOT_YOURS, { code: o.code });
  if (!o.district_code.startsWith(f.prefix)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
}

/** Whether the actor may write for an outlet: the regulator anywhere in scope, a manager for their own. */
export async function writeFilterOf(ctx: Ctx, actor: Actor): Promise<OutletFilter> {
  if (actor.role === 'outlet-manager') requirePermission(actor, 'courier:outlet');
  else requirePermission(actor, 'courier:write');
  return outletFilterOf(ctx, actor);
}

/** The courier rules of the policy version in force on a day, or the defaults when it has none. */
export async function courierRulesOn(ctx: Ctx, date: string): Promise<CourierRules & { policyId: string }> {
  const p = policyOn(await listPolicies(ctx), date);
  return { ...DEFAULT_COURIER_RULES, ...(p.params.courier ?? {}), policyId: p.id };
}
