import { addDays } from '../platform/dates.ts';
import type { Part } from '../platform/text.ts';
import type { LiftRule, Policy, ZoneLevel } from '../policy/policy.schema.ts';

/** The events of a zone that the rules read. */
export interface ZoneEventFacts {
  id: number;
  day: string;
  kind: 'designate' | 'downgrade' | 'upgrade' | 'lift' | 'infection' | 'round';
  toLevel: string | null;
  positives: number | null;
}

/** A zone's state at the end of a day, replayed from its events. */
export interface ZoneState {
  level: ZoneLevel;
  active: boolean;
  designatedOn: string;
  levelSince: string;
  cameDown: boolean;
  lastInfection: string | null;
  negativeRounds: string[];
}

const LEVEL_CHANGES = new Set(['designate', 'downgrade', 'upgrade', 'lift']);

/** A level-change notice with the instant it takes effect. */
export interface LevelChange {
  id: number;
  at: string;
  kind: string;
  toLevel: string | null;
}

/**
 * A zone's level at an instant from its notices, which may take effect later than they are
 * recorded (a lift announced at 17:00 for 18:00): undefined when it has no notices, null when none
 * is in force yet or the zone is lifted.
 */
export function levelAt(changes: LevelChange[], now: number): string | null | undefined {
  if (!changes.length) return undefined;
  let last: { t: number; id: number; c: LevelChange } | null = null;
  for (const c of changes) {
    const t = Date.parse(c.at);
    if (!LEVEL_CHANGES.has(c.kind) || t > now) continue;
    if (!last || t > last.t || (t === last.t && c.id > last.id)) last = { t, id: c.id, c };
  }
  return !last || last.c.kind === 'lift' ? null : last.c.toLevel;
}

/** Replays events (any order) up to and including `day`; null when the zone did not exist yet. */
export function stateAt(events: ZoneEventFacts[], day: string): ZoneState | null {
  const upTo = events
    .filter((e) => e.day <= day)
    .sort((a, b) => (a.day === b.day ? a.id - b.id : a.day < b.day ? -1 : 1));
  let s: ZoneState | null = null;
  for (const e of upTo) {
    if (e.kind === 'designate') {
      s = {
        level: e.toLevel as ZoneLevel,
        active: true,
        designatedOn: e.day,
        levelSince: e.day,
        cameDown: false,
        lastInfection: null,
        negativeRounds: [],
      };
      continue;
    }
    if (!s) continue;
    if (LEVEL_CHANGES.has(e.kind)) {
      s.cameDown = e.kind === 'downgrade';
      s.level = e.toLevel as ZoneLevel;
      s.levelSince = e.day;
      if (e.kind === 'lift') s.active = false;
    } else if (e.kind === 'infection') {
      s.lastInfection = s.lastInfection && s.lastInfection > e.day ? s.lastInfection : e.day;
    } else if (e.kind === 'round' && e.positives === 0) {
      s.negativeRounds.push(e.day);
    }
  }
  return s;
}

/** Whole days from `a` to `b` (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/** A recommendation for one zone on one day, naming the policy version and rule it applied. */
export interface Evaluation {
  level: ZoneLevel;
  policyId: string;
  action: 'downgrade' | 'lift' | 'none';
  to: ZoneLevel | null;
  eligible: boolean;
  rule: string | null;
  cleanDays: number;
  since: string;
  reason: { 'zh-CN': string; en: string };
}

const LEVEL_ZH: Record<ZoneLevel, string> = { high: '高风险区', medium: '中风险区', low: '低风险区' };

/** A policy version's name in one language: its name is written `中文 / English`. */
export function policyTitle(policy: Pick<Policy, 'id' | 'name'>, lang: 'zh-CN' | 'en'): string {
  const [zh, en] = policy.name.split(' / ');
  return (lang === 'en' ? en || zh : zh) || policy.id;
}

