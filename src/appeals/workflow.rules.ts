import type { Selectable } from 'kysely';
import type { Permission } from '../platform/auth/auth.rules.ts';
import { isUnit, OPEN_STATUSES, type Rating, type Status } from './appeals.rules.ts';
import type { AppealRow } from './appeals.tables.ts';

// The 12345 workflow as one table: each verb says once who may ask for it, which appeals the asker
// reaches, the statuses it moves between and what it writes. workflow.service.ts runs any of them
// the same way (lock, transition, check, write, timeline, message, audit).

export const ACTIONS = ['dispatch', 'sign', 'return', 'note', 'reply', 'rate', 'close', 'merge', 'escalate'] as const;
export type Action = (typeof ACTIONS)[number];

export interface AppealState {
  status: Status;
  escalated: boolean;
}

/** What each verb is told besides the appeal. */
export interface VerbParams {
  dispatch: { unit: string; note?: string };
  sign: Record<string, never>;
  return: { reason: string };
  note: { note: string };
  reply: { reply: string };
  rate: { rating: Rating; comment?: string };
  close: Record<string, never>;
  /** The appeal that carries the duplicate (read and locked before the duplicate). */
  merge: { into: { id: number; tracking_no: string } };
  escalate: { reason: string };
}

/** The messages to submitters, by kind (appeals.outbox.ts words them). */
export type MessageKind = 'received' | 'dispatched' | 'replied' | 'reopened' | 'closed' | 'merged';

/** What a verb writes besides the new status and the time of the change. */
export interface Effect {
  patch: Partial<Omit<AppealRow, 'id'>>;
  /** The timeline note. */
  note?: string | null;
  /** The unit on the timeline event; the appeal's unit after the change when absent. */
  unit?: string | null;
  /** Whether the submitter sees the event on the tracking page (yes when absent). */
  publicEvent?: boolean;
  message?: MessageKind;
  /** Audit detail beside the two statuses. */
  audit?: Record<string, unknown>;
}

/** Which appeals a signed-in asker reaches: those in their area, those their unit holds, or any. */
export type Reach = 'area' | 'unit' | 'any';

/** An appeal as read (and locked) in the verb's transaction. */
export type VerbAppeal = Omit<Selectable<AppealRow>, 'id'> & { id: number };

/** A problem with what the verb was told, as an error code and its message parameters. */
export type Problem = { code: string } & Record<string, unknown>;

export interface Verb<P> {
  zh: string;
  /** The English past participle, for messages ("cannot be signed off"). */
  en: string;
  /** What a signed-in asker needs; the system and the command line act without asking. */
  permission: Permission;
  /** The submitter may ask too (after proving the tracking number and phone digits). */
  public?: true;
  reach: Reach;
  from: readonly Status[];
  /** The status after the verb: fixed, unchanged ('same'), or read from the rating. */
  to: Status | 'same' | ((rating: Rating | undefined) => Status | null);
  /** Refused on an escalated appeal: escalation (督办) happens once. */
  once?: true;
  /** What is wrong with the parameters, checked after the asker's permission and before any appeal is read. */
  problem?: (p: P, districtName: (code: string) => string | undefined) => Problem | null;
  effect: (a: VerbAppeal, to: Status, p: P, now: string) => Effect;
}

