import { POOL_FLAG_HOURS } from '../testing/testing.rules.ts';
import { type ActiveMark, markColour } from './marks.rules.ts';

export type Colour = 'green' | 'yellow' | 'red';
/** The rule set colours are derived by (RULES.md, Fujian rules in use in Fuzhou, Nov 2022). */
export const COLOUR_RULES = 'fujian-2022-11';

/** What the colour of a person is derived from. */
export interface ColourInputs {
  /** The person's case, if any (latest). */
  infection: {
    kind: 'confirmed' | 'asymptomatic';
    reportedOn: string;
    dischargedOn: string | null;
    releasedOn: string | null;
    diedOn: string | null;
  } | null;
  positivePoolAt: number | null;
  positiveAt: number | null;
  /** The active high or medium zone the person lives in, if any. */
  zone?: { code: string; level: string } | null;
  /** The person's active risk marks (contacts, trace lists, leavers, fever clinic, arrivals). */
  marks?: ActiveMark[];
  /** Negative sampling times since the earliest mark began (loaded for marked persons only). */
  negatives?: number[];
}

/** A colour with the rule that produced it. */
export interface ColourVerdict {
  colour: Colour;
  rule: string;
  reason: { 'zh-CN': string; en: string };
  /** A notice the pass pops up (an arrival from outside the city), whatever the colour. */
  notice?: { 'zh-CN': string; en: string };
}

const DAY = 86_400_000;
const endOfDay = (day: string) => Date.parse(`${day}T23:59:59+08:00`);

/**
 * Derives the health-code colour from the records: an infection under treatment or observation is
 * red and yellow for 7 days after discharge or release; a positive single tube is red; a resident
 * of a high zone is red and of a medium zone yellow while the zone lasts; a member of a positive
 * pool is yellow for up to 12 hours; a risk mark gives its own colour (marks.rules.ts); everyone else
 * is green. The most severe rule that applies wins; an arrival's notice rides along with any verdict.
 */
export function colourOf(i: ColourInputs, now: number): ColourVerdict {
  const records = recordColour(i, now);
  let best = records;
  const zone = i.zone ? zoneColour(i.zone) : null;
  // Ties keep the earlier candidate: records before zones before marks.
  if (zone && SEVERITY[zone.colour] > SEVERITY[best.colour]) best = zone;
  if (!i.marks?.length) return best;
  let notice: ColourVerdict['notice'];
  let firstMark: ColourVerdict | null = null;
  for (const m of i.marks) {
    const v = markColour(m, i.negatives ?? [], now);
    if (!v) continue;
    firstMark ??= v;
    notice ??= v.notice;
    if (SEVERITY[v.colour] > SEVERITY[best.colour]) best = v;
  }
  // A plain green loses to any mark that still applies (an arrival's green carries its notice).
  if (best === records && records.rule === DEFAULT_RULE && firstMark) best = firstMark;
  return notice && !best.notice ? { ...best, notice } : best;
}

const SEVERITY = { green: 0, yellow: 1, red: 2 } as const;
const DEFAULT_RULE = `${COLOUR_RULES}:default`;

function zoneColour(z: { code: string; level: string }): ColourVerdict | null {
  if (z.level === 'high')
    return {
      colour: 'red',
      rule: `${COLOUR_RULES}:high-zone-resident`,
      reason: { 'zh-CN': `高风险区${z.code}居民`, en: `resident of high-risk zone ${z.code}` },
    };
  if (z.level === 'medium')
    return {
      colour: 'yellow',
      rule: `${COLOUR_RULES}:medium-zone-resident`,
      reason: { 'zh-CN': `中风险区${z.code}居民`, en: `resident of medium-risk zone ${z.code}` },
    };
  return null;
}

function recordColour(i: ColourInputs, now: number): ColourVerdict {
  const inf = i.infection;
  if (inf && !inf.diedOn) {
    const closed = inf.dischargedOn ?? inf.releasedOn;
    if (!closed)
      return {
        colour: 'red',
        rule: `${COLOUR_RULES}:infection`,
        reason: { 'zh-CN': '感染者，治疗或医学观察中', en: 'infection under treatment or observation' },
      };
    if (now <= endOfDay(closed) + 7 * DAY) {
      return {
        colour: 'yellow',
        rule: `${COLOUR_RULES}:recovered-7d`,
        reason: {
          'zh-CN': `${closed}出院或解除隔离后7天内`,
          en: `within 7 days after discharge or release on ${closed}`,
        },
      };
    }
  }
  if (i.positiveAt !== null && !inf)
    return {
      colour: 'red',
      rule: `${COLOUR_RULES}:positive-test`,
      reason: { 'zh-CN': '单管核酸检测阳性', en: 'positive single-tube test' },
    };
  if (i.positivePoolAt !== null && now - i.positivePoolAt <= POOL_FLAG_HOURS * 3600_000) {
    return {
      colour: 'yellow',
      rule: `${COLOUR_RULES}:positive-pool`,
      reason: { 'zh-CN': '混采阳性待复核（12小时内）', en: 'member of a positive pool awaiting retest (12 h)' },
    };
  }
  return { colour: 'green', rule: `${COLOUR_RULES}:default`, reason: { 'zh-CN': '无异常', en: 'no risk recorded' } };
}
