import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { dayOf } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { activeTaskForceId, cadresById, insertTaskForce, listCadres, serving } from './taskforce.repo.ts';
import { ZoneErrors } from './zones.errors.ts';
import { zoneByCode } from './zones.repo.ts';
import { mayLead, type Rank } from './zones.rules.ts';
import type { TaskForceInput } from './zones.schema.ts';
import { assertZoneInScope } from './zones.service.ts';

const RANK_ZH: Record<Rank, string> = {
  clerk: '科员',
  section: '科级干部',
  division: '处级干部',
  bureau: '厅局级干部',
};

/**
 * Forms a zone's task force. The leader must be section level or above, and no cadre may serve in
 * two task forces at once (the database enforces the second as well).
 */
export async function formTaskForce(ctx: Ctx, actor: Actor | 'system' | 'cli', code: string, input: TaskForceInput) {
  const zone = await zoneByCode(ctx.db, code);
  if (!zone) throw new AppError(ZoneErrors.ZONE_NOT_FOUND, { code });
  if (typeof actor !== 'string') {
    requirePermission(actor, 'taskforces:write');
    assertZoneInScope(actor, zone);
  }
  if (zone.status !== 'active' || !['high', 'medium'].includes(zone.level))
    throw new AppError(ZoneErrors.TASKFORCE_ZONE_LEVEL);
  const ids = [input.leaderId, ...input.members.map((m) => m.cadreId).filter((id) => id !== input.leaderId)];
  const me = actorLabel(actor);
  const today = dayOf(nowIso());
  const formedOn = input.formedOn ?? today;
  if (formedOn < zone.designated_on || formedOn > today)
    throw new AppError(ZoneErrors.TASKFORCE_FORMED_ON, { formedOn, designatedOn: zone.designated_on });
  return ctx.db.k.transaction().execute(async (trx) => {
    if ((await activeTaskForceId(trx, zone.id)) !== undefined)
      throw new AppError(ZoneErrors.TASKFORCE_EXISTS, { code });
    const cadres = await cadresById(trx, ids);
    for (const id of ids) if (!cadres.has(id)) throw new AppError(ZoneErrors.CADRE_NOT_FOUND, { id });
    const leader = cadres.get(input.leaderId);
    if (!leader || !mayLead(leader.rank as Rank)) {
      throw new AppError(ZoneErrors.TASKFORCE_LEADER_RANK, {
        name: leader?.name,
        rank: RANK_ZH[leader?.rank as Rank] ?? leader?.rank,
        rankEn: leader?.rank,
      });
    }
    const busy = await serving(trx, ids);
    for (const [id, zoneCode] of busy)
      throw new AppError(ZoneErrors.CADRE_ALREADY_SERVING, { name: cadres.get(id)?.name, zone: zoneCode });
    const groupOf = new Map(input.members.map((m) => [m.cadreId, m.group]));
    const tfId = await insertTaskForce(
      trx,
      zone.id,
      formedOn,
      ids.map((id) => ({
        cadre_id: id,
        working_group: groupOf.get(id) ?? 'coordination',
        is_leader: id === input.leaderId ? 1 : 0,
        joined_on: formedOn,
        left_on: null,
      })),
    );
    if (actor !== 'system') {
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: me,
        action: 'task-force-formed',
        entity: 'zone',
        entityId: code,
        detail: { taskForce: tfId, leader: input.leaderId, members: ids.length },
      });
    }
    return { id: tfId, zoneCode: code, leaderId: input.leaderId, members: ids.length, formedOn };
  });
}

/** Cadres for the task-force form, optionally only the free ones of a rank. */
export async function cadres(ctx: Ctx, actor: Actor, f: { rank?: string; free?: boolean; q?: string }) {
  requirePermission(actor, 'zones:read');
  return (await listCadres(ctx.db, { ...f, limit: 500 })).map((c) => ({
    id: c.id,
    name: c.name,
    rank: c.rank as Rank,
    homeUnit: c.home_unit,
  }));
}