export const VERBS: { [K in Action]: Verb<VerbParams[K]> } = {
  dispatch: {
    zh: '派单',
    en: 'dispatched',
    permission: 'appeals:dispatch',
    reach: 'area',
    from: ['received', 'dispatched'],
    to: 'dispatched',
    problem: (p, districtName) => (isUnit(p.unit, districtName) ? null : { code: 'APPEAL_UNIT_UNKNOWN', unit: p.unit }),
    effect: (a, _to, p, now) => ({
      // Re-dispatching a dispatched appeal waits for the new unit's sign-off.
      patch: { unit: p.unit, dispatched_at: now, signed_at: a.status === 'dispatched' ? null : a.signed_at },
      unit: p.unit,
      note: p.note ?? null,
      message: 'dispatched',
      audit: { unit: p.unit },
    }),
  },
  sign: {
    zh: '签收',
    en: 'signed off',
    permission: 'appeals:handle',
    reach: 'unit',
    from: ['dispatched'],
    to: 'signed',
    effect: (_a, _to, _p, now) => ({ patch: { signed_at: now } }),
  },
  return: {
    zh: '退回',
    en: 'returned',
    permission: 'appeals:handle',
    reach: 'unit',
    from: ['dispatched', 'signed'],
    to: 'received',
    effect: (a, _to, p) => ({
      patch: { unit: null, signed_at: null, dispatched_at: null },
      unit: a.unit,
      note: p.reason,
      publicEvent: false,
      audit: { unit: a.unit, reason: p.reason },
    }),
  },
  note: {
    zh: '填写进展',
    en: 'given a progress note',
    permission: 'appeals:handle',
    reach: 'unit',
    from: ['signed'],
    to: 'same',
    effect: (_a, _to, p) => ({ patch: {}, note: p.note, publicEvent: false }),
  },
  reply: {
    zh: '答复',
    en: 'replied to',
    permission: 'appeals:handle',
    reach: 'unit',
    from: ['signed'],
    to: 'replied',
    effect: (_a, _to, p, now) => ({ patch: { reply: p.reply, replied_at: now }, note: p.reply, message: 'replied' }),
  },
  rate: {
    zh: '评价',
    en: 'rated',
    permission: 'appeals:intake',
    public: true,
    reach: 'any',
    from: ['replied'],
    // An unsatisfied rating reopens the appeal to the same unit, which must answer again.
    to: (rating) => (rating ? (rating === 'unsatisfied' ? 'signed' : 'closed') : null),
    effect: (a, to, p, now) =>
      to === 'closed'
        ? {
            patch: { rating: p.rating, closed_at: now },
            note: p.comment ?? null,
            message: 'closed',
            audit: { rating: p.rating },
          }
        : {
            patch: { rating: p.rating, reopen_count: a.reopen_count + 1, replied_at: null, reply: null },
            note: p.comment ?? null,
            message: 'reopened',
            audit: { rating: p.rating, reopen: a.reopen_count + 1 },
          },
  },
  close: {
    zh: '办结',
    en: 'closed',
    permission: 'appeals:dispatch',
    reach: 'any',
    from: ['replied'],
    to: 'closed',
    effect: (_a, _to, _p, now) => ({ patch: { closed_at: now }, message: 'closed' }),
  },
  merge: {
    zh: '合并',
    en: 'merged',
    permission: 'appeals:dispatch',
    reach: 'area',
    from: ['received', 'dispatched', 'signed'],
    to: 'merged',
    effect: (_a, _to, p, now) => ({
      patch: { merged_into: p.into.id, closed_at: now },
      note: p.into.tracking_no,
      message: 'merged',
      audit: { into: p.into.tracking_no },
    }),
  },
  escalate: {
    zh: '督办',
    en: 'escalated',
    permission: 'appeals:dispatch',
    reach: 'any',
    from: OPEN_STATUSES,
    to: 'same',
    once: true,
    effect: (_a, _to, p, now) => ({
      patch: { escalated_at: now, escalation_reason: p.reason },
      note: p.reason,
      publicEvent: false,
      audit: { reason: p.reason },
    }),
  },
};

/**
 * The status after an action, or null when the action is out of order. A rating closes a replied
 * appeal, except an unsatisfied one, which reopens it to the same unit (status signed). Escalation
 * (督办) is a flag on any open appeal and leaves the status alone; it happens once.
 */
export function nextStatus(s: AppealState, action: Action, rating?: Rating): Status | null {
  const v = VERBS[action] as Verb<unknown>;
  if (!v.from.includes(s.status) || (v.once && s.escalated)) return null;
  if (typeof v.to === 'function') return v.to(rating);
  return v.to === 'same' ? s.status : v.to;
}

/** A matter raised this many times (the first submission and its merged repeats) is escalated. */
export const REPEAT_ESCALATION = 3;
