import { randomInt } from 'node:crypto';
import type { Insertable } from 'kysely';
import { nameOf } from '../geo/geo.service.ts';
import { maskName, maskPhone } from '../people/people.rules.ts';
import type { Executor } from '../platform/audit/audit.repo.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import {
  type Actor,
  actorLabel,
  type Permission,
  permissionsOf,
  scopeCoversDivision,
  scopePrefix,
} from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { AppealErrors } from './appeals.errors.ts';
import { deliverOutbox } from './appeals.outbox.ts';
import {
  type AppealFilter,
  accountOf,
  appealById,
  appealByIdemKey,
  appealByTracking,
  appealsByIds,
  countByPhoneSince,
  enterpriseByCode,
  enterpriseById,
  eventsOf,
  insertAppeals,
  insertEvents,
  insertOutbox,
  listDeadlines,
  listAppeals as listRows,
  lockAppeal,
  type NewAppeal,
  outboxOf,
  overdueUnescalated,
  type StoredAppeal,
  updateAppeal,
  upsertDeadline,
} from './appeals.repo.ts';
import {
  ACTION_EN,
  ACTION_ZH,
  type Action,
  type Category,
  type Channel,
  type DeadlineRule,
  type DurationUnit,
  deadlineRuleFor,
  deadlinesOf,
  isUnit,
  nextStatus,
  overdueReason,
  type Rating,
  REPEAT_ESCALATION,
  STATUS_ZH,
  type Status,
  trackingNo,
  type Urgency,
  unitName,
} from './appeals.rules.ts';
import type { AppealInput, AppealsQuery, DeadlineInput } from './appeals.schema.ts';
import type { AppealEventRow, AppealRow, OutboxRow } from './appeals.tables.ts';
import { creditCodeOrThrow } from './enterprises.service.ts';

/** Who acts: a signed-in user, the public submitter (tracking number + phone digits), or the system. */
export type Who = Actor | 'public' | 'system' | 'cli';
const label = (w: Who) => (w === 'public' ? 'public' : actorLabel(w));
const FLOOD_PER_HOUR = 5;
const unitLabel = (u: string | null, lang: 'zh-CN' | 'en' = 'zh-CN') => (u ? unitName(u, nameOf, lang) : null);

/** An appeal as staff see it: contact masked, deadlines and whether it is overdue now. */
export function appealView(a: StoredAppeal, now: string, enterprise?: { name: string; creditCode: string } | null) {
  return {
    id: a.id,
    trackingNo: a.tracking_no,
    channel: a.channel,
    submitter: a.submitter,
    enterpriseId: a.enterprise_id,
    enterprise: enterprise ?? null,
    contactName: a.contact_name_mask,
    phone: a.phone_mask,
    districtCode: a.district_code,
    districtName: nameOf(a.district_code) ?? a.district_code,
    category: a.category,
    urgency: a.urgency,
    title: a.title,
    content: a.content,
    status: a.status,
    unit: a.unit,
    unitName: unitLabel(a.unit),
    receivedAt: a.received_at,
    signDueAt: a.sign_due_at,
    dueAt: a.due_at,
    dispatchedAt: a.dispatched_at,
    signedAt: a.signed_at,
    repliedAt: a.replied_at,
    closedAt: a.closed_at,
    reply: a.reply,
    rating: a.rating,
    reopenCount: a.reopen_count,
    repeatCount: a.repeat_count,
    mergedInto: a.merged_into,
    escalatedAt: a.escalated_at,
    escalationReason: a.escalation_reason,
    overdue: overdueReason(
      { status: a.status as Status, signedAt: a.signed_at, signDueAt: a.sign_due_at, dueAt: a.due_at },
      now,
    ),
  };
}
export type AppealView = ReturnType<typeof appealView>;

// ------------------------------------------------------------------------------ deadlines

function toRule(r: {
  urgency: string;
  category: string;
  sign_amount: number;
  sign_unit: string;
  resolve_amount: number;
  resolve_unit: string;
}): DeadlineRule {
  return {
    urgency: r.urgency as Urgency,
    category: r.category as Category | '*',
    sign: { amount: Number(r.sign_amount), unit: r.sign_unit as DurationUnit },
    resolve: { amount: Number(r.resolve_amount), unit: r.resolve_unit as DurationUnit },
  };
}

