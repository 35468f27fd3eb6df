import type { Appeal, Detail } from '../api-types';
import { CHINA_TIME_ZONE } from '../common/dates';
import type { Label, MessageKey, T } from '../i18n';

/** A Beijing date-time in the UI language (appeals are timed in China Standard Time), or nothing. */
export const fmt = (iso: string | null, lang: string) =>
  iso
    ? new Intl.DateTimeFormat(lang, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
        timeZone: CHINA_TIME_ZONE,
      }).format(new Date(iso))
    : '';

/** A Beijing month, day and time (the year goes without saying in a queue), or nothing. */
export const fmtShort = (iso: string | null, lang: string) =>
  iso
    ? new Intl.DateTimeFormat(lang, {
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
        timeZone: CHINA_TIME_ZONE,
      }).format(new Date(iso))
    : '';

/** The whitelist tiers, in the order the screens list them. */
export const TIERS = ['national', 'provincial', 'city', 'leader'];

/**
 * The deadline an appeal is judged by now: while unsigned and past its sign-off deadline, that
 * missed deadline (its resolution deadline may still be days away); otherwise the resolution deadline.
 */
export function deadlineOf(a: Pick<Appeal, 'overdue' | 'signDueAt' | 'dueAt'>): { at: string; kind: 'sign' | 'reply' } {
  return a.overdue === 'sign-overdue' ? { at: a.signDueAt, kind: 'sign' } : { at: a.dueAt, kind: 'reply' };
}

type Event = Detail['timeline'][number];

/** A timeline note as words: codes the server records (channel:web, reply-overdue, repeated:3) are translated. */
export function noteText(e: Pick<Event, 'action' | 'note'>, t: T, label: Label): string {
  const n = e.note ?? '';
  if (!n) return '';
  const channel = /^channel:(\w+)$/.exec(n);
  if (channel) return t('appeals.via', { channel: label('appeals.channel', channel[1] as string) });
  if (n === 'sign-overdue' || n === 'reply-overdue') return t(`appeals.reason.${n}` as MessageKey);
  const repeated = /^repeated:(\d+)$/.exec(n);
  if (repeated) return t('appeals.reason.repeated', { n: repeated[1] as string });
  if (e.action === 'repeat' || e.action === 'merge') return t('appeals.sameAs', { no: n });
  return n;
}

/** Who did it: the system and the public submitter by name, staff by their account. */
export function actorText(actor: string, t: T): string {
  return actor === 'system' || actor === 'public' ? t(`appeals.actor.${actor}` as MessageKey) : actor;
}

/** One timeline line: what happened, the status it led to (if it changed), the unit, the note, who. */
export function eventLine(e: Event, t: T, label: Label): string {
  const parts = [label('appeals.action', e.action)];
  if (e.to && e.to !== e.from) parts[0] += ` → ${label('appeals.status', e.to)}`;
  return [...parts, e.unitName ?? '', noteText(e, t, label), actorText(e.actor, t)].filter(Boolean).join(' · ');
}
