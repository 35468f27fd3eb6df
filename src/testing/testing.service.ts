import { divisionOf } from '../geo/geo.data.ts';
import { GeoErrors } from '../geo/geo.errors.ts';
import { findPersonByIndex } from '../people/people.repo.ts';
import { validateIdNumber } from '../people/people.service.ts';
import { recordAudit, recordAuditNow } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { coverageRows, unsampled, zoneFacts } from './coverage.repo.ts';
import { progressRows } from './progress.repo.ts';
import { openTasks } from './retests.repo.ts';
import { insertSites, listSites, siteByCode, updateQueue } from './sites.repo.ts';
import { siteCoords } from './sites.service.ts';
import { TestingErrors } from './testing.errors.ts';
import { insertCampaign, listCampaigns, type StoredCampaign } from './testing.repo.ts';
import { CERTIFICATE_HOURS, negativeCovers, POOL_FLAG_HOURS } from './testing.rules.ts';
import type { CampaignInput, SiteInput } from './testing.schema.ts';
import { statusIndex } from './testing.status.ts';

function campaignView(c: StoredCampaign) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    startOn: c.start_on,
    endOn: c.end_on,
    areas: JSON.parse(c.areas) as Array<{ code: string; poolSize: number }>,
  };
}

/** Creates a testing campaign over areas with their pool sizes; audited. */
export async function createCampaign(ctx: Ctx, actor: Actor | 'system', input: CampaignInput) {
  if (actor !== 'system') requirePermission(actor, 'testing:write');
  for (const a of input.areas) {
    if (!divisionOf(a.code)) throw new AppError(GeoErrors.DIVISION_UNKNOWN, { code: a.code });
    if (actor !== 'system' && !scopeCoversDivision(actor.scope, a.code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  }
  if ((await listCampaigns(ctx.db)).some((c) => c.code === input.code))
    throw new AppError(TestingErrors.CAMPAIGN_EXISTS, { code: input.code });
  const row = {
    code: input.code,
    name: input.name,
    start_on: input.startOn,
    end_on: input.endOn,
    areas: JSON.stringify(input.areas),
    created_at: nowIso(),
  };
  const id = await ctx.db.k.transaction().execute(async (trx) => {
    const id = await insertCampaign(trx, row);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'campaign-created',
      entity: 'campaign',
      entityId: input.code,
      detail: { areas: input.areas, startOn: input.startOn, endOn: input.endOn },
    });
    return id;
  });
  return campaignView({ ...row, id });
}

/** Campaigns, newest first. */
export async function campaigns(ctx: Ctx, actor: Actor) {
  requirePermission(actor, 'testing:read');
  return (await listCampaigns(ctx.db)).map(campaignView);
}

/** Registers sampling sites (a position, if given, must lie inside Fuzhou). */
export async function createSites(ctx: Ctx, actor: Actor | 'system', sites: SiteInput[]) {
  if (actor !== 'system') requirePermission(actor, 'testing:write');
  const rows = sites.map((s) => {
    const c = divisionOf(s.communityCode);
    if (c?.level !== 'community') throw new AppError(GeoErrors.DIVISION_UNKNOWN, { code: s.communityCode });
    if (actor !== 'system' && !scopeCoversDivision(actor.scope, s.communityCode))
      throw new AppError(AuthErrors.OUT_OF_SCOPE);
    return {
      code: s.code,
      name: s.name,
      district_code: s.communityCode.slice(0, 6),
      community_code: s.communityCode,
      lanes: s.lanes,
      hours: s.hours,
      status: 'open',
      queue_length: 0,
      queue_updated_at: null,
      ...siteCoords(s.lng, s.lat),
    };
  });
  await ctx.db.k.transaction().execute((trx) => insertSites(trx, rows));
  return rows.length;
}

