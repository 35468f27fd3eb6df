import { readFileSync } from 'node:fs';
import { DISTRICT_SHAPES_FILE, divisionOf } from '../geo/geo.data.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { dayOf } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { disbandTaskForce } from './taskforce.repo.ts';
import { ZoneErrors } from './zones.errors.ts';
import {
  caseExists,
  countZonesIn,
  eventsUpTo,
  insertEvents,
  insertZone,
  type StoredEvent,
  type StoredZone,
  updateZoneLevel,
  zoneByCode,
} from './zones.repo.ts';
import { evaluateZone, levelAt, stateAt, type ZoneEventFacts } from './zones.rules.ts';
import type { DesignateInput, TransitionInput } from './zones.schema.ts';

/** Where an actor may look at zones: a requested district inside their scope, or their own area. */
export function zoneArea(
  actor: Actor,
  permission: 'zones:read' | 'zones:write',
  district?: string,
): { district?: string; street?: string } {
  requirePermission(actor, permission);
  const { kind, code } = actor.scope;
  if (kind === 'zone') throw new AppError(AuthErrors.OUT_OF_SCOPE);
  if (district && !scopeCoversDivision({ kind: 'district', code: district }, code.slice(0, 6)) && kind !== 'city')
    throw new AppError(AuthErrors.OUT_OF_SCOPE);
  if (kind === 'street') return { street: code };
  return { district: kind === 'district' ? code : district };
}

