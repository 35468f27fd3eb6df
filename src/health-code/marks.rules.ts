import type { ColourParams } from '../policy/policy.schema.ts';

/**
 * The colour rules of RULES.md that need contact tracing: one risk mark (close contact, secondary
 * contact, trace list, left a zone, fever clinic, arrival) and the negative samples taken since it
 * began give a colour, or nothing once the mark is cleared.
 */

export const MARK_KINDS = [
  'close-contact',
  'secondary-contact',
  'trace-list',
  'left-zone',
  'fever-clinic',
  'arrival',
] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** A mark as the rules see it; `since` is the last contact, the leaving, the visit or the arrival. */
export interface ActiveMark {
  id: number;
  kind: MarkKind;
  since: number;
  indexCase: string | null;
  zone: string | null;
  origin: string | null;
}

/** A marked person's active marks and their negative sampling times since the earliest of them. */
export interface PersonMarks {
  marks: ActiveMark[];
  negatives: number[];
}

/** The negatives to judge with: the loaded ones plus the status index's latest, which may be newer. */
export function negativesOf(p: PersonMarks, latest: number | null | undefined): number[] {
  if (latest === null || latest === undefined || p.negatives.includes(latest)) return p.negatives;
  return [...p.negatives, latest];
}

/** A verdict from a mark: the colour, its rule, a reason naming the date, and a notice to pop up. */
export interface MarkVerdict {
  colour: 'green' | 'yellow' | 'red';
  rule: string;
  reason: { 'zh-CN': string; en: string };
  notice?: { 'zh-CN': string; en: string };
}

const H = 3600_000;
const DAY = 24 * H;
const beijingDate = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 10);
const beijingTime = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 16).replace('T', ' ');

/** Day N of a mark counts Beijing calendar days: the day it began is day 1. */
export function dayOfMark(since: number, now: number): number {
  return Math.round((Date.parse(beijingDate(now)) - Date.parse(beijingDate(since))) / DAY) + 1;
}

/** Whether two negatives sampled at least 24 h and at most 3 days apart exist (三天两检). */
export function twoNegativesInThreeDays(negatives: number[]): boolean {
  const n = [...negatives].sort((a, b) => a - b);
  for (let i = 0; i < n.length; i++)
    for (let j = i + 1; j < n.length; j++) {
      const gap = (n[j] as number) - (n[i] as number);
      if (gap > 3 * DAY) break;
      if (gap >= DAY) return true;
    }
  return false;
}

function who(m: ActiveMark): { zh: string; en: string } {
  if (!m.indexCase) return { zh: '', en: '' };
  return { zh: `（关联病例${m.indexCase}）`, en: ` (index case ${m.indexCase})` };
}

/**
 * The colour one mark gives at `now`, or null once it is cleared. `negatives` are the person's
 * negative sampling times; only those sampled at or after the mark began count (a certificate
 * counts from sampling).
 */
export function markColour(m: ActiveMark, negativesAll: number[], now: number, c: ColourParams): MarkVerdict | null {
  const negatives = negativesAll.filter((t) => t >= m.since && t <= now);
  const date = beijingDate(m.since);
  const at = beijingTime(m.since);
  const w = who(m);
  const rule = (r: string) => `${c.ruleSet}:${r}`;
  switch (m.kind) {
    case 'close-contact': {
      const day = dayOfMark(m.since, now);
      const { redDays, yellowUntilDay } = c.closeContact;
      if (day <= redDays)
        return {
          colour: 'red',
          rule: rule('close-contact'),
          reason: {
            'zh-CN': `密切接触者${w.zh}，末次接触${date}，第${day}天（第1–${redDays}天红码）`,
            en: `close contact${w.en}, last contact ${date}, day ${day} (red on days 1–${redDays})`,
          },
        };
      if (day <= yellowUntilDay || negatives.length === 0)
        return {
          colour: 'yellow',
          rule: rule('close-contact'),
          reason: {
            'zh-CN': `密切接触者${w.zh}，末次接触${date}，第${day}天（第${redDays + 1}–${yellowUntilDay}天黄码，第${yellowUntilDay}天后需核酸阴性）`,
            en: `close contact${w.en}, last contact ${date}, day ${day} (yellow on days ${redDays + 1}–${yellowUntilDay}; green after day ${yellowUntilDay} with a negative test)`,
          },
        };
      return null;
    }
    case 'secondary-contact':
    case 'left-zone': {
      const days = m.kind === 'secondary-contact' ? c.secondaryContactRedDays : c.leftZoneRedDays;
      if (now >= m.since + days * DAY && negatives.length > 0) return null;
      const reason =
        m.kind === 'secondary-contact'
          ? {
              'zh-CN': `次密切接触者${w.zh}，末次接触${at}（满${days}天且核酸阴性后转绿）`,
              en: `secondary contact${w.en}, last contact ${at} (green ${days} days after it with a negative test)`,
            }
          : {
              'zh-CN': `${at}离开中高风险区${m.zone ?? ''}（满${days}天且核酸阴性后转绿）`,
              en: `left high/medium-risk zone ${m.zone ?? ''} at ${at} (green ${days} days after leaving with a negative test)`,
            };
      return { colour: 'red', rule: rule(m.kind), reason };
    }
    case 'trace-list': {
      if (twoNegativesInThreeDays(negatives)) return null;
      if (now >= m.since + c.traceListDays * DAY && negatives.length > 0) return null;
      return {
        colour: 'yellow',
        rule: rule('trace-list'),
        reason: {
          'zh-CN': `阳性人员潜在接触者（协查名单）${w.zh}，接触时间${at}（3天内2次核酸阴性且间隔≥24小时，或满7天且核酸阴性后转绿）`,
          en: `potential contact of a positive (trace list)${w.en}, contact ${at} (green after 2 negatives ≥ 24 h apart within 3 days, or 7 days plus a negative)`,
        },
      };
    }
    case 'fever-clinic': {
      if (negatives.some((t) => beijingDate(t) === date) || twoNegativesInThreeDays(negatives)) return null;
      return {
        colour: 'yellow',
        rule: rule('fever-clinic'),
        reason: {
          'zh-CN': `${date}发热门诊就诊（当日核酸阴性后转绿）`,
          en: `fever-clinic visit on ${date} (green with a negative test sampled the same day)`,
        },
      };
    }
    case 'arrival': {
      if (twoNegativesInThreeDays(negatives)) return null;
      const from = m.origin ?? '';
      const notice = {
        'zh-CN': `您于${date}从${from || '市外'}抵榕，请落实“三天两检”（3天内2次核酸，间隔≥24小时）`,
        en: `You arrived from ${from || 'outside the city'} on ${date}: take 2 PCR tests within 3 days, at least 24 h apart`,
      };
      return {
        colour: 'green',
        rule: rule('arrival'),
        reason: {
          'zh-CN': `${date}从${from || '市外'}来榕人员（三天两检未完成）`,
          en: `arrived from ${from || 'outside the city'} on ${date} (2 tests in 3 days not yet done)`,
        },
        notice,
      };
    }
  }
}
