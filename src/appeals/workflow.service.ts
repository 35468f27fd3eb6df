import { nameOf } from '../geo/geo.service.ts';
import type { Executor } from '../platform/audit/audit.repo.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { AppealErrors } from './appeals.errors.ts';
import { deliverQuietly, outboxRow } from './appeals.outbox.ts';
import {
  appealByTracking,
  insertEvents,
  lockAppeal,
  overdueUnescalated,
  type StoredAppeal,
  updateAppeal,
} from './appeals.repo.ts';
import { overdueReason, type Rating, STATUS_ZH, type Status } from './appeals.rules.ts';
import { assertInScope, eventRow, unitLabel, unitOf, type Who, whoLabel } from './appeals.service.ts';
import { insertOutbox } from './outbox.repo.ts';
import { trackAppeal } from './queries.service.ts';
import { type Action, nextStatus, REPEAT_ESCALATION, type Reach, VERBS, type VerbParams } from './workflow.rules.ts';

// Runs the verbs of workflow.rules.ts. `perform` runs any of them on some appeals; merging (which
// also counts the repeat on the carrying appeal) and the deadline job (in batches, no messages)
// run the same `step` inside transactions of their own.

/** Who asks for a verb, checked; `unit` is the handling unit a handler acts for. */
interface Asker {
  who: Who;
  unit: string | null;
}
const SYSTEM: Asker = { who: 'system', unit: null };

/**
 * Checks who asks, before any transaction (SQLite has one connection): a signed-in user needs the
 * verb's permission, a handler a unit; the submitter only asks for what the verb allows in public.
 */
async function admit(ctx: Ctx, who: Who, action: Action): Promise<Asker> {
  const v = VERBS[action];
  if (who === 'public') {
    if (!v.public) throw new AppError(AuthErrors.AUTH_REQUIRED);
    return { who, unit: null };
  }
  if (typeof who !== 'object') return { who, unit: null };
  requirePermission(who, v.permission);
  if (v.reach !== 'unit') return { who, unit: null };
  const unit = await unitOf(ctx, who);
  if (!unit) throw new AppError(AppealErrors.APPEAL_NO_UNIT);
  return { who, unit };
}

function refuse(a: StoredAppeal, action: Action): never {
  throw new AppError(AppealErrors.APPEAL_TRANSITION, {
    status: a.status,
    statusZh: STATUS_ZH[a.status as Status] ?? a.status,
    action: VERBS[action].en,
    actionZh: VERBS[action].zh,
  });
}

function assertReaches(asker: Asker, reach: Reach, a: StoredAppeal) {
  if (reach === 'area' && typeof asker.who === 'object') assertInScope(asker.who, a);
  if (reach === 'unit' && asker.unit !== null && a.unit !== asker.unit)
    throw new AppError(AppealErrors.APPEAL_NOT_YOUR_UNIT, { unit: unitLabel(asker.unit) ?? asker.unit });
}

/**
 * Applies one verb to one appeal inside a transaction: re-reads and locks the appeal, checks the
 * transition and then that the asker reaches the appeal, and writes the change, its timeline event,
 * the message to the submitter and the audit entry together.
 */
async function step<K extends Action>(
  ctx: Ctx,
  trx: Executor,
  asker: Asker,
  action: K,
  id: number,
  p: VerbParams[K],
  now: string,
  queued: Queued = { any: false },
): Promise<StoredAppeal> {
  const v = VERBS[action];
  const a = await lockAppeal(trx, id, ctx.db.dialect);
  if (!a) throw new AppError(AppealErrors.APPEAL_NOT_FOUND, { id });
  // Order first (replying before sign-off is an order error whoever asks), then who may act.
  const rating = (p as { rating?: Rating }).rating;
  const to = nextStatus({ status: a.status as Status, escalated: a.escalated_at != null }, action, rating);
  if (to === null) refuse(a, action);
  assertReaches(asker, v.reach, a);
  const c = v.effect(a, to, p, now);
  const after = await updateAppeal(trx, a, { ...c.patch, status: to, updated_at: now });
  const actor = whoLabel(asker.who);
  await insertEvents(trx, [
    eventRow(a.id, now, action, actor, a.status, to, c.unit ?? after.unit, c.note ?? null, c.publicEvent ?? true),
  ]);
  if (c.message) {
    await insertOutbox(trx, [outboxRow(a.id, c.message, after, now)]);
    queued.any = true;
  }
  await recordAudit(ctx.db, ctx.crypto, trx, {
    actor,
    action: `appeal-${action}`,
    entity: 'appeal',
    entityId: a.tracking_no,
    detail: { from: a.status, to, ...(c.audit ?? {}) },
  });
  return after;
}

/** Whether a transaction queued a message: only then is the outbox read after it commits. */
interface Queued {
  any: boolean;
}