/** Sampling sites in the actor's area, with their map position and queue. */
export async function sites(ctx: Ctx, actor: Actor, district?: string) {
  requirePermission(actor, 'testing:read');
  const own = actor.scope.kind === 'city' ? district : actor.scope.code.slice(0, 6);
  const area = scopePrefix(actor.scope) ?? '-';
  // Listed per district; a street scope keeps its own street's sites.
  return (await listSites(ctx.db, own))
    .filter((s) => s.community_code.startsWith(area))
    .map((s) => ({
      code: s.code,
      name: s.name,
      districtCode: s.district_code,
      communityCode: s.community_code,
      communityName: divisionOf(s.community_code)?.name ?? s.community_code,
      lanes: s.lanes,
      hours: s.hours,
      status: s.status,
      queueLength: s.queue_length,
      queueUpdatedAt: s.queue_updated_at,
      lng: s.lng === null ? null : Number(s.lng),
      lat: s.lat === null ? null : Number(s.lat),
    }));
}

/** A site reports its queue length. */
export async function reportQueue(ctx: Ctx, actor: Actor, code: string, queue: number) {
  requirePermission(actor, 'testing:write');
  const site = await siteByCode(ctx.db, code);
  if (!site) throw new AppError(TestingErrors.SITE_NOT_FOUND, { code });
  if (!scopeCoversDivision(actor.scope, site.community_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  if (!(await updateQueue(ctx.db, code, queue, nowIso()))) throw new AppError(TestingErrors.SITE_NOT_FOUND, { code });
}

/** Coverage of a campaign round by division: population, sampled, resulted, positive, missing. */
export async function coverage(
  ctx: Ctx,
  actor: Actor,
  campaignCode: string,
  round: number,
  level: 'district' | 'street' | 'community' | 'zone',
  within?: string,
) {
  requirePermission(actor, 'testing:read');
  const c = (await listCampaigns(ctx.db)).find((x) => x.code === campaignCode);
  if (!c) throw new AppError(TestingErrors.CAMPAIGN_NOT_FOUND, { code: campaignCode });
  const prefix = actor.scope.kind === 'city' ? within : actor.scope.code;
  if (within && actor.scope.kind !== 'city' && !within.startsWith(actor.scope.code))
    throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const areas = (JSON.parse(c.areas) as Array<{ code: string }>).map((a) => a.code);
  if (level === 'zone') {
    // A zone counts its recorded residents (zone_residents), not everyone in its community.
    const area = within ?? prefix;
    const facts = new Map((await zoneFacts(ctx.db, area)).map((z) => [z.code, z]));
    const rows = await coverageRows(ctx.db, c.id, round, 'zone', areas, area, nowIso());
    return {
      campaign: campaignView(c),
      round,
      items: rows
        .flatMap((r) => {
          const z = facts.get(r.code);
          return z && areas.some((a) => z.community_code.startsWith(a))
            ? [
                {
                  ...r,
                  name: z.name,
                  communityCode: z.community_code,
                  level: z.level,
                  status: z.status,
                  missing: Math.max(0, r.population - r.sampled),
                },
              ]
            : [];
        })
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }
  const rows = (await coverageRows(ctx.db, c.id, round, `${level}_code`, areas, within ?? prefix, nowIso())).filter(
    (r) => areas.some((a) => r.code.startsWith(a) || a.startsWith(r.code)),
  );
  return {
    campaign: campaignView(c),
    round,
    items: rows
      .map((r) => ({ ...r, name: divisionOf(r.code)?.name ?? r.code, missing: Math.max(0, r.population - r.sampled) }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** Residents of a community not yet sampled in a round by the business clock, masked, for the task force to visit. */
export async function notSampled(
  ctx: Ctx,
  actor: Actor,
  campaignCode: string,
  round: number,
  community: string,
  now = nowIso(),
) {
  requirePermission(actor, 'testing:read');
  if (!scopeCoversDivision(actor.scope, community)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const c = (await listCampaigns(ctx.db)).find((x) => x.code === campaignCode);
  if (!c) throw new AppError(TestingErrors.CAMPAIGN_NOT_FOUND, { code: campaignCode });
  return (await unsampled(ctx.db, c.id, round, community, 5000, now)).map((p) => ({
    id: Number(p.id),
    idNumberMasked: p.id_masked,
    nameMasked: p.name_masked,
    phoneMasked: p.phone_masked,
    communityCode: p.community_code,
  }));
}

/** Retest and resample tasks open at the business clock in the actor's area. */
export async function tasks(ctx: Ctx, actor: Actor, district?: string, now = nowIso()) {
  requirePermission(actor, 'testing:read');
  const own = actor.scope.kind === 'city' ? district : actor.scope.code.slice(0, 6);
  // Tasks name persons: a street scope keeps its own street's (listed per district).
  const area = scopePrefix(actor.scope) ?? '-';
  const open = (await openTasks(ctx.db, { district: own }, now)).filter((t) => t.community_code.startsWith(area));
  return open.map((t) => ({
    id: Number(t.id),
    kind: t.kind,
    poolTube: t.pool_tube,
    personId: Number(t.person_id),
    districtCode: t.district_code,
    communityCode: t.community_code,
    createdAt: t.created_at,
  }));
}

/** What the entrance check and the pass read: answered from the in-memory index, no query. */
export async function testStatusOf(ctx: Ctx, personId: number, now = nowMs()) {
  const s = (await statusIndex(ctx.db)).get(personId);
  const iso = (x: number | null) => (x === null ? null : new Date(x).toISOString());
  return {
    lastSampledAt: iso(s.lastSampledAt),
    lastNegativeSampledAt: iso(s.lastNegativeSampledAt),
    negativeWithin24h: negativeCovers(s.lastNegativeSampledAt, now, CERTIFICATE_HOURS),
    positivePoolFlag: s.positivePoolAt !== null && now - s.positivePoolAt <= POOL_FLAG_HOURS * 3600_000,
    positive: s.positiveAt !== null,
  };
}

/** A person's test status by resident ID (staff lookup, audited; the ID itself is never stored in clear). */
export async function testStatusById(ctx: Ctx, actor: Actor, idNumber: string) {
  requirePermission(actor, 'testing:read');
  const facts = validateIdNumber(idNumber);
  const p = await findPersonByIndex(ctx.db, ctx.crypto.blindIndex('id', facts.idNumber));
  if (!p) throw new AppError(TestingErrors.SAMPLE_PERSON_UNKNOWN);
  if (!scopeCoversDivision(actor.scope, p.community_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  // A person's test results found by their ID are health data: every look is on the record.
  await recordAuditNow(ctx.db, ctx.crypto, {
    actor: actorLabel(actor),
    action: 'test-status-lookup',
    entity: 'person',
    entityId: p.id,
    detail: {},
  });
  return { personId: p.id, ...(await testStatusOf(ctx, p.id)) };
}

/**
 * Samples and results of a round hour by hour (Beijing time), cumulative, for the campaign
 * dashboard: those taken inside the actor's scope (a zone scope sees none), as known at the
 * business now (the demo's later rounds are in the database before the clock reaches them).
 */
export async function progress(ctx: Ctx, actor: Actor, campaignCode: string, round: number, now = nowIso()) {
  requirePermission(actor, 'testing:read');
  const c = (await listCampaigns(ctx.db)).find((x) => x.code === campaignCode);
  if (!c) throw new AppError(TestingErrors.CAMPAIGN_NOT_FOUND, { code: campaignCode });
  const area = scopePrefix(actor.scope);
  if (area === null) return { round, hours: [] };
  const local = (utcHour: string) =>
    new Date(Date.parse(`${utcHour}:00:00Z`) + 8 * 3600_000).toISOString().slice(0, 13);
  const sampled = new Map<string, number>();
  const resulted = new Map<string, number>();
  for (const r of await progressRows(ctx.db, c.id, round, now, actor.scope.kind === 'city' ? undefined : area)) {
    sampled.set(local(r.sampledHour), (sampled.get(local(r.sampledHour)) ?? 0) + r.n);
    if (r.resultedHour) resulted.set(local(r.resultedHour), (resulted.get(local(r.resultedHour)) ?? 0) + r.n);
  }
  const hours = [...new Set([...sampled.keys(), ...resulted.keys()])].sort();
  let s = 0;
  let d = 0;
  return {
    round,
    hours: hours.map((h) => {
      s += sampled.get(h) ?? 0;
      d += resulted.get(h) ?? 0;
      return { hour: `${h.slice(5, 10)} ${h.slice(11, 13)}:00`, sampled: s, resulted: d };
    }),
  };
}