/** What the policy in force allows a zone to do on `day`, and why (or why not). */
export function evaluateZone(s: ZoneState, policy: Policy, day: string): Evaluation {
  const since = s.lastInfection && s.lastInfection > s.levelSince ? s.lastInfection : s.levelSince;
  const cleanDays = Math.max(0, daysBetween(since, day));
  const base = { level: s.level, policyId: policy.id, cleanDays, since };
  if (!s.active)
    return {
      ...base,
      action: 'none',
      to: null,
      eligible: false,
      rule: null,
      reason: { 'zh-CN': '已解除', en: 'already lifted' },
    };
  if (!policy.params.levels.includes(s.level)) {
    return {
      ...base,
      action: 'lift',
      to: 'low',
      eligible: true,
      rule: `${policy.id}:${s.level}-abolished`,
      reason: {
        'zh-CN': `《${policyTitle(policy, 'zh-CN')}》已不再设${LEVEL_ZH[s.level]}，可直接解除`,
        en: `${policyTitle(policy, 'en')} no longer has ${s.level} zones; lift`,
      },
    };
  }
  const rule: LiftRule | undefined = policy.params.lift[s.level as 'high' | 'medium'];
  if (!rule)
    return {
      ...base,
      action: 'none',
      to: null,
      eligible: false,
      rule: null,
      reason: { 'zh-CN': '本版本无解除规则', en: 'no lift rule in this version' },
    };
  const afterDowngrade = s.cameDown && rule.afterDowngrade;
  const need = afterDowngrade ? (rule.afterDowngrade?.cleanDays ?? rule.cleanDays) : rule.cleanDays;
  const finalRound = afterDowngrade ? (rule.afterDowngrade?.finalRound ?? rule.finalRound) : rule.finalRound;
  const ruleName = `${policy.id}:${s.level}->${rule.to}${afterDowngrade ? ' (after downgrade)' : ''}`;
  const action = rule.to === 'low' ? 'lift' : 'downgrade';
  const dayN = addDays(since, need);
  const blocked = (zh: string, en: string): Evaluation => ({
    ...base,
    action,
    to: rule.to,
    eligible: false,
    rule: ruleName,
    reason: { 'zh-CN': zh, en },
  });
  if (cleanDays < need)
    return blocked(
      `自${since}起${cleanDays}天无新增感染，需满${need}天`,
      `${cleanDays} clean days since ${since}; needs ${need}`,
    );
  const round = s.negativeRounds.find((r) => r >= dayN && r <= day);
  if (finalRound && !round) {
    return blocked(
      `第${need}天（${dayN}）起尚无全员阴性的区域核酸检测`,
      `no all-negative full round on or after day ${need} (${dayN})`,
    );
  }
  const roundZh = finalRound ? `，${round}全员核酸检测阴性` : '（不要求末轮检测）';
  const roundEn = finalRound ? `; full round on ${round} all negative` : ' (no final round required)';
  return {
    ...base,
    action,
    to: rule.to,
    eligible: true,
    rule: ruleName,
    reason: {
      'zh-CN': `自${since}起连续${cleanDays}天无新增感染${roundZh}`,
      en: `${cleanDays} clean days since ${since}${roundEn}`,
    },
  };
}

/** The zone counts of a day from every zone's level events: active by level and lifts so far. */
export function countZones(
  histories: ZoneEventFacts[][],
  day: string,
): { high: number; medium: number; liftedMedium: number; liftedHigh: number } {
  const out = { high: 0, medium: 0, liftedMedium: 0, liftedHigh: 0 };
  for (const events of histories) {
    const ordered = events
      .filter((e) => e.day <= day && LEVEL_CHANGES.has(e.kind))
      .sort((a, b) => (a.day === b.day ? a.id - b.id : a.day < b.day ? -1 : 1));
    let level: string | null = null;
    for (const e of ordered) {
      if (e.kind === 'lift') {
        if (level === 'medium') out.liftedMedium++;
        if (level === 'high') out.liftedHigh++;
      }
      level = e.kind === 'lift' ? null : e.toLevel;
    }
    if (level === 'high') out.high++;
    if (level === 'medium') out.medium++;
  }
  return out;
}

