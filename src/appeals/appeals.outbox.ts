import { maskPhone } from '../people/people.rules.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { pendingOutbox, recordDelivery } from './appeals.repo.ts';

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
    const batch = await pendingOutbox(ctx.db.k, Math.min(limit - sent - failed, 200));
    if (batch.length === 0) break;
    for (const m of batch) {
      let r: { ok: boolean; detail: string };
      try {
        r = await current.send({ to: ctx.crypto.decrypt(m.phone_enc), body: m.body_zh, trackingNo: m.tracking_no });
      } catch (e) {
        r = { ok: false, detail: e instanceof Error ? e.message : String(e) };
      }
      await ctx.db.k.transaction().execute((trx) =>
        recordDelivery(trx, m.id, {
          at: nowIso(),
          sender: current.name,
          ok: r.ok,
          detail: r.detail.slice(0, 500),
          giveUp: m.attempts + 1 >= MAX_ATTEMPTS,
        }),
      );
      if (r.ok) sent++;
      else failed++;
    }
    if (sent + failed >= limit) break;
    // Failed messages stay pending for the next run; do not spin on them now.
    if (batch.every((m) => m.attempts > 0)) break;
  }
  return { sent, failed };
}
