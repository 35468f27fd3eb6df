import { divisionOf } from '../geo/geo.data.ts';
import { GeoErrors } from '../geo/geo.errors.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeOverlapsDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { listCampaigns } from '../testing/testing.repo.ts';
import { noticeSummary } from '../venues/suspensions.service.ts';
import { MeasureErrors } from './measures.errors.ts';
import { insertMeasure, measureOf, measuresOnDay, type StoredMeasure } from './measures.repo.ts';
import { ENFORCER_OF, type EnforcerKind, type MeasureKind, policyRefValid } from './measures.rules.ts';
import { tw } from './measures.text.ts';

/** A measure as a notice publishes it. */
export interface MeasureInput {
  noticeNo: string;
  kind: MeasureKind;
  text: { 'zh-CN': string; 'zh-TW'?: string; en: string };
  /** District codes; empty for the whole city. */
  districts: string[];
  from: string;
  to?: string | null;
  enforcedBy?: { kind: EnforcerKind; ref: string } | null;
}

/** Whether what a measure names as its enforcer exists: the parameter in the policy, the notice, the campaign. */
async function enforcerExists(ctx: Ctx, kind: EnforcerKind, ref: string, day: string): Promise<boolean> {
  if (kind === 'policy' || kind === 'checkpoint')
    return policyRefValid(kind, ref, policyOn(await listPolicies(ctx), day).params);
  if (kind === 'suspension') return (await noticeSummary(ctx, ref)) !== undefined;
  return (await listCampaigns(ctx.db)).some((c) => c.code === ref);
}

/**
 * Records a measure (the command centre, city-wide): its period and area, and the enforcer its kind
 * needs, which must exist (advice has none; regional testing may be announced before its campaign).
 * Idempotent by notice and kind only for the same measure: another is refused. Audited.
 */
export async function recordMeasure(ctx: Ctx, actor: Actor | 'system' | 'cli', m: MeasureInput) {
  if (typeof actor !== 'string') {
    requirePermission(actor, 'briefing:edit');
    if (actor.scope.kind !== 'city') throw new AppError(AuthErrors.OUT_OF_SCOPE);
  }
  for (const d of m.districts)
    if (divisionOf(d)?.level !== 'district') throw new AppError(GeoErrors.DIVISION_UNKNOWN, { code: d });
  const to = m.to ?? null;
  if (to !== null && to < m.from) throw new AppError(MeasureErrors.MEASURE_PERIOD_INVALID, { from: m.from, to });
  const expected = ENFORCER_OF[m.kind];
  const by = m.enforcedBy ?? null;
  const optional = m.kind === 'regional-testing' || expected === null;
  if (
    (by === null && !optional) ||
    (by !== null && (by.kind !== expected || !(await enforcerExists(ctx, by.kind, by.ref, m.from))))
  )
    throw new AppError(MeasureErrors.MEASURE_ENFORCER_INVALID, {
      kind: m.kind,
      expected: expected ?? 'none',
      ref: by ? `${by.kind}:${by.ref}` : '-',
    });
  const existing = await measureOf(ctx.db.k, m.noticeNo, m.kind);
  if (existing) throw new AppError(MeasureErrors.MEASURE_EXISTS, { notice: m.noticeNo, kind: m.kind });
  const at = nowIso();
  const id = await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertMeasure(trx, {
      notice_no: m.noticeNo,
      kind: m.kind,
      text_zh: m.text['zh-CN'],
      text_tw: m.text['zh-TW'] ?? tw(m.text['zh-CN']),
      text_en: m.text.en,
      districts: JSON.stringify(m.districts),
      effective_from: m.from,
      effective_to: to,
      enforced_kind: by?.kind ?? null,
      enforced_ref: by?.ref ?? null,
      recorded_at: at,
      recorded_by: actorLabel(actor),
    });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'measure-recorded',
      entity: 'measure',
      entityId: String(id),
      detail: { notice: m.noticeNo, kind: m.kind, districts: m.districts, from: m.from, to, enforcedBy: by },
    });
    return id;
  });
  return { id };
}

/** Where the enforcer of a measure is seen in the app. */
export function enforcerHref(kind: string | null, ref: string | null, policyId: string): string | null {
  if (!kind || !ref) return null;
  if (kind === 'policy' || kind === 'checkpoint') return `/#/policy?id=${encodeURIComponent(policyId)}`;
  if (kind === 'suspension') return `/#/venues?notice=${encodeURIComponent(ref)}`;
  return `/#/testing?campaign=${encodeURIComponent(ref)}`;
}

/** The districts of a measure, and whether it lies in an area (a city-wide one lies in every area). */
export function districtsOf(m: StoredMeasure): string[] {
  return JSON.parse(m.districts) as string[];
}

/**
 * The measures in force on a day touching the actor's area, each with its enforcer, the enforcer's
 * state that day (the parameter's value under the version in force, the venues a notice holds) and
 * where to see it.
 */
export async function measuresOn(ctx: Ctx, actor: Actor, day: string) {
  requirePermission(actor, 'briefing:read');
  const policy = policyOn(await listPolicies(ctx), day);
  const out = [];
  for (const m of await measuresOnDay(ctx.db, day)) {
    const all = districtsOf(m);
    if (all.length && !all.some((d) => scopeOverlapsDivision(actor.scope, d))) continue;
    let state: string | null = null;
    if (m.enforced_kind === 'policy' && m.enforced_ref) {
      let at: unknown = policy.params;
      for (const p of m.enforced_ref.split('.')) at = (at as Record<string, unknown> | undefined)?.[p];
      state = typeof at === 'object' ? null : String(at);
    } else if (m.enforced_kind === 'suspension' && m.enforced_ref) {
      const n = await noticeSummary(ctx, m.enforced_ref);
      const mine = n?.heldByDistrict.filter((h) => scopeOverlapsDivision(actor.scope, h.district)) ?? [];
      state = n?.reopenedAt ? 'reopened' : String(mine.reduce((t, h) => t + h.n, 0));
    }
    out.push({
      id: m.id,
      noticeNo: m.notice_no,
      kind: m.kind as MeasureKind,
      text: { 'zh-CN': m.text_zh, 'zh-TW': m.text_tw, en: m.text_en },
      districts: all.filter((d) => scopeOverlapsDivision(actor.scope, d)),
      cityWide: all.length === 0,
      from: m.effective_from,
      to: m.effective_to,
      enforcedBy: m.enforced_kind
        ? {
            kind: m.enforced_kind as EnforcerKind,
            ref: m.enforced_ref ?? '',
            state,
            href: enforcerHref(m.enforced_kind, m.enforced_ref, policy.id),
          }
        : null,
    });
  }
  return { date: day, policy: policy.id, items: out };
}