/** Zone counts as the briefing states them. */
export interface ZoneSentenceCounts {
  high: number;
  medium: number;
  liftedMedium: number;
}

/**
 * The briefing's zone sentence in three languages as parts: with `href`, each count is a number
 * that links to the zones it counts.
 */
export function zoneSentenceParts(
  c: ZoneSentenceCounts,
  area?: string,
  href?: (level: 'high' | 'medium', status: 'active' | 'lifted') => string,
): Record<'zh-CN' | 'zh-TW' | 'en', Part[]> {
  const where = area ?? '全市';
  const n = (metric: string, value: number, level: 'high' | 'medium', status: 'active' | 'lifted'): Part =>
    href ? [metric, value, href(level, status)] : String(value);
  const high = n('zonesHigh', c.high, 'high', 'active');
  const medium = n('zonesMedium', c.medium, 'medium', 'active');
  const lifted = n('zonesLiftedMedium', c.liftedMedium, 'medium', 'lifted');
  return {
    'zh-CN': [`目前，${where}划定高风险区`, high, '个，中风险区', medium, '个，共解除中风险区', lifted, '个。'],
    'zh-TW': [`目前，${where}劃定高風險區`, high, '個，中風險區', medium, '個，共解除中風險區', lifted, '個。'],
    en: [
      `${area ? `${area} currently has` : 'The city currently has'} `,
      high,
      ' high-risk and ',
      medium,
      ' medium-risk zones; ',
      lifted,
      ' medium-risk zones have been lifted so far.',
    ],
  };
}

/** The briefing's zone sentence in three languages. */
export function zoneSentence(c: ZoneSentenceCounts, area?: string): { 'zh-CN': string; 'zh-TW': string; en: string } {
  const parts = zoneSentenceParts(c, area);
  const text = (ps: Part[]) => ps.map((p) => (typeof p === 'string' ? p : String(p[1]))).join('');
  return { 'zh-CN': text(parts['zh-CN']), 'zh-TW': text(parts['zh-TW']), en: text(parts.en) };
}

/** Cadre ranks, lowest first; a task-force leader must be section level or above. */
export const RANKS = ['clerk', 'section', 'division', 'bureau'] as const;
export type Rank = (typeof RANKS)[number];
export const MIN_LEADER_RANK: Rank = 'section';

/** Whether a cadre of this rank may lead a task force. */
export function mayLead(rank: Rank): boolean {
  return RANKS.indexOf(rank) >= RANKS.indexOf(MIN_LEADER_RANK);
}

/** The seven working groups of a zone task force (national guidance, Nov 2022). */
export const WORKING_GROUPS = [
  'coordination',
  'health-monitoring',
  'medical',
  'disinfection',
  'transfer',
  'logistics',
  'security',
] as const;
export type WorkingGroup = (typeof WORKING_GROUPS)[number];

/** A level change the evaluation recommended and a simulation applied. */
export interface AppliedTransition {
  day: string;
  action: 'downgrade' | 'lift';
  from: ZoneLevel;
  to: ZoneLevel;
  evaluation: Evaluation;
}

/**
 * Follows the recommendations day by day, as officials who always act on them would: used to
 * replay a zone under a policy and to write the demo's history.
 */
export function followRecommendations(
  events: ZoneEventFacts[],
  policyFor: (day: string) => Policy,
  from: string,
  to: string,
): AppliedTransition[] {
  const work = [...events];
  const applied: AppliedTransition[] = [];
  let nextId = Math.max(0, ...work.map((e) => e.id)) + 1;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const s = stateAt(work, day);
    if (!s?.active) continue;
    const ev = evaluateZone(s, policyFor(day), day);
    if (!ev.eligible || ev.action === 'none' || !ev.to) continue;
    applied.push({ day, action: ev.action, from: s.level, to: ev.to, evaluation: ev });
    work.push({ id: nextId++, day, kind: ev.action, toLevel: ev.to, positives: null });
  }
  return applied;
}
