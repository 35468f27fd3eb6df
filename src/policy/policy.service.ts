import { recordAudit } from '../platform/audit/audit.service.ts';
import { actorLabel } from '../platform/auth/auth.rules.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import { PolicyErrors } from './policy.errors.ts';
import { allPolicies, findPolicy, savePolicy } from './policy.repo.ts';
import { checkParams } from './policy.rules.ts';
import type { Policy, PolicyInput, PolicyParams } from './policy.schema.ts';
import type { PolicyRow } from './policy.tables.ts';

/** A version's parameters, or the error naming the first missing or contradictory one. */
export function validParams(id: string, raw: unknown): PolicyParams {
  const r = checkParams(id, raw);
  if (!r.ok) throw new AppError(PolicyErrors[r.problem.code], r.problem.params);
  return r.params;
}

function toPolicy(r: PolicyRow): Policy {
  return {
    id: r.id,
    name: r.name,
    effectiveFrom: r.effective_from,
    params: validParams(r.id, JSON.parse(r.params)),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** All versions, oldest first. */
export async function listPolicies(ctx: Ctx): Promise<Policy[]> {
  return (await allPolicies(ctx.db)).map(toPolicy);
}

/** The version in force on a day: the latest whose effective date is not after it. */
export function policyOn(policies: Policy[], date: string): Policy {
  const p = policies.filter((x) => x.effectiveFrom <= date).at(-1);
  if (!p) throw new AppError(PolicyErrors.POLICY_NONE_IN_FORCE, { date });
  return p;
}

/** One version by id. */
export async function getPolicy(ctx: Ctx, id: string): Promise<Policy> {
  const r = await findPolicy(ctx.db, id);
  if (!r) throw new AppError(PolicyErrors.POLICY_NOT_FOUND, { id });
  return toPolicy(r);
}

/**
 * Adds a version or replaces one's parameters from the server's console (migrations, tests, an
 * operator at the machine); audited with the before and after. No HTTP user reaches it: over the
 * API a version is a draft published by a second person.
 */
export async function putPolicy(ctx: Ctx, actor: 'cli', input: PolicyInput): Promise<Policy> {
  validParams(input.id, input.params);
  const others = (await listPolicies(ctx)).filter((p) => p.id !== input.id && p.effectiveFrom === input.effectiveFrom);
  if (others[0]) throw new AppError(PolicyErrors.POLICY_DATE_TAKEN, { date: input.effectiveFrom, other: others[0].id });
  const me = actorLabel(actor);
  const row: PolicyRow = {
    id: input.id,
    name: input.name,
    effective_from: input.effectiveFrom,
    params: JSON.stringify(input.params),
    updated_at: nowIso(),
    updated_by: me,
  };
  await ctx.db.k.transaction().execute(async (trx) => {
    const before = await findPolicy(trx, input.id);
    await savePolicy(trx, row);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: me,
      action: before ? 'policy-edited' : 'policy-added',
      entity: 'policy',
      entityId: input.id,
      detail: {
        before: before ? { effectiveFrom: before.effective_from, params: JSON.parse(before.params) } : null,
        after: { effectiveFrom: input.effectiveFrom, params: input.params },
      },
    });
  });
  announce('policies-changed');
  return toPolicy(row);
}