async function run<T>(ctx: Ctx, fn: (trx: Executor, queued: Queued) => Promise<T>): Promise<T> {
  const queued: Queued = { any: false };
  const r = await ctx.db.k.transaction().execute((trx) => fn(trx, queued));
  if (queued.any) await deliverQuietly(ctx);
  return r;
}

/** Runs a verb on some appeals for whoever asks, all or none, then delivers the messages it queued. */
async function perform<K extends Action>(
  ctx: Ctx,
  who: Who,
  action: K,
  ids: number[],
  p: VerbParams[K],
  now: string,
): Promise<StoredAppeal[]> {
  const asker = await admit(ctx, who, action);
  const problem = VERBS[action].problem?.(p, nameOf);
  if (problem) {
    const { code, ...params } = problem;
    throw new AppError(code, params);
  }
  return run(ctx, async (trx, queued) => {
    const out: StoredAppeal[] = [];
    for (const id of [...new Set(ids)]) out.push(await step(ctx, trx, asker, action, id, p, now, queued));
    return out;
  });
}

async function performOne<K extends Action>(ctx: Ctx, who: Who, action: K, id: number, p: VerbParams[K], now: string) {
  return (await perform(ctx, who, action, [id], p, now))[0] as StoredAppeal;
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
  return perform(ctx, actor, 'dispatch', ids, { unit, note }, now);
}

/** The holding unit signs the appeal off (签收): it is now theirs to handle. */
export async function signAppeal(ctx: Ctx, actor: Actor | 'system', id: number, now = nowIso()) {
  return performOne(ctx, actor, 'sign', id, {}, now);
}

/** The holding unit says it is not theirs: back to the dispatcher with a reason. */
export async function returnAppeal(ctx: Ctx, actor: Actor | 'system', id: number, reason: string, now = nowIso()) {
  return performOne(ctx, actor, 'return', id, { reason }, now);
}

/** A progress note by the holding unit (internal). */
export async function noteAppeal(ctx: Ctx, actor: Actor | 'system', id: number, note: string, now = nowIso()) {
  return performOne(ctx, actor, 'note', id, { note }, now);
}

/** The reply to the submitter (only after sign-off). */
export async function replyAppeal(ctx: Ctx, actor: Actor | 'system', id: number, reply: string, now = nowIso()) {
  return performOne(ctx, actor, 'reply', id, { reply }, now);
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
  return performOne(ctx, actor, 'rate', id, { rating, comment }, now);
}

/** The submitter rates the reply from the tracking page. */
export async function rateByTracking(ctx: Ctx, no: string, last4: string, rating: Rating, comment?: string) {
  await trackAppeal(ctx, no, last4);
  const a = (await appealByTracking(ctx.db.k, no.trim().toUpperCase())) as StoredAppeal;
  await performOne(ctx, 'public', 'rate', a.id, { rating, comment }, nowIso());
  return trackAppeal(ctx, no, last4);
}

/** The dispatcher closes a replied appeal that the submitter did not rate. */
export async function closeAppeal(ctx: Ctx, actor: Actor | 'system', id: number, now = nowIso()) {
  return performOne(ctx, actor, 'close', id, {}, now);
}

/**
 * Merges a duplicate (same enterprise or submitter, same matter) into the appeal that carries it:
 * the duplicate is closed as merged, the carrier counts one more raise, and on the third raise
 * it is escalated (督办).
 */
export async function mergeAppeal(ctx: Ctx, actor: Actor | 'system', id: number, into: number, now = nowIso()) {
  const asker = await admit(ctx, actor, 'merge');
  return run(ctx, async (trx, queued) => {
    const target = await lockAppeal(trx, into, ctx.db.dialect);
    if (!target) throw new AppError(AppealErrors.APPEAL_NOT_FOUND, { id: into });
    if (id === into || ['merged', 'closed'].includes(target.status)) throw new AppError(AppealErrors.APPEAL_MERGE_SELF);
    const dup = await step(ctx, trx, asker, 'merge', id, { into: target }, now, queued);
    const repeats = target.repeat_count + dup.repeat_count;
    await updateAppeal(trx, target, { repeat_count: repeats, updated_at: now });
    await insertEvents(trx, [eventRow(into, now, 'repeat', whoLabel(actor), null, null, null, dup.tracking_no, false)]);
    let carrier = { ...target, repeat_count: repeats };
    if (repeats >= REPEAT_ESCALATION && !target.escalated_at)
      carrier = await step(ctx, trx, SYSTEM, 'escalate', carrier.id, { reason: `repeated:${repeats}` }, now, queued);
    return { merged: dup, into: carrier };
  });
}

/** The deadline job: escalates every open appeal past its sign-off or resolution deadline. */
export async function escalateOverdue(ctx: Ctx, who: Actor | 'cli' | 'system', now = nowIso()) {
  const asker = await admit(ctx, who, 'escalate');
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
        await step(ctx, trx, asker, 'escalate', a.id, { reason }, now);
        out.push({ trackingNo: a.tracking_no, reason });
      }
    });
  }
  return { at: now, escalated: out.length, items: out };
}
