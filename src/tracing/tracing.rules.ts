import { MARK_KINDS, type MarkKind } from '../health-code/marks.rules.ts';

const H = 3600_000;
const DAY = 24 * H;
const TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:\d{2})?$/;

/** An instant from a form or sheet; without an offset it is Beijing time, without a time 00:00. */
export function parseTime(raw: string): number | null {
  const m = TIME.exec(raw.trim());
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? '+08:00'}`);
  return Number.isNaN(t) ? null : t;
}

// Sheets and forms come in either language.
const KIND_NAMES: Record<string, MarkKind> = {
  密接: 'close-contact',
  密切接触者: 'close-contact',
  次密接: 'secondary-contact',
  次密切接触者: 'secondary-contact',
  协查: 'trace-list',
  协查名单: 'trace-list',
  离开风险区: 'left-zone',
  离开中高风险区: 'left-zone',
  发热门诊: 'fever-clinic',
  来榕: 'arrival',
  来榕人员: 'arrival',
  抵榕: 'arrival',
};

/** A mark kind from its English id or Chinese name. */
export function kindOf(raw: string): MarkKind | null {
  const s = raw.trim();
  return (MARK_KINDS as readonly string[]).includes(s) ? (s as MarkKind) : (KIND_NAMES[s] ?? null);
}

/** The Beijing calendar day of an instant. */
export const beijingDay = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 10);

/**
 * The look-back window of a case (RULES.md, unconfirmed local practice): from 0:00 `lookBackDays` (the
 * version's `tracing.lookBackDays`, 4 in 2022) days before
 * symptom onset, or before the positive sampling date for an asymptomatic infection (also for a
 * confirmed case whose onset is not known), until the end of the report day or now if earlier.
 */
export function lookBack(
  c: { kind: string; reportedOn: string; onsetOn?: string | null; positiveSampledAt?: number | null },
  now: number,
  lookBackDays: number,
): { from: number; until: number; anchor: string; anchorKind: 'onset' | 'sampling' | 'report' } {
  const sampled = c.positiveSampledAt == null ? null : beijingDay(c.positiveSampledAt);
  const [anchor, anchorKind] =
    c.kind === 'confirmed' && c.onsetOn
      ? [c.onsetOn, 'onset' as const]
      : sampled
        ? [sampled, 'sampling' as const]
        : [c.reportedOn, 'report' as const];
  const from = Date.parse(`${anchor}T00:00:00+08:00`) - lookBackDays * DAY;
  const until = Math.min(Date.parse(`${c.reportedOn}T23:59:59.999+08:00`), now);
  return { from, until, anchor, anchorKind };
}

/** The Beijing days a window touches (scans are indexed by day). */
export function daysOf(from: number, until: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${beijingDay(from)}T00:00:00+08:00`); t <= until; t += DAY) out.push(beijingDay(t));
  return out;
}

/**
 * Who was at the same venue within ± `minutes` of one of the case's scans, each with their last
 * such moment (the trace list counts from the last contact). The case person is not their own contact.
 */
export function coPresent(
  caseScans: Array<{ venueId: number; at: number }>,
  nearby: Map<number, Array<{ personId: number | null; at: number }>>,
  casePerson: number,
  minutes: number,
): { contacts: Map<number, number>; unidentified: number } {
  const w = minutes * 60_000;
  const contacts = new Map<number, number>();
  const unidentified = new Set<string>();
  for (const s of caseScans)
    for (const o of nearby.get(s.venueId) ?? []) {
      if (Math.abs(o.at - s.at) > w || o.personId === casePerson) continue;
      if (o.personId === null) {
        unidentified.add(`${s.venueId}|${o.at}`);
        continue;
      }
      const last = contacts.get(o.personId);
      if (last === undefined || o.at > last) contacts.set(o.personId, o.at);
    }
  return { contacts, unidentified: unidentified.size };
}
