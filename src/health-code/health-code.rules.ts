import type { ColourParams, ColourRuleName, PolicyRef } from '../policy/policy.schema.ts';
import { type ActiveMark, markColour } from './marks.rules.ts';

export type Colour = 'green' | 'yellow' | 'red';

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

/** The colour rules of one policy version: its id and its `colours` section. */
export interface ColourVersion {
  id: string;
  colours: ColourParams;
}

/** A colour with the rule that produced it and the version that rule belongs to. */
export interface ColourVerdict {
  colour: Colour;
  /** `<rule set>:<rule>`, e.g. `fujian-2022-11:close-contact`. */
  rule: string;
  reason: { 'zh-CN': string; en: string };
  /** A notice the pass pops up (an arrival from outside the city), whatever the colour. */
  notice?: { 'zh-CN': string; en: string };
  /** The policy version whose rule decided, and the rule's name within it. */
  policy: PolicyRef;
}

const DAY = 86_400_000;
const endOfDay = (day: string) => Date.parse(`${day}T23:59:59+08:00`);
const SEVERITY = { green: 0, yellow: 1, red: 2 } as const;

/** What a rule gives before the version is attached. */
type Candidate = Omit<ColourVerdict, 'policy'>;

/**
 * Derives the health-code colour from the records under a policy version's colour rules: an
 * infection under treatment or observation is red and yellow for some days after discharge or
 * release; a positive single tube is red; a resident of a high zone is red and of a medium zone
 * yellow while the zone lasts; a member of a positive pool is yellow for some hours; a risk mark gives
 * its own colour (marks.rules.ts); everyone else is green. Only the rules the version lists apply;
 * the most severe wins, ties go to the rule listed first; an arrival's notice rides along.
 */
export function colourOf(i: ColourInputs, now: number, v: ColourVersion): ColourVerdict {
  const c = v.colours;
  // Most people on most days: nothing any rule reads is recorded, and the answer is the version's
  // default, built once (the rules below build closures and strings on each of the city's scans).
  if (!i.infection && i.positiveAt === null && i.positivePoolAt === null && !i.zone && !i.marks?.length)
    return defaultVerdict(v);
  let best: Candidate | null = null;
  let bestRank = 0;
  const consider = (name: ColourRuleName, cand: Candidate | null) => {
    if (!cand) return;
    const rank = c.order.indexOf(name);
    if (rank < 0) return;
    if (
      !best ||
      SEVERITY[cand.colour] > SEVERITY[best.colour] ||
      (SEVERITY[cand.colour] === SEVERITY[best.colour] && rank < bestRank)
    ) {
      best = cand;
      bestRank = rank;
    }
  };
  recordColours(i, now, c, consider);
  if (i.zone) zoneColour(i.zone, c, consider);
  let notice: ColourVerdict['notice'];
  for (const m of i.marks ?? []) {
    // A mark that begins after the moment judged has not happened yet (an arrival registered ahead,
    // or a demo whose records run past its clock): no colour, no notice, as a replay reads it.
    if (m.since > now || c.order.indexOf(m.kind) < 0) continue;
    const mv = markColour(m, i.negatives ?? [], now, c);
    if (!mv) continue;
    notice ??= mv.notice;
    consider(m.kind, mv);
  }
  const chosen: Candidate = best ?? {
    colour: 'green',
    rule: `${c.ruleSet}:default`,
    reason: { 'zh-CN': '无异常', en: 'no risk recorded' },
  };
  const name = chosen.rule.slice(chosen.rule.indexOf(':') + 1);
  const out: ColourVerdict = { ...chosen, policy: { id: v.id, rule: `colours.${name}` } };
  if (notice && !out.notice) out.notice = notice;
  return out;
}

type Consider = (name: ColourRuleName, cand: Candidate | null) => void;

const defaults = new WeakMap<ColourParams, ColourVerdict>();

/** The green of a version with nothing recorded: frozen, as every caller with such a person shares it. */
function defaultVerdict(v: ColourVersion): ColourVerdict {
  const known = defaults.get(v.colours);
  if (known?.policy.id === v.id) return known;
  const d: ColourVerdict = Object.freeze({
    colour: 'green',
    rule: `${v.colours.ruleSet}:default`,
    reason: Object.freeze({ 'zh-CN': '无异常', en: 'no risk recorded' }),
    policy: Object.freeze({ id: v.id, rule: 'colours.default' }),
  });
  defaults.set(v.colours, d);
  return d;
}

function zoneColour(z: { code: string; level: string }, c: ColourParams, consider: Consider): void {
  if (z.level === 'high')
    consider('high-zone-resident', {
      colour: 'red',
      rule: `${c.ruleSet}:high-zone-resident`,
      reason: { 'zh-CN': `高风险区${z.code}居民`, en: `resident of high-risk zone ${z.code}` },
    });
  if (z.level === 'medium')
    consider('medium-zone-resident', {
      colour: 'yellow',
      rule: `${c.ruleSet}:medium-zone-resident`,
      reason: { 'zh-CN': `中风险区${z.code}居民`, en: `resident of medium-risk zone ${z.code}` },
    });
}

function recordColours(i: ColourInputs, now: number, c: ColourParams, consider: Consider): void {
  const inf = i.infection;
  if (inf && !inf.diedOn) {
    const closed = inf.dischargedOn ?? inf.releasedOn;
    if (!closed)
      consider('infection', {
        colour: 'red',
        rule: `${c.ruleSet}:infection`,
        reason: { 'zh-CN': '感染者，治疗或医学观察中', en: 'infection under treatment or observation' },
      });
    else if (now <= endOfDay(closed) + c.recoveredYellowDays * DAY)
      consider('recovered-7d', {
        colour: 'yellow',
        rule: `${c.ruleSet}:recovered-7d`,
        reason: {
          'zh-CN': `${closed}出院或解除隔离后${c.recoveredYellowDays}天内`,
          en: `within ${c.recoveredYellowDays} days after discharge or release on ${closed}`,
        },
      });
  }
  if (i.positiveAt !== null && !inf)
    consider('positive-test', {
      colour: 'red',
      rule: `${c.ruleSet}:positive-test`,
      reason: { 'zh-CN': '单管核酸检测阳性', en: 'positive single-tube test' },
    });
  if (i.positivePoolAt !== null && now - i.positivePoolAt <= c.positivePoolHours * 3600_000)
    consider('positive-pool', {
      colour: 'yellow',
      rule: `${c.ruleSet}:positive-pool`,
      reason: {
        'zh-CN': `混采阳性待复核（${c.positivePoolHours}小时内）`,
        en: `member of a positive pool awaiting retest (${c.positivePoolHours} h)`,
      },
    });
}