/** The configured deadline rules (the defaults apply where none is configured). */
export async function configuredDeadlines(ctx: Ctx): Promise<DeadlineRule[]> {
  return (await listDeadlines(ctx.db.k)).map(toRule);
}

/** Sets the deadline of an urgency and category ('*' for any); audited. */
export async function setDeadline(ctx: Ctx, actor: Actor | 'cli', input: DeadlineInput) {
  if (actor !== 'cli') requirePermission(actor, 'appeals:dispatch');
  await ctx.db.k.transaction().execute(async (trx) => {
    await upsertDeadline(trx, {
      urgency: input.urgency,
      category: input.category,
      sign_amount: input.sign.amount,
      sign_unit: input.sign.unit,
      resolve_amount: input.resolve.amount,
      resolve_unit: input.resolve.unit,
      updated_at: nowIso(),
    });
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'appeal-deadline-set',
      entity: 'appeal-deadline',
      entityId: `${input.urgency}/${input.category}`,
      detail: { sign: input.sign, resolve: input.resolve },
    });
  });
  return configuredDeadlines(ctx);
}

// ------------------------------------------------------------------------------ messages

function message(kind: string, a: { tracking_no: string; unit: string | null; reply: string | null }) {
  const no = a.tracking_no;
  const zhUnit = unitLabel(a.unit) ?? '';
  const enUnit = unitLabel(a.unit, 'en') ?? '';
  const texts: Record<string, [string, string]> = {
    received: [
      `【榕城诉求】您的诉求已受理，受理编号 ${no}，可凭编号和手机号后四位查询进度。`,
      `Your appeal was received: tracking number ${no}. Look it up with the last four digits of your phone.`,
    ],
    dispatched: [`【榕城诉求】诉求 ${no} 已转交${zhUnit}办理。`, `Appeal ${no} was passed to the ${enUnit}.`],
    replied: [
      `【榕城诉求】诉求 ${no} 已答复：${a.reply ?? ''} 请凭编号对办理结果进行评价。`,
      `Appeal ${no} was answered: ${a.reply ?? ''} Please rate the answer with your tracking number.`,
    ],
    reopened: [`【榕城诉求】诉求 ${no} 已按您的评价重新办理。`, `Appeal ${no} was reopened after your rating.`],
    closed: [`【榕城诉求】诉求 ${no} 已办结，感谢您的反馈。`, `Appeal ${no} is closed. Thank you.`],
    merged: [
      `【榕城诉求】诉求 ${no} 与您此前反映的同一事项合并办理。`,
      `Appeal ${no} is handled together with the same matter you raised before.`,
    ],
  };
  const [zh, en] = texts[kind] ?? ['', ''];
  return { body_zh: zh, body_en: en };
}

function outboxRow(
  appealId: number,
  kind: string,
  a: Parameters<typeof message>[1],
  at: string,
): Insertable<OutboxRow> {
  return {
    appeal_id: appealId,
    kind,
    ...message(kind, a),
    status: 'pending',
    attempts: 0,
    created_at: at,
    sent_at: null,
  };
}

/** Delivery runs after the change has committed; a failing sender never undoes the change. */
async function deliverQuietly(ctx: Ctx) {
  try {
    await deliverOutbox(ctx, 50);
  } catch {
    // The outbox keeps the message pending; the next delivery run retries it.
  }
}

// ------------------------------------------------------------------------------ intake

export interface IntakeOptions {
  now?: string;
  random?: () => number;
  deliver?: boolean;
  sourceReportId?: number;
}

function randomUnit(): number {
  return randomInt(0, 2 ** 32) / 2 ** 32;
}

/**
 * Takes in an appeal on one channel. The web and mobile forms are public (rate-limited by address);
 * the hotline needs `appeals:intake`. A retried submission (same idempotency key, same phone)
 * answers the appeal already created instead of creating a second one.
 */
