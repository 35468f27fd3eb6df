import { randomInt } from 'node:crypto';
import { nameOf } from '../geo/geo.service.ts';
import { maskName, maskPhone } from '../people/people.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { AppealErrors } from './appeals.errors.ts';
import { deliverQuietly, outboxRow } from './appeals.outbox.ts';
import {
  appealById,
  appealByIdemKey,
  countByPhoneSince,
  insertAppeals,
  insertEvents,
  listDeadlines,
  type NewAppeal,
  type StoredAppeal,
  upsertDeadline,
} from './appeals.repo.ts';
import {
  type Category,
  type Channel,
  type DeadlineRule,
  type DurationUnit,
  deadlineRuleFor,
  deadlinesOf,
  trackingNo,
  type Urgency,
} from './appeals.rules.ts';
import type { AppealInput, DeadlineInput } from './appeals.schema.ts';
import { eventRow, type Who, whoLabel } from './appeals.service.ts';
import { enterpriseByCode } from './enterprises.repo.ts';
import { creditCodeOrThrow } from './enterprises.service.ts';
import { insertOutbox } from './outbox.repo.ts';

const FLOOD_PER_HOUR = 5;

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
        eventRow(id, now, 'intake', whoLabel(who), null, 'received', null, `channel:${channel}`, true),
      ]);
      await insertOutbox(trx, [outboxRow(id, 'received', { tracking_no: no, unit: null, reply: null }, now)]);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: whoLabel(who),
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
