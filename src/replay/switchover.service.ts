import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { CLI_READER } from '../platform/cli/context.cli.ts';
import { beijingToday, nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { getPolicy, listPolicies, policyOn } from '../policy/policy.service.ts';
import { ReplayErrors } from './replay.errors.ts';
import type { PolicyDiff } from './replay.schema.ts';
import { compareVersions } from './replay.service.ts';
import type { SwitchoverChangeRow, SwitchoverRow } from './replay.tables.ts';
import { allSwitchovers, findSwitchover, insertSwitchover, switchoverChanges } from './switchover.repo.ts';
import type { Switchover, SwitchoverChanges, SwitchoverChangesQuery } from './switchover.schema.ts';

function toSwitchover(r: SwitchoverRow): Switchover {
  return {
    version: r.version_id,
    previous: r.previous_id,
    effectiveFrom: r.effective_from,
    at: r.at,
    ranBy: r.ran_by,
    ranAt: r.ran_at,
    tookMs: Number(r.took_ms),
    counts: {
      zonesLifted: Number(r.zones_lifted),
      zonesKept: Number(r.zones_kept),
      coloursChanged: Number(r.colours_changed),
      venuesChanged: Number(r.venues_changed),
    },
    ...(JSON.parse(r.summary) as Pick<Switchover, 'zones' | 'colours' | 'venues'>),
    href: `#/policy?switchover=${encodeURIComponent(r.version_id)}`,
  };
}

const outcome = (o: PolicyDiff['zones']['items'][number]['draft']) => (o.eligible ? `${o.action}→${o.to}` : 'kept');

/** Every change of a comparison as rows, each with its rule under both versions. */
function changeRows(
  version: string,
  diff: PolicyDiff,
  persons: Awaited<ReturnType<typeof compareVersions>>['persons'],
) {
  const rows: SwitchoverChangeRow[] = [];
  for (const z of diff.zones.items)
    rows.push({
      version_id: version,
      kind: 'zone',
      subject: z.zoneCode,
      district_code: z.districtCode,
      from_value: outcome(z.inForce),
      to_value: outcome(z.draft),
      from_rule: z.inForce.rule ?? '',
      to_rule: z.draft.rule ?? '',
    });
  for (const p of persons)
    rows.push({
      version_id: version,
      kind: 'colour',
      subject: String(p.id),
      district_code: p.districtCode,
      from_value: p.from,
      to_value: p.to,
      from_rule: p.fromRule,
      to_rule: p.toRule,
    });
  const entrance = (e: { certificateHours: number | null; colours: string[]; zoneLevels: string[] }) =>
    `${e.certificateHours ?? '-'}h ${e.colours.join('/')} zones ${e.zoneLevels.join('/')}`;
  for (const v of diff.venues.byCategory)
    rows.push({
      version_id: version,
      kind: 'venue',
      subject: v.category,
      district_code: '',
      from_value: entrance(v.inForce),
      to_value: entrance(v.draft),
      from_rule: `entrance.${v.category}`,
      to_rule: `entrance.${v.category}`,
    });
  return rows;
}

/**
 * Switches the city over to a version that has taken effect: zones, colours and entrance rules are
 * recomputed under it and under the version it replaced, at this moment when it is the version in
 * force today (at noon of its first day otherwise), and every change is recorded with its rule and
 * version, with the audit entry. Nothing is stored about zones or colours themselves: they are
 * derived from the version in force at each question, so the record is what explains the change.
 * Once per version: asked again, it answers the record.
 */
export async function switchOver(ctx: Ctx, actor: Actor | 'cli' | 'system', id: string): Promise<Switchover> {
  if (typeof actor !== 'string') requirePermission(actor, 'policy:edit');
  const done = await findSwitchover(ctx.db, id);
  if (done) return toSwitchover(done);
  const version = await getPolicy(ctx, id);
  const today = beijingToday();
  if (version.effectiveFrom > today)
    throw new AppError(ReplayErrors.POLICY_SWITCHOVER_NOT_YET, { id, date: version.effectiveFrom });
  const policies = await listPolicies(ctx);
  const previous: Policy = policies.filter((p) => p.effectiveFrom < version.effectiveFrom).at(-1) ?? version;
  const date = policyOn(policies, today).id === id ? today : version.effectiveFrom;
  const t0 = performance.now();
  const reader = typeof actor === 'string' ? CLI_READER : actor;
  const { diff, persons } = await compareVersions(ctx, reader, version, date, previous);
  const changes = changeRows(id, diff, persons);
  const took = Math.round(performance.now() - t0);
  const row: SwitchoverRow = {
    version_id: id,
    previous_id: previous.id,
    effective_from: version.effectiveFrom,
    at: diff.at,
    ran_by: actorLabel(actor),
    ran_at: nowIso(),
    took_ms: took,
    zones_lifted: diff.zones.wouldChange,
    zones_kept: diff.zones.wouldStay,
    colours_changed: diff.colours.changed,
    venues_changed: diff.venues.changed,
    summary: JSON.stringify({
      zones: diff.zones.items,
      colours: diff.colours.byDistrict.map((g) => ({ ...g, href: switchoverLink(id, 'colour', g.districtCode) })),
      venues: diff.venues.byCategory,
    }),
  };
  const first = await ctx.db.k.transaction().execute(async (trx) => {
    // The day's job and a publication may race: the one that finished first is the record.
    if (await findSwitchover(trx, id)) return false;
    await insertSwitchover(trx, row, changes);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: row.ran_by,
      action: 'policy-switched-over',
      entity: 'policy',
      entityId: id,
      detail: {
        previous: previous.id,
        at: row.at,
        zonesLifted: row.zones_lifted,
        zonesKept: row.zones_kept,
        coloursChanged: row.colours_changed,
        venuesChanged: row.venues_changed,
      },
    });
    return true;
  });
  return first ? toSwitchover(row) : getSwitchover(ctx, 'cli', id);
}

