import { personIdsByIndex } from '../people/people.repo.ts';
import { parseResidentId } from '../people/people.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import { announce } from '../platform/events.ts';
import { readSheet, type SheetIssue } from '../platform/files/sheet.ts';
import { addZoneResidents, residentsAmong, residentsOfZones, zoneResidentsPage } from './residents.repo.ts';
import { ZoneErrors } from './zones.errors.ts';
import { residentZones, zoneByCode } from './zones.repo.ts';
import { levelAt } from './zones.rules.ts';
import { loadZone } from './zones.service.ts';

/** Records who lives in a zone (from the task force's door-to-door list); their health code follows the zone. */
export async function addResidents(ctx: Ctx, actor: Actor | 'system', code: string, personIds: number[]) {
  const zone = actor === 'system' ? await zoneByCode(ctx.db, code) : await loadZone(ctx, actor, code);
  if (!zone) throw new AppError(ZoneErrors.ZONE_NOT_FOUND, { code });
  if (actor !== 'system') requirePermission(actor, 'zones:write');
  const added = await ctx.db.k.transaction().execute(async (trx) => {
    const known = await residentsAmong(trx, zone.id, personIds);
    const fresh = [...new Set(personIds)].filter((id) => !known.has(id));
    if (!fresh.length) return 0;
    await addZoneResidents(trx, zone.id, fresh);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'zone-residents-added',
      entity: 'zone',
      entityId: code,
      detail: { code, persons: fresh.length },
    });
    return fresh.length;
  });
  if (added) announce('zones-changed');
  return { zone: code, added, already: new Set(personIds).size - added };
}

// The task force's list comes in either language.
const COLUMNS: Record<string, 'idNumber'> = { id_number: 'idNumber', idNumber: 'idNumber', 身份证号码: 'idNumber' };

/**
 * Records the residents of a zone from a CSV/XLSX list of ID numbers, all or nothing: a malformed
 * number or one the population register does not hold refuses the list with every row named.
 * Sending the same list again records nobody twice.
 */
export async function importResidents(ctx: Ctx, actor: Actor, code: string, buf: Buffer, dryRun = false) {
  requirePermission(actor, 'zones:write');
  const zone = await loadZone(ctx, actor, code);
  const rows = await readSheet(buf, COLUMNS, ['idNumber']);
  const issues: SheetIssue[] = [];
  const problem = (row: number, c: string, params: Record<string, unknown> = {}) =>
    issues.push({ row, column: 'id_number', code: c, message: messagesOf(c, params) });
  const indexed = rows.map((r) => {
    const id = parseResidentId((r.idNumber ?? '').toUpperCase());
    if (!id.ok) {
      const { code: c, ...params } = id.problem;
      problem(r.row, c, params);
      return { row: r.row, index: null };
    }
    return { row: r.row, index: ctx.crypto.blindIndex('id', id.facts.idNumber) };
  });
  const found = await personIdsByIndex(
    ctx.db.k,
    indexed.flatMap((r) => (r.index ? [r.index] : [])),
  );
  for (const r of indexed) if (r.index && !found.has(r.index)) problem(r.row, ZoneErrors.ZONE_RESIDENT_UNKNOWN);
  if (issues.length)
    throw new AppError(
      ZoneErrors.ZONE_RESIDENTS_INVALID,
      { count: issues.length },
      { issues: issues.sort((a, b) => a.row - b.row) },
    );
  const ids = indexed.map((r) => found.get(r.index as string) as number);
  if (dryRun) {
    const unique = new Set(ids);
    const known = await residentsAmong(ctx.db.k, zone.id, [...unique]);
    return { zone: code, added: unique.size - known.size, already: known.size, dryRun };
  }
  return { ...(await addResidents(ctx, actor, code, ids)), dryRun };
}

/** A page of a zone's recorded residents, masked, for its task force. */
export async function listResidents(ctx: Ctx, actor: Actor, code: string, page: number, pageSize: number) {
  requirePermission(actor, 'zones:read');
  const zone = await loadZone(ctx, actor, code);
  return { ...(await zoneResidentsPage(ctx.db, zone.id, (page - 1) * pageSize, pageSize)), page, pageSize };
}

/**
 * Who lives in a high or medium zone at an instant, each with the most severe such zone, and when
 * the next notice already on record takes effect (the colours must change then, unprompted).
 * A zone with no notices on record (entered directly) counts by its row.
 */
export async function restrictedResidentsAt(ctx: Ctx, now: number) {
  const { zones, changes } = await residentZones(ctx.db);
  const byZone = new Map<number, typeof changes>();
  let next: number | null = null;
  for (const c of changes) {
    const list = byZone.get(Number(c.zone_id)) ?? [];
    list.push(c);
    byZone.set(Number(c.zone_id), list);
    const t = Date.parse(c.at);
    if (t > now && (next === null || t < next)) next = t;
  }
  const restricted = new Map<number, { code: string; level: string }>();
  for (const z of zones) {
    const notices = (byZone.get(Number(z.id)) ?? []).map((c) => ({ ...c, id: Number(c.id), toLevel: c.to_level }));
    const level = levelAt(notices, now) ?? (z.status === 'active' && notices.length === 0 ? z.level : null);
    if (level === 'high' || level === 'medium') restricted.set(Number(z.id), { code: z.code, level });
  }
  const residents = new Map<number, { code: string; level: string }>();
  for (const r of await residentsOfZones(ctx.db, [...restricted.keys()])) {
    const zone = restricted.get(r.zoneId) as { code: string; level: string };
    if (residents.get(r.personId)?.level !== 'high') residents.set(r.personId, zone);
  }
  return { residents, nextChangeAt: next };
}
