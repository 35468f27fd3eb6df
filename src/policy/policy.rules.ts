import type { z } from 'zod';
import type { PolicyErrors } from './policy.errors.ts';
import { PolicyParams } from './policy.schema.ts';

/** A problem with a version's parameters: an error code of PolicyErrors and what to fill into it. */
export interface ParamProblem {
  code: keyof typeof PolicyErrors;
  params: Record<string, string>;
}

const pathOf = (p: ReadonlyArray<PropertyKey>) => ['params', ...p.map(String)].join('.');

/** Zod's first issue as a missing or invalid parameter of version `id`. */
function fromIssue(id: string, raw: unknown, issue: z.core.$ZodIssue): ParamProblem {
  let v: unknown = raw;
  for (const k of issue.path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  if (v === undefined) return { code: 'POLICY_PARAM_MISSING', params: { id, path: pathOf(issue.path) } };
  return { code: 'POLICY_PARAM_INVALID', params: { id, path: pathOf(issue.path), why: issue.message } };
}

const contradicts = (id: string, path: string, why: string): ParamProblem => ({
  code: 'POLICY_PARAM_CONTRADICTS',
  params: { id, path: `params.${path}`, why },
});

/** The first contradiction within well-formed parameters, or null. */
export function contradictionOf(id: string, p: PolicyParams): ParamProblem | null {
  for (const [level, rule] of Object.entries(p.lift)) {
    if (!rule) continue;
    if (!p.levels.includes(level as 'high'))
      return contradicts(id, `lift.${level}`, `本版本未启用等级 ${level} / level ${level} is not used by this version`);
    if (rule.to !== 'low' && !p.levels.includes(rule.to))
      return { code: 'POLICY_LEVEL_RULE', params: { level, to: rule.to } };
  }
  const seen = new Set<string>();
  for (const r of p.colours.order) {
    if (seen.has(r)) return contradicts(id, 'colours.order', `规则 ${r} 重复 / rule ${r} listed twice`);
    seen.add(r);
  }
  if (seen.has('medium-zone-resident') && !p.levels.includes('medium'))
    return contradicts(
      id,
      'colours.order',
      '未启用中风险区却有中风险区居民赋码规则 / a medium-zone colour rule without medium zones',
    );
  if (p.colours.closeContact.yellowUntilDay < p.colours.closeContact.redDays)
    return contradicts(id, 'colours.closeContact', '黄码截止日早于红码结束 / yellow ends before red does');
  for (const [kind, plan] of Object.entries(p.quarantine)) {
    for (const [i, phase] of (plan ?? []).entries())
      for (const d of phase.pcr)
        if (d > phase.days)
          return contradicts(
            id,
            `quarantine.${kind}.${i}.pcr`,
            `第${d}天检测超出${phase.days}天 / PCR on day ${d} of a ${phase.days}-day stretch`,
          );
  }
  for (const [cat, rule] of Object.entries(p.entrance))
    for (const l of rule.zoneLevels)
      if (!p.levels.includes(l))
        return contradicts(id, `entrance.${cat}.zoneLevels`, `未启用等级 ${l} / level ${l} is not used`);
  if (new Set(p.pools.allowedSizes).size !== p.pools.allowedSizes.length)
    return contradicts(id, 'pools.allowedSizes', '混采规格重复 / a pool size listed twice');
  return null;
}

/** Parses and checks a version's parameters: the parameters, or the first problem with them. */
export function checkParams(
  id: string,
  raw: unknown,
): { ok: true; params: PolicyParams } | { ok: false; problem: ParamProblem } {
  const r = PolicyParams.safeParse(raw);
  if (!r.success) return { ok: false, problem: fromIssue(id, raw, r.error.issues[0] as z.core.$ZodIssue) };
  const problem = contradictionOf(id, r.data);
  return problem ? { ok: false, problem } : { ok: true, params: r.data };
}