function switchoverLink(id: string, kind: string, district: string): string {
  return `/api/v1/policies/${encodeURIComponent(id)}/switch-over/changes?kind=${kind}&district=${district}`;
}

/**
 * The switch-over due on a day, if any: the version in force that day, when it takes effect that
 * day (or already had, for a publication that takes effect at once) and has not been switched over.
 */
export async function switchOverIfDue(ctx: Ctx, actor: Actor | 'cli' | 'system', day: string, onlyFrom?: string) {
  const inForce = policyOn(await listPolicies(ctx), day);
  if (onlyFrom === undefined ? inForce.effectiveFrom !== day : inForce.id !== onlyFrom) return null;
  if (await findSwitchover(ctx.db, inForce.id)) return null;
  return switchOver(ctx, actor, inForce.id);
}

/** Every switch-over, latest first. */
export async function listSwitchovers(ctx: Ctx, actor: Actor): Promise<Switchover[]> {
  requirePermission(actor, 'zones:read');
  return (await allSwitchovers(ctx.db)).map(toSwitchover);
}

/** One version's switch-over record. */
export async function getSwitchover(ctx: Ctx, actor: Actor | 'cli', id: string): Promise<Switchover> {
  if (typeof actor !== 'string') requirePermission(actor, 'zones:read');
  const r = await findSwitchover(ctx.db, id);
  if (!r) throw new AppError(ReplayErrors.POLICY_SWITCHOVER_NOT_FOUND, { id });
  return toSwitchover(r);
}

/** A page of a switch-over's changes (a colour change lists the person by id, for the command centre). */
export async function listSwitchoverChanges(
  ctx: Ctx,
  actor: Actor | 'cli',
  id: string,
  q: SwitchoverChangesQuery,
): Promise<SwitchoverChanges> {
  if (typeof actor !== 'string') requirePermission(actor, 'policy:edit');
  await getSwitchover(ctx, actor, id);
  const r = await switchoverChanges(ctx.db, id, {
    kind: q.kind,
    district: q.district,
    offset: q.offset ?? 0,
    limit: q.limit ?? 200,
  });
  return {
    total: r.total,
    items: r.items.map((c) => ({
      kind: c.kind as 'zone' | 'colour' | 'venue',
      subject: c.subject,
      districtCode: c.district_code,
      from: c.from_value,
      to: c.to_value,
      fromRule: c.from_rule,
      toRule: c.to_rule,
    })),
  };
}