export async function submitAppeal(ctx: Ctx, who: Who, channel: Channel, input: AppealInput, opts: IntakeOptions = {}) {
  if (channel === 'hotline' && typeof who === 'object') requirePermission(who, 'appeals:intake');
  if (channel === 'hotline' && who === 'public') throw new AppError(AuthErrors.AUTH_REQUIRED);
  const now = opts.now ?? nowIso();
  const phoneHash = ctx.crypto.blindIndex('phone', input.phone);
  const again = await appealByIdemKey(ctx.db.k, input.idempotencyKey);
  if (again) {
    if (again.phone_hash !== phoneHash) throw new AppError(AppealErrors.APPEAL_IDEMPOTENCY_CONFLICT);
    return { created: false, appeal: again };
  }
  let enterpriseId: number | null = null;
  let district = input.districtCode;
  if (input.submitter === 'enterprise') {
    if (!input.creditCode) throw new AppError('CREDIT_CODE_LENGTH', { length: 0 });
    const code = creditCodeOrThrow(input.creditCode);
    const e = await enterpriseByCode(ctx.db.k, code);
    if (e) {
      enterpriseId = e.id;
      district = e.district_code;
    }
  }
  if (!district || !nameOf(district)) throw new AppError(AppealErrors.APPEAL_DISTRICT_REQUIRED);
  if (channel !== 'hotline') {
    const recent = await countByPhoneSince(ctx.db.k, phoneHash, new Date(Date.parse(now) - 3600_000).toISOString());
    if (recent >= FLOOD_PER_HOUR) throw new AppError(AppealErrors.APPEAL_PHONE_FLOOD, { count: recent });
  }
  const rule = deadlineRuleFor(input.urgency, input.category, await configuredDeadlines(ctx));
  const { signDueAt, dueAt } = deadlinesOf(now, rule);
  const random = opts.random ?? randomUnit;
  const no = trackingNo(now, random);
  const row: NewAppeal = {
    tracking_no: no,
    idem_key: input.idempotencyKey,
    channel,
    submitter: input.submitter,
    enterprise_id: enterpriseId,
    contact_name_mask: input.contactName ? maskName(input.contactName) : null,
    contact_name_enc: input.contactName ? ctx.crypto.encrypt(input.contactName) : null,
    phone_enc: ctx.crypto.encrypt(input.phone),
    phone_hash: phoneHash,
    phone_mask: maskPhone(input.phone),
    phone_last4_hash: ctx.crypto.blindIndex('appeal-last4', `${no}:${input.phone.slice(-4)}`),
    district_code: district,
    category: input.category,
    urgency: input.urgency,
    title: input.title,
    content: input.content,
    status: 'received',
    unit: null,
    received_at: now,
    sign_due_at: signDueAt,
    due_at: dueAt,
    dispatched_at: null,
    signed_at: null,
    replied_at: null,
    closed_at: null,
    reply: null,
    rating: null,
    reopen_count: 0,
    repeat_count: 1,
    merged_into: null,
    escalated_at: null,
    escalation_reason: null,
    source_report_id: opts.sourceReportId ?? null,
    updated_at: now,
  };
  let id: number;
  try {
    id = await ctx.db.k.transaction().execute(async (trx) => {
      const [id] = (await insertAppeals(trx, [row])) as [number];
      await insertEvents(trx, [
        event(id, now, 'intake', label(who), null, 'received', null, `channel:${channel}`, true),
      ]);
      await insertOutbox(trx, [outboxRow(id, 'received', { tracking_no: no, unit: null, reply: null }, now)]);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: label(who),
        action: 'appeal-received',
        entity: 'appeal',
        entityId: no,
        detail: { channel, category: input.category, urgency: input.urgency, district },
      });
      return id;
    });
  } catch (e) {
    // Two retries racing: the unique key let one through; answer that one.
    const winner = await appealByIdemKey(ctx.db.k, input.idempotencyKey);
    if (winner && winner.phone_hash === phoneHash) return { created: false, appeal: winner };
    throw e;
  }
  if (opts.deliver !== false) await deliverQuietly(ctx);
  return { created: true, appeal: (await appealById(ctx.db.k, id)) as StoredAppeal };
}

function event(
  appealId: number,
  at: string,
  action: string,
  actor: string,
  from: string | null,
  to: string | null,
  unit: string | null,
  note: string | null,
  isPublic: boolean,
): Insertable<AppealEventRow> {
  return {
    appeal_id: appealId,
    at,
    action,
    actor,
    from_status: from,
    to_status: to,
    unit,
    note,
    public: isPublic ? 1 : 0,
  };
}