/** Throws OUT_OF_SCOPE unless the zone lies in the actor's area. */
export function assertZoneInScope(actor: Actor, zone: StoredZone): void {
  if (!scopeCoversDivision(actor.scope, zone.community_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
}

/** Events as the rules read them. */
export function facts(events: StoredEvent[]): ZoneEventFacts[] {
  return events.map((e) => ({
    id: e.id,
    day: e.day,
    kind: e.kind as ZoneEventFacts['kind'],
    toLevel: e.to_level,
    positives: e.positives,
  }));
}

/** A zone by code, within the actor's scope (ZONE_NOT_FOUND, OUT_OF_SCOPE). */
export async function loadZone(ctx: Ctx, actor: Actor, code: string): Promise<StoredZone> {
  const zone = await zoneByCode(ctx.db, code);
  if (!zone) throw new AppError(ZoneErrors.ZONE_NOT_FOUND, { code });
  assertZoneInScope(actor, zone);
  return zone;
}

/** Designates a zone by notice; the level must exist in the policy in force on the notice's day. */
export async function designateZone(
  ctx: Ctx,
  actor: Actor | 'system',
  input: DesignateInput,
  policies?: Policy[],
): Promise<StoredZone> {
  const community = divisionOf(input.communityCode);
  if (community?.level !== 'community')
    throw new AppError(ZoneErrors.ZONE_COMMUNITY_UNKNOWN, { code: input.communityCode });
  if (actor !== 'system') {
    requirePermission(actor, 'zones:write');
    if (!scopeCoversDivision(actor.scope, community.code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  }
  const day = dayOf(input.effectiveAt);
  const policy = policyOn(policies ?? (await listPolicies(ctx)), day);
  if (!policy.params.levels.includes(input.level))
    throw new AppError(ZoneErrors.ZONE_LEVEL_NOT_IN_POLICY, { date: day, policy: policy.id, level: input.level });
  const street = community.parentCode;
  const district = street.slice(0, 6);
  const me = actorLabel(actor);
  const done = await ctx.db.k.transaction().execute(async (trx) => {
    const code = `Z${district}-${String((await countZonesIn(trx, district)) + 1).padStart(4, '0')}`;
    const row = {
      code,
      name: input.name,
      level: input.level,
      status: 'active',
      unit: input.unit,
      district_code: district,
      street_code: street,
      community_code: community.code,
      polygon: input.polygon ? JSON.stringify(input.polygon) : null,
      residents: input.residents,
      designated_on: day,
      lifted_on: null,
      created_at: nowIso(),
    };
    const id = await insertZone(trx, row);
    await insertEvents(trx, [
      {
        zone_id: id,
        day,
        at: input.effectiveAt,
        kind: 'designate',
        from_level: null,
        to_level: input.level,
        notice_no: input.noticeNo,
        notice_district: input.noticeDistrict,
        policy_id: policy.id,
        rule: `${policy.id}:designate`,
        reason: null,
        override_reason: null,
        tested: null,
        positives: null,
        case_no: null,
        actor: me,
      },
    ]);
    if (actor !== 'system') {
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: me,
        action: 'zone-designated',
        entity: 'zone',
        entityId: code,
        detail: { level: input.level, notice: input.noticeNo, policy: policy.id },
      });
    }
    return { ...row, id };
  });
  // The entrance check keeps the residents of restricted zones in memory.
  announce('zones-changed');
  return done;
}

/**
 * Whether a zone is in force at an instant, from its notices in effect then: the row holds the
 * state after the last notice on record, which can take effect after the business now (the demo
 * records lifts up to 11-15). A zone without notices counts by its row.
 */
export async function zoneInForceAt(ctx: Ctx, zone: StoredZone, at = nowMs()): Promise<boolean> {
  const notices = (await eventsUpTo(ctx.db, '9999-12-31', [zone.id]))
    .filter((e) => e.kind === 'designate' || e.kind === 'downgrade' || e.kind === 'upgrade' || e.kind === 'lift')
    .map((e) => ({ id: e.id, at: e.at, kind: e.kind, toLevel: e.to_level }));
  const level = levelAt(notices, at);
  return level === undefined ? zone.status === 'active' : level !== null;
}

const LOWER: Record<string, string> = { high: 'medium', medium: 'low' };
const LEVEL_ZH: Record<string, string> = { high: '高风险区', medium: '中风险区', low: '低风险区' };
const ACTION_ZH: Record<string, string> = { downgrade: '降级', lift: '解除', upgrade: '升级' };

/**
 * Downgrades, lifts or upgrades a zone by notice. Downgrade and lift follow the evaluation of the
 * policy in force on the notice's day; going against it needs an override reason, which is audited.
 */
export async function transitionZone(ctx: Ctx, actor: Actor | 'system', code: string, input: TransitionInput) {
  const zone = actor === 'system' ? await zoneByCode(ctx.db, code) : await loadZone(ctx, actor, code);
  if (!zone) throw new AppError(ZoneErrors.ZONE_NOT_FOUND, { code });
  if (actor !== 'system') requirePermission(actor, 'zones:write');
  const day = dayOf(input.effectiveAt);
  if (day < zone.designated_on)
    throw new AppError(ZoneErrors.ZONE_NOTICE_BEFORE_DESIGNATION, {
      at: input.effectiveAt,
      designatedOn: zone.designated_on,
    });
  const policies = await listPolicies(ctx);
  const policy = policyOn(policies, day);
  const me = actorLabel(actor);
  const done = await ctx.db.k.transaction().execute(async (trx) => {
    const events = await eventsUpTo(trx, '9999-12-31', [zone.id]);
    const last = events.filter((e) => ['designate', 'downgrade', 'upgrade'].includes(e.kind)).at(-1);
    if (last && last.day > day)
      throw new AppError(ZoneErrors.ZONE_NOTICE_BEFORE_LAST, { at: input.effectiveAt, last: last.day });
    const state = stateAt(facts(events), day);
    if (!state) throw new AppError(ZoneErrors.ZONE_NOT_FOUND, { code });
    // As it stands on the notice's day, not the row: the row holds the state after the last notice
    // on record, which may be later (the demo records lifts days past its business today).
    if (!state.active) throw new AppError(ZoneErrors.ZONE_NOT_ACTIVE, { code });
    const evaluation = evaluateZone(state, policy, day);
    let to: string;
    if (input.action === 'upgrade') {
      if (state.level !== 'medium')
        throw new AppError(ZoneErrors.ZONE_ACTION_INVALID, {
          level: state.level,
          levelZh: LEVEL_ZH[state.level],
          action: 'upgrade',
          actionZh: '升级',
        });
      to = 'high';
    } else {
      const follows = evaluation.eligible && evaluation.action === input.action;
      if (!follows && !input.overrideReason) {
        throw new AppError(
          ZoneErrors.ZONE_LIFT_NOT_ALLOWED,
          {
            policy: policy.id,
            action: input.action,
            actionZh: ACTION_ZH[input.action],
            reasonZh: evaluation.reason['zh-CN'],
            reasonEn: evaluation.reason.en,
          },
          { evaluation },
        );
      }
      to = follows && evaluation.to ? evaluation.to : input.action === 'lift' ? 'low' : (LOWER[state.level] ?? 'low');
      if (input.action === 'downgrade' && to === 'low') {
        throw new AppError(ZoneErrors.ZONE_ACTION_INVALID, {
          level: state.level,
          levelZh: LEVEL_ZH[state.level],
          action: 'downgrade',
          actionZh: '降级',
        });
      }
      // An override still cannot create a level the policy in force does not have.
      if (!policy.params.levels.includes(to as 'high' | 'medium' | 'low')) {
        throw new AppError(ZoneErrors.ZONE_LEVEL_ABOLISHED, { policy: policy.id, level: to, levelZh: LEVEL_ZH[to] });
      }
    }
    const lifted = to === 'low';
    await insertEvents(trx, [
      {
        zone_id: zone.id,
        day,
        at: input.effectiveAt,
        kind: lifted ? 'lift' : input.action,
        from_level: state.level,
        to_level: to,
        notice_no: input.noticeNo,
        notice_district: input.noticeDistrict,
        policy_id: policy.id,
        rule: evaluation.rule,
        reason: evaluation.reason['zh-CN'],
        override_reason: input.overrideReason ?? null,
        tested: null,
        positives: null,
        case_no: null,
        actor: me,
      },
    ]);
    await updateZoneLevel(trx, zone.id, to, lifted ? 'lifted' : 'active', lifted ? day : null);
    if (lifted) await disbandTaskForce(trx, zone.id, day);
    if (actor !== 'system' || input.overrideReason) {
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: me,
        action: `zone-${lifted ? 'lift' : input.action}`,
        entity: 'zone',
        entityId: code,
        detail: {
          from: state.level,
          to,
          notice: input.noticeNo,
          policy: policy.id,
          rule: evaluation.rule,
          override: input.overrideReason ?? null,
        },
      });
    }
    return {
      zone: { ...zone, level: to, status: lifted ? 'lifted' : 'active', lifted_on: lifted ? day : null },
      evaluation,
    };
  });
  // The entrance check keeps the residents of restricted zones in memory.
  announce('zones-changed');
  return done;
}

