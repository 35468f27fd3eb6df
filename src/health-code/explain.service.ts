import { infectionsByPerson } from '../cases/cases.service.ts';
import { findPersonByIndex } from '../people/people.repo.ts';
import { validateIdNumber } from '../people/people.service.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { getPolicy, listPolicies, policyOn } from '../policy/policy.service.ts';
import { type FactsAt, testFactsAt } from '../testing/history.service.ts';
import { restrictedResidentsAt } from '../zones/residents.service.ts';
import { marksSource } from './colour.state.ts';
import { type ColourInputs, type ColourVerdict, colourOf } from './health-code.rules.ts';
import type { ActiveMark } from './marks.rules.ts';
import { overridesOf } from './overrides.repo.ts';
import type { ColourExplanation } from './overrides.schema.ts';
import { OverrideErrors, personInScope } from './overrides.service.ts';

const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Why a person has (or had) their colour: at a moment (now by default) under the version in force
 * then or under another one. Everything is read from the records as they stood at that moment — the
 * negatives known by then, the marks begun and not yet closed, the zones of the notices in effect,
 * the case as reported by then — so a replay of 9 November meets the certificates of 9 November.
 * Nothing is stored.
 */
export async function explainColour(
  ctx: Ctx,
  actor: Actor,
  personId: number,
  opts: { at?: number; policyId?: string } = {},
): Promise<ColourExplanation> {
  requirePermission(actor, 'colour:override');
  await personInScope(ctx, actor, personId);
  const now = nowMs();
  const at = opts.at ?? now;
  const policies = await listPolicies(ctx);
  const inForce = policyOn(policies, day(at));
  const version = opts.policyId
    ? (policies.find((p) => p.id === opts.policyId) ?? (await getPolicy(ctx, opts.policyId)))
    : inForce;
  const { verdict: v, facts, inputs } = await colourAt(ctx, personId, at, version);
  const { zone, marks, infection } = inputs;
  return {
    personId,
    at: new Date(at).toISOString(),
    policy: { id: version.id, name: version.name, effectiveFrom: version.effectiveFrom },
    inForce: inForce.id,
    replay: version.id !== inForce.id || at !== now,
    colour: v.colour,
    rule: v.rule,
    decidedBy: v.policy,
    reason: v.reason,
    notice: v.notice ?? null,
    facts: {
      lastNegativeSampledAt: iso(facts.lastNegativeSampledAt),
      negatives: facts.negatives.length,
      positivePoolAt: iso(facts.positivePoolAt),
      positiveAt: iso(facts.positiveAt),
      zone,
      marks: marks.map((m) => ({ kind: m.kind, since: new Date(m.since).toISOString() })),
      infection: infection ? { kind: infection.kind, reportedOn: infection.reportedOn } : null,
    },
  };
}

/** A person's colour at a past instant under a version, with the facts it was decided from. */
export interface ColourAt {
  verdict: ColourVerdict;
  facts: FactsAt;
  inputs: ColourInputs & { marks: ActiveMark[]; zone: { code: string; level: string } | null };
}

/**
 * A person's colour at `at` under `version`, read from the records as they stood then (the negatives
 * resulted by then, the marks begun and not closed, the zones by notice, the case as reported, a
 * manual colour approved and unexpired then): the reader explain --at and a replayed entrance check share.
 */
export async function colourAt(ctx: Ctx, personId: number, at: number, version: Policy): Promise<ColourAt> {
  const facts = await testFactsAt(ctx, personId, at);
  const infection = infectionAt((await infectionsByPerson(ctx)).get(personId) ?? null, day(at));
  const zone = (await restrictedResidentsAt(ctx, at)).residents.get(personId) ?? null;
  const marks = await marksSource().marksAt(ctx.db, personId, at);
  const inputs = {
    infection,
    positivePoolAt: facts.positivePoolAt,
    positiveAt: facts.positiveAt,
    zone,
    marks,
    negatives: facts.negatives,
  };
  const override = (await overridesOf(ctx.db, personId)).find(
    (o) =>
      o.status === 'approved' &&
      o.approved_at !== null &&
      Date.parse(o.approved_at) <= at &&
      Date.parse(o.expires_at) > at,
  );
  const verdict: ColourVerdict = override
    ? {
        colour: override.colour as ColourVerdict['colour'],
        rule: `manual-override:${override.id}`,
        reason: {
          'zh-CN': `人工赋码（经两人审批）：${override.reason}`,
          en: `manual colour (approved by two people): ${override.reason}`,
        },
        policy: { id: version.id, rule: 'manual-override' },
      }
    : colourOf(inputs, at, { id: version.id, colours: version.params.colours });
  return { verdict, facts, inputs };
}

/** The case as it stood on a day: not yet reported is none; discharge, release or death later are not yet. */
/** A case as it was known on a day (reported by then, with its later steps hidden). */
export function infectionAt(inf: ColourInputs['infection'], on: string): ColourInputs['infection'] {
  if (!inf || inf.reportedOn > on) return null;
  const by = (d: string | null) => (d !== null && d <= on ? d : null);
  return { ...inf, dischargedOn: by(inf.dischargedOn), releasedOn: by(inf.releasedOn), diedOn: by(inf.diedOn) };
}

/** The person of a resident ID, for the command line. */
export async function personOfIdNumber(ctx: Ctx, idNumber: string): Promise<number> {
  const facts = validateIdNumber(idNumber);
  const p = await findPersonByIndex(ctx.db, ctx.crypto.blindIndex('id', facts.idNumber));
  if (!p) throw new AppError(OverrideErrors.OVERRIDE_PERSON_UNKNOWN, { id: idNumber });
  return p.id;
}
