import type { Insertable } from 'kysely';
import { maskPhone } from '../people/people.rules.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { unitLabel } from './appeals.service.ts';
import type { OutboxRow } from './appeals.tables.ts';
import { pendingOutbox, recordDelivery } from './outbox.repo.ts';
import type { MessageKind } from './workflow.rules.ts';

/** One message to a submitter. */
export interface OutgoingMessage {
  to: string;
  body: string;
  trackingNo: string;
}

/** A delivery channel (SMS gateway, WeChat template message …); all plug in behind this. */
export interface Sender {
  name: string;
  send(m: OutgoingMessage): Promise<{ ok: boolean; detail: string }>;
}

/** The default sender: records the delivery (masked recipient) without contacting anyone. */
export const loggingSender: Sender = {
  name: 'log',
  async send(m) {
    return { ok: true, detail: `logged for ${maskPhone(m.to)}` };
  },
};

let current: Sender = loggingSender;

/** Installs the sender the outbox delivers through (returns the previous one). */
export function setSender(s: Sender): Sender {
  const prev = current;
  current = s;
  return prev;
}

const MAX_ATTEMPTS = 5;

/** Delivers pending messages in id order; every attempt is logged, a message is given up after 5. */
export async function deliverOutbox(ctx: Ctx, limit = 200): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const size = Math.min(limit - sent - failed, 200);
    const batch = await pendingOutbox(ctx.db.k, size);
    if (batch.length === 0) break;
    for (const m of batch) {
      let r: { ok: boolean; detail: string };
      try {
        r = await current.send({ to: ctx.crypto.decrypt(m.phone_enc), body: m.body_zh, trackingNo: m.tracking_no });
      } catch (e) {
        r = { ok: false, detail: e instanceof Error ? e.message : String(e) };
      }
      await recordDelivery(ctx.db.k, ctx.db.dialect, m.id, {
        at: nowIso(),
        sender: current.name,
        ok: r.ok,
        detail: r.detail.slice(0, 500),
        giveUp: m.attempts + 1 >= MAX_ATTEMPTS,
      });
      if (r.ok) sent++;
      else failed++;
    }
    // A short batch was all that was pending: reading again would find nothing (a round trip a change).
    if (sent + failed >= limit || batch.length < size) break;
    // Failed messages stay pending for the next run; do not spin on them now.
    if (batch.every((m) => m.attempts > 0)) break;
  }
  return { sent, failed };
}

function message(kind: MessageKind, a: { tracking_no: string; unit: string | null; reply: string | null }) {
  const no = a.tracking_no;
  const zhUnit = unitLabel(a.unit) ?? '';
  const enUnit = unitLabel(a.unit, 'en') ?? '';
  const texts: Record<MessageKind, [string, string]> = {
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
  const [zh, en] = texts[kind];
  return { body_zh: zh, body_en: en };
}

/** The message of a kind to an appeal's submitter, worded in both languages, to queue with the change. */
export function outboxRow(
  appealId: number,
  kind: MessageKind,
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

/** Delivers after the change has committed; a failing sender never undoes the change. */
export async function deliverQuietly(ctx: Ctx): Promise<void> {
  try {
    await deliverOutbox(ctx, 50);
  } catch {
    // The outbox keeps the message pending; the next delivery run retries it.
  }
}