// ------------------------------------------------------------------------------ workflow

function may(actor: Actor, p: Permission) {
  return permissionsOf(actor.role).includes(p);
}

/** The handling unit of a signed-in user, from the account links. */
export async function unitOf(ctx: Ctx, actor: Actor): Promise<string | null> {
  return (await accountOf(ctx.db.k, actor.username))?.unit ?? null;
}

function refuse(a: StoredAppeal, action: Action): never {
  throw new AppError(AppealErrors.APPEAL_TRANSITION, {
    status: a.status,
    statusZh: STATUS_ZH[a.status as Status] ?? a.status,
    action: ACTION_EN[action],
    actionZh: ACTION_ZH[action],
  });
}

function assertInScope(actor: Actor, a: StoredAppeal) {
  if (!scopeCoversDivision(actor.scope, a.district_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
}

interface Change {
  patch: Partial<Omit<AppealRow, 'id'>>;
  note?: string | null;
  unit?: string | null;
  publicEvent?: boolean;
  message?: string;
  audit?: Record<string, unknown>;
}

/**
 * Applies one workflow action inside a transaction: re-reads the appeal, checks the transition
 * against the rules, writes the change, its timeline event, the message to the submitter and the
 * audit entry together.
 */
async function apply(
  ctx: Ctx,
  trx: Executor,
  who: Who,
  id: number,
  action: Action,
  check: (a: StoredAppeal) => Promise<void> | void,
  change: (a: StoredAppeal, to: Status) => Change,
  now: string,
  rating?: Rating,
): Promise<StoredAppeal> {
  const a = await lockAppeal(trx, id, ctx.db.dialect);
  if (!a) throw new AppError(AppealErrors.APPEAL_NOT_FOUND, { id });
  // Order first (replying before sign-off is an order error whoever asks), then who may act.
  const to = nextStatus({ status: a.status as Status, escalated: a.escalated_at != null }, action, rating);
  if (to === null) refuse(a, action);
  await check(a);
  const c = change(a, to);
  const patch = { ...c.patch, status: to, updated_at: now };
  const after = await updateAppeal(trx, a, patch);
  await insertEvents(trx, [
    event(a.id, now, action, label(who), a.status, to, c.unit ?? after.unit, c.note ?? null, c.publicEvent ?? true),
  ]);
  if (c.message) await insertOutbox(trx, [outboxRow(a.id, c.message, after, now)]);
  await recordAudit(ctx.db, ctx.crypto, trx, {
    actor: label(who),
    action: `appeal-${action}`,
    entity: 'appeal',
    entityId: a.tracking_no,
    detail: { from: a.status, to, ...(c.audit ?? {}) },
  });
  return after;
}

async function run<T>(ctx: Ctx, fn: (trx: Executor) => Promise<T>): Promise<T> {
  const r = await ctx.db.k.transaction().execute(fn);
  await deliverQuietly(ctx);
  return r;
}

/** Dispatches one or more appeals to a unit (bulk: all or none). */
export async function dispatchAppeals(
  ctx: Ctx,
  actor: Actor | 'system',
  ids: number[],
  unit: string,
  note?: string,
  now = nowIso(),
) {
  if (actor !== 'system') requirePermission(actor, 'appeals:dispatch');
  if (!isUnit(unit, nameOf)) throw new AppError(AppealErrors.APPEAL_UNIT_UNKNOWN, { unit });
  return run(ctx, async (trx) => {
    const out: StoredAppeal[] = [];
    for (const id of [...new Set(ids)]) {
      out.push(
        await apply(
          ctx,
          trx,
          actor,
          id,
          'dispatch',
          (a) => {
            if (actor !== 'system') assertInScope(actor, a);
          },
          (a) => ({
            patch: { unit, dispatched_at: now, signed_at: a.status === 'dispatched' ? null : a.signed_at },
            unit,
            note: note ?? null,
            message: 'dispatched',
            audit: { unit },
          }),
          now,
        ),
      );
    }
    return out;
  });
}

/** The unit a handler acts for, resolved before the transaction (SQLite has one connection). */
async function handlerUnit(ctx: Ctx, actor: Actor | 'system'): Promise<string | null> {
  if (actor === 'system') return null;
  requirePermission(actor, 'appeals:handle');
  const unit = await unitOf(ctx, actor);
  if (!unit) throw new AppError(AppealErrors.APPEAL_NO_UNIT);
  return unit;
}

function holds(unit: string | null, a: StoredAppeal) {
  if (unit !== null && a.unit !== unit)
    throw new AppError(AppealErrors.APPEAL_NOT_YOUR_UNIT, { unit: unitLabel(unit) ?? unit });
}

/** The holding unit signs the appeal off (签收): it is now theirs to handle. */
export async function signAppeal(ctx: Ctx, actor: Actor | 'system', id: number, now = nowIso()) {
  const unit = await handlerUnit(ctx, actor);
  return run(ctx, (trx) =>
    apply(
      ctx,
      trx,
      actor,
      id,
      'sign',
      (a) => holds(unit, a),
      () => ({ patch: { signed_at: now } }),
      now,
    ),
  );
}

/** The holding unit says it is not theirs: back to the dispatcher with a reason. */
export async function returnAppeal(ctx: Ctx, actor: Actor | 'system', id: number, reason: string, now = nowIso()) {
  const unit = await handlerUnit(ctx, actor);
  return run(ctx, (trx) =>
    apply(
      ctx,
      trx,
      actor,
      id,
      'return',
      (a) => holds(unit, a),
      (a) => ({
        patch: { unit: null, signed_at: null, dispatched_at: null },
        unit: a.unit,
        note: reason,
        publicEvent: false,
        audit: { unit: a.unit, reason },
      }),
      now,
    ),
  );
}

/** A progress note by the holding unit (internal). */
export async function noteAppeal(ctx: Ctx, actor: Actor | 'system', id: number, note: string, now = nowIso()) {
  const unit = await handlerUnit(ctx, actor);
  return run(ctx, (trx) =>
    apply(
      ctx,
      trx,
      actor,
      id,
      'note',
      (a) => holds(unit, a),
      () => ({ patch: {}, note, publicEvent: false }),
      now,
    ),
  );
}

/** The reply to the submitter (only after sign-off). */
export async function replyAppeal(ctx: Ctx, actor: Actor | 'system', id: number, reply: string, now = nowIso()) {
  const unit = await handlerUnit(ctx, actor);
  return run(ctx, (trx) =>
    apply(
      ctx,
      trx,
      actor,
      id,
      'reply',
      (a) => holds(unit, a),
      () => ({ patch: { reply, replied_at: now }, note: reply, message: 'replied' }),
      now,
    ),
  );
}

async function rateIn(
  ctx: Ctx,
  trx: Executor,
  who: Who,
  id: number,
  rating: Rating,
  comment: string | undefined,
  now: string,
) {
  return apply(
    ctx,
    trx,
    who,
    id,
    'rate',
    () => {},
    (a, to) =>
      to === 'closed'
        ? { patch: { rating, closed_at: now }, note: comment ?? null, message: 'closed', audit: { rating } }
        : {
            // Unsatisfied: reopened to the same unit, which must answer again.
            patch: { rating, reopen_count: a.reopen_count + 1, replied_at: null, reply: null },
            note: comment ?? null,
            message: 'reopened',
            audit: { rating, reopen: a.reopen_count + 1 },
          },
    now,
    rating,
  );
}

/** A rating taken on the follow-up call (回访) by the hotline. */
export async function rateAppeal(
  ctx: Ctx,
  actor: Actor | 'system',
  id: number,
  rating: Rating,
  comment?: string,
  now = nowIso(),
) {
  if (actor !== 'system') requirePermission(actor, 'appeals:intake');
  return run(ctx, (trx) => rateIn(ctx, trx, actor, id, rating, comment, now));
}

/** The dispatcher closes a replied appeal that the submitter did not rate. */
export async function closeAppeal(ctx: Ctx, actor: Actor | 'system', id: number, now = nowIso()) {
  if (actor !== 'system') requirePermission(actor, 'appeals:dispatch');
  return run(ctx, (trx) =>
    apply(
      ctx,
      trx,
      actor,
      id,
      'close',
      () => {},
      () => ({ patch: { closed_at: now }, message: 'closed' }),
      now,
    ),
  );
}

async function escalateIn(ctx: Ctx, trx: Executor, who: Who, a: StoredAppeal, reason: string, now: string) {
  return apply(
    ctx,
    trx,
    who,
    a.id,
    'escalate',
    () => {},
    () => ({
      patch: { escalated_at: now, escalation_reason: reason },
      note: reason,
      publicEvent: false,
      audit: { reason },
    }),
    now,
  );
}

/**
 * Merges a duplicate (same enterprise or submitter, same matter) into the appeal that carries it:
 * the duplicate is closed as merged, the carrier counts one more raise, and on the third raise
 * it is escalated (督办).
 */
export async function mergeAppeal(ctx: Ctx, actor: Actor | 'system', id: number, into: number, now = nowIso()) {
  if (actor !== 'system') requirePermission(actor, 'appeals:dispatch');
  return run(ctx, async (trx) => {
    const target = await lockAppeal(trx, into, ctx.db.dialect);
    if (!target) throw new AppError(AppealErrors.APPEAL_NOT_FOUND, { id: into });
    if (id === into || ['merged', 'closed'].includes(target.status)) throw new AppError(AppealErrors.APPEAL_MERGE_SELF);
    const dup = await apply(
      ctx,
      trx,
      actor,
      id,
      'merge',
      (a) => {
        if (actor !== 'system') assertInScope(actor, a);
      },
      () => ({
        patch: { merged_into: into, closed_at: now },
        note: target.tracking_no,
        message: 'merged',
        audit: { into: target.tracking_no },
      }),
      now,
    );
    const repeats = target.repeat_count + dup.repeat_count;
    await updateAppeal(trx, target, { repeat_count: repeats, updated_at: now });
    await insertEvents(trx, [event(into, now, 'repeat', label(actor), null, null, null, dup.tracking_no, false)]);
    let carrier = { ...target, repeat_count: repeats };
    if (repeats >= REPEAT_ESCALATION && !target.escalated_at)
      carrier = await escalateIn(ctx, trx, 'system', carrier, `repeated:${repeats}`, now);
    return { merged: dup, into: carrier };
  });
}

/** The deadline job: escalates every open appeal past its sign-off or resolution deadline. */
export async function escalateOverdue(ctx: Ctx, who: Actor | 'cli' | 'system', now = nowIso()) {
  if (typeof who === 'object') requirePermission(who, 'appeals:dispatch');
  const due = await overdueUnescalated(ctx.db.k, now);
  const out: Array<{ trackingNo: string; reason: string }> = [];
  for (let i = 0; i < due.length; i += 200) {
    await ctx.db.k.transaction().execute(async (trx) => {
      for (const a of due.slice(i, i + 200)) {
        const reason =
          overdueReason(
            { status: a.status as Status, signedAt: a.signed_at, signDueAt: a.sign_due_at, dueAt: a.due_at },
            now,
          ) ?? 'overdue';
        await escalateIn(ctx, trx, who, a, reason, now);
        out.push({ trackingNo: a.tracking_no, reason });
      }
    });
  }
  return { at: now, escalated: out.length, items: out };
}

// ------------------------------------------------------------------------------ reading

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

/** The submitter rates the reply from the tracking page. */
export async function rateByTracking(ctx: Ctx, no: string, last4: string, rating: Rating, comment?: string) {
  await trackAppeal(ctx, no, last4);
  const a = (await appealByTracking(ctx.db.k, no.trim().toUpperCase())) as StoredAppeal;
  await run(ctx, (trx) => rateIn(ctx, trx, 'public', a.id, rating, comment, nowIso()));
  return trackAppeal(ctx, no, last4);
}

/** Appeals by id (CLI and export helpers). */
export async function appealsOf(ctx: Ctx, ids: number[]) {
  return appealsByIds(ctx.db.k, ids);
}

/** Units the dispatcher can choose from. */
export function units(districts: string[]) {
  return [
    ...['industry', 'transport', 'commerce', 'health', 'market', 'hrss', 'postal'],
    ...districts.map((d) => `district:${d}`),
  ].map((u) => ({ code: u, name: { 'zh-CN': unitLabel(u), en: unitLabel(u, 'en') } }));
}
