import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, type Permission, permissionsOf, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { AppealErrors } from './appeals.errors.ts';
import { type AppealFilter, appealById, appealByTracking, eventsOf, listAppeals as listRows } from './appeals.repo.ts';
import type { AppealsQuery } from './appeals.schema.ts';
import { appealView, assertInScope, unitLabel, unitOf } from './appeals.service.ts';
import { enterpriseById } from './enterprises.repo.ts';
import { outboxOf } from './outbox.repo.ts';

function may(actor: Actor, p: Permission) {
  return permissionsOf(actor.role).includes(p);
}

/** The area filter of an actor: their scope's division prefix. */
function areaOf(actor: Actor): string | null {
  return scopePrefix(actor.scope);
}

/** The dispatcher's queue, a unit's inbox (`unit: 'mine'`) or any filtered list in the actor's area. */
export async function listAppeals(ctx: Ctx, actor: Actor, q: AppealsQuery, now = nowIso()) {
  let unit = q.unit;
  if (unit === 'mine') {
    requirePermission(actor, 'appeals:handle');
    unit = (await unitOf(ctx, actor)) ?? undefined;
    if (!unit) throw new AppError(AppealErrors.APPEAL_NO_UNIT);
  } else requirePermission(actor, 'appeals:read');
  const areaPrefix = areaOf(actor);
  if (areaPrefix === null) return { total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize, items: [] };
  const f: AppealFilter = {
    status: q.status,
    district: q.district,
    areaPrefix: areaPrefix.length > 4 ? areaPrefix : undefined,
    category: q.category,
    channel: q.channel,
    unit,
    overdueAt: q.overdue === 'true' ? now : undefined,
    escalated: q.escalated === undefined ? undefined : q.escalated === 'true',
    q: q.q,
    from: q.from,
    to: q.to,
  };
  // A search over a million appeals can take tens of milliseconds: off the thread answering checks.
  const { total, totalCapped, rows } = await listRows(
    ctx.db.reads,
    f,
    (q.page - 1) * q.pageSize,
    q.pageSize,
    ctx.db.dialect,
  );
  const ents = new Map<number, { name: string; creditCode: string }>();
  for (const id of new Set(rows.map((r) => r.enterprise_id).filter((x): x is number => x != null))) {
    const e = await enterpriseById(ctx.db.k, id);
    if (e) ents.set(id, { name: e.name, creditCode: e.credit_code });
  }
  return {
    total,
    totalCapped,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => appealView(r, now, r.enterprise_id ? ents.get(r.enterprise_id) : null)),
  };
}

/** One appeal with its full timeline and messages. A unit sees what it holds; readers their area. */
export async function getAppeal(ctx: Ctx, actor: Actor, id: number, now = nowIso()) {
  const a = await appealById(ctx.db.k, id);
  if (!a) throw new AppError(AppealErrors.APPEAL_NOT_FOUND, { id });
  if (may(actor, 'appeals:read')) assertInScope(actor, a);
  else {
    requirePermission(actor, 'appeals:handle');
    if (a.unit !== (await unitOf(ctx, actor))) throw new AppError(AuthErrors.FORBIDDEN, { permission: 'appeals:read' });
  }
  const e = a.enterprise_id ? await enterpriseById(ctx.db.k, a.enterprise_id) : undefined;
  const events = await eventsOf(ctx.db.k, a.id);
  const messages = await outboxOf(ctx.db.k, a.id);
  return {
    appeal: appealView(a, now, e ? { name: e.name, creditCode: e.credit_code } : null),
    timeline: events.map((ev) => ({
      at: ev.at,
      action: ev.action,
      actor: ev.actor,
      from: ev.from_status,
      to: ev.to_status,
      unit: ev.unit,
      unitName: unitLabel(ev.unit),
      note: ev.note,
      public: ev.public === 1,
    })),
    messages: messages.map((m) => ({
      kind: m.kind,
      body: { 'zh-CN': m.body_zh, en: m.body_en },
      status: m.status,
      createdAt: m.created_at,
      sentAt: m.sent_at,
      deliveries: m.deliveries.map((d) => ({ at: d.at, sender: d.sender, ok: d.ok === 1, detail: d.detail })),
    })),
  };
}

/**
 * The public tracking lookup: the tracking number and the last four digits of the phone must both
 * match; any mismatch answers exactly like an unknown number, so nothing is revealed.
 */
export async function trackAppeal(ctx: Ctx, trackingNoIn: string, last4: string) {
  const no = trackingNoIn.trim().toUpperCase();
  const a = await appealByTracking(ctx.db.k, no);
  const hash = ctx.crypto.blindIndex('appeal-last4', `${no}:${last4}`);
  if (!a || a.phone_last4_hash !== hash) throw new AppError(AppealErrors.APPEAL_TRACK_NOT_FOUND);
  const carrier = a.merged_into ? await appealById(ctx.db.k, a.merged_into) : undefined;
  const events = (await eventsOf(ctx.db.k, a.id)).filter((e) => e.public === 1);
  const messages = await outboxOf(ctx.db.k, a.id);
  return {
    trackingNo: a.tracking_no,
    status: a.status,
    category: a.category,
    title: a.title,
    receivedAt: a.received_at,
    dueAt: a.due_at,
    unitName: { 'zh-CN': unitLabel(a.unit), en: unitLabel(a.unit, 'en') },
    reply: carrier?.reply ?? a.reply,
    repliedAt: carrier?.replied_at ?? a.replied_at,
    rating: a.rating,
    mayRate: a.status === 'replied',
    mergedInto: carrier ? { trackingNo: carrier.tracking_no, status: carrier.status } : null,
    timeline: events.map((e) => ({
      at: e.at,
      action: e.action,
      to: e.to_status,
      unitName: { 'zh-CN': unitLabel(e.unit), en: unitLabel(e.unit, 'en') },
    })),
    messages: messages.map((m) => ({
      kind: m.kind,
      body: { 'zh-CN': m.body_zh, en: m.body_en },
      status: m.status,
      createdAt: m.created_at,
      sentAt: m.sent_at,
    })),
  };
}