/** Records a new infection in a zone (restarting its clean days), optionally citing a case. */
export async function recordInfection(
  ctx: Ctx,
  actor: Actor,
  code: string,
  day: string,
  caseNo?: string,
): Promise<void> {
  const zone = await loadZone(ctx, actor, code);
  requirePermission(actor, 'zones:write');
  if (day < zone.designated_on)
    throw new AppError(ZoneErrors.ZONE_NOTICE_BEFORE_DESIGNATION, { at: day, designatedOn: zone.designated_on });
  await ctx.db.k.transaction().execute(async (trx) => {
    if (caseNo && !(await caseExists(trx, caseNo))) throw new AppError(ZoneErrors.ZONE_CASE_UNKNOWN, { caseNo });
    await insertEvents(trx, [event(zone.id, day, 'infection', actorLabel(actor), { case_no: caseNo ?? null })]);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'zone-infection',
      entity: 'zone',
      entityId: code,
      detail: { day, caseNo: caseNo ?? null },
    });
  });
}

/** Records a full testing round of a zone; positives also count as new infections that day. */
export async function recordRound(
  ctx: Ctx,
  actor: Actor,
  code: string,
  day: string,
  tested: number,
  positives: number,
): Promise<void> {
  const zone = await loadZone(ctx, actor, code);
  requirePermission(actor, 'zones:write');
  if (day < zone.designated_on)
    throw new AppError(ZoneErrors.ZONE_NOTICE_BEFORE_DESIGNATION, { at: day, designatedOn: zone.designated_on });
  await ctx.db.k.transaction().execute(async (trx) => {
    const rows = [event(zone.id, day, 'round', actorLabel(actor), { tested, positives })];
    if (positives > 0) rows.push(event(zone.id, day, 'infection', actorLabel(actor), {}));
    await insertEvents(trx, rows);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'zone-round',
      entity: 'zone',
      entityId: code,
      detail: { day, tested, positives },
    });
  });
}

/** A non-level event row with empty notice fields. */
export function event(
  zoneId: number,
  day: string,
  kind: 'infection' | 'round',
  actor: string,
  extra: { tested?: number; positives?: number; case_no?: string | null },
) {
  return {
    zone_id: zoneId,
    day,
    at: `${day}T12:00:00+08:00`,
    kind,
    from_level: null,
    to_level: null,
    notice_no: null,
    notice_district: null,
    policy_id: null,
    rule: null,
    reason: null,
    override_reason: null,
    tested: extra.tested ?? null,
    positives: extra.positives ?? null,
    case_no: extra.case_no ?? null,
    actor,
  };
}

const CENTRES = new Map<string, [number, number]>(
  (
    JSON.parse(readFileSync(DISTRICT_SHAPES_FILE, 'utf8')) as {
      features: Array<{ properties: { code: string; cp: [number, number] } }>;
    }
  ).features.map((f) => [f.properties.code, f.properties.cp]),
);

/** A map position for a zone: its district's centre, spread deterministically by the zone code. */
export function centreOf(zone: { code: string; district_code: string }): [number, number] {
  const [lng, lat] = CENTRES.get(zone.district_code) ?? [119.3, 26.08];
  let h = 2166136261;
  for (const ch of zone.code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const a = ((h >>> 0) % 3600) / 10;
  const r = (((h >>> 12) % 1000) / 1000) * 0.06;
  return [Number((lng + r * Math.cos(a)).toFixed(4)), Number((lat + r * Math.sin(a)).toFixed(4))];
}
