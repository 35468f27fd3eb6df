import type { ColourVerdict } from '../health-code/health-code.rules.ts';
import type { EntranceRule, PolicyParams, VenueCategory } from '../policy/policy.schema.ts';
import { VENUE_CATEGORIES } from '../policy/policy.schema.ts';
import { negativeCovers } from '../testing/testing.rules.ts';

/** Venue categories: the policy version says what each checks at its door. */
export const CATEGORIES = VENUE_CATEGORIES;
export type Category = VenueCategory;
export const VENUE_STATUSES = ['open', 'suspended', 'closed-loop'] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];

/**
 * Kinds within a category, where a rule or a notice tells venues of one category apart: a city
 * exit's (the checkpoint screen and counts by rail, airport, highway, port) and a public place's
 * (a notice suspends the KTVs and internet cafés, not the parks). Registered with the venue, never
 * guessed from its name.
 */
export const VENUE_KINDS = {
  'city-exit': ['rail', 'airport', 'highway', 'port'],
  'public-place': ['ktv', 'internet-cafe', 'cinema', 'gym', 'bath-house'],
} as const satisfies Partial<Record<Category, readonly string[]>>;
export type ExitKind = (typeof VENUE_KINDS)['city-exit'][number];
export type PublicPlaceKind = (typeof VENUE_KINDS)['public-place'][number];

/** Whether a kind is one of its category's (no kind always is). */
export function kindFits(category: string, kind: string | null | undefined): boolean {
  if (kind == null) return true;
  const kinds: readonly string[] | undefined = (VENUE_KINDS as Record<string, readonly string[]>)[category];
  return kinds?.includes(kind) ?? false;
}

/**
 * What a venue of a category checks under a policy version (the version's `entrance` section), and
 * the rule's name for the verdict: `entrance.<category>`.
 */
export function entranceRuleOf(params: PolicyParams, category: Category): { rule: string; check: EntranceRule } {
  return { rule: `entrance.${category}`, check: params.entrance[category] };
}

export interface Verdict {
  verdict: 'allow' | 'deny';
  reasons: Array<{ code: string; 'zh-CN': string; en: string }>;
}

/**
 * The entrance rule (逢进必扫、逢扫必查): a suspended or closed-loop venue admits nobody; a colour
 * the category does not admit is refused (red everywhere, yellow outside medical institutions in
 * 2022); a resident of a zone whose level the category does not admit is refused; then the
 * certificate rule must hold. All of it comes from the policy version's `entrance` section.
 */
export function verdictOf(
  venue: { category: Category; status: VenueStatus; notice?: string | null },
  colour: ColourVerdict,
  lastNegativeSampledAt: number | null,
  check: EntranceRule,
  now: number,
  zoneLevel: string | null = null,
): Verdict {
  const reasons: Verdict['reasons'] = [];
  // Suspended by a notice, the refusal names it: the guard can show the resident the notice.
  if (venue.status === 'suspended')
    reasons.push({
      code: 'venue-suspended',
      'zh-CN': venue.notice ? `场所依${venue.notice}暂停开放` : '场所暂停开放',
      en: venue.notice ? `venue suspended by notice ${venue.notice}` : 'venue suspended',
    });
  if (venue.status === 'closed-loop')
    reasons.push({
      code: 'venue-closed-loop',
      'zh-CN': '场所实行封闭管理，谢绝外来人员',
      en: 'venue under closed-loop management',
    });
  const colourAdmitted = check.colours.includes(colour.colour);
  if (!colourAdmitted && colour.colour === 'red')
    reasons.push({
      code: 'colour-red',
      'zh-CN': `红码：${colour.reason['zh-CN']}`,
      en: `red code: ${colour.reason.en}`,
    });
  else if (!colourAdmitted && colour.colour === 'yellow') {
    reasons.push({
      code: 'colour-yellow',
      'zh-CN': `黄码：${colour.reason['zh-CN']}，仅可就医`,
      en: `yellow code: ${colour.reason.en}; medical visits only`,
    });
  } else if (!colourAdmitted)
    reasons.push({ code: 'colour-green', 'zh-CN': '本场所不接受绿码通行', en: 'green codes not admitted here' });
  // A zone's residents are refused by level only when their colour did not already refuse them.
  if (colourAdmitted && zoneLevel !== null && !(check.zoneLevels as string[]).includes(zoneLevel))
    reasons.push({
      code: `zone-${zoneLevel}`,
      'zh-CN': `${zoneLevel === 'high' ? '高' : zoneLevel === 'medium' ? '中' : '低'}风险区居民不得进入本场所`,
      en: `residents of ${zoneLevel}-risk zones may not enter here`,
    });
  const hours = check.certificateHours;
  if (hours !== null && !negativeCovers(lastNegativeSampledAt, now, hours)) {
    reasons.push({
      code: `no-negative-${hours}h`,
      'zh-CN': `无${hours}小时内核酸阴性证明`,
      en: `no negative test sampled within ${hours} h`,
    });
  }
  return { verdict: reasons.length ? 'deny' : 'allow', reasons };
}

/** A deny reason's zh-CN name (for exports; the reason codes are stable, hours vary by rule). */
export function reasonName(code: string): string {
  const hours = /^no-negative-(\d+)h$/.exec(code)?.[1];
  if (hours) return `无${hours}小时内核酸阴性证明`;
  return (
    {
      'venue-suspended': '场所暂停开放',
      'venue-closed-loop': '场所封闭管理',
      'colour-red': '红码',
      'colour-yellow': '黄码',
      'colour-green': '绿码不予通行',
      'zone-high': '高风险区居民',
      'zone-medium': '中风险区居民',
    }[code] ?? code
  );
}

/** A venue's day for the unusual-rate test. */
export interface VenueDay {
  category: string;
  status: string;
  scans: number;
  denied: number;
}

/**
 * Venues whose denial rate departs from their category's (the same certificate rule) by at least
 * three standard errors of a binomial proportion, with at least 10 scans: many denials hint at a
 * misconfigured scanner or a cluster of yellow codes; few where the category denies many hint at a
 * guard waving people through. Closed venues deny everyone by rule and are left out.
 */
export function unusualVenues<V extends VenueDay>(
  venues: V[],
  minScans = 10,
): Array<V & { why: 'many-denials' | 'few-denials'; expectedRate: number }> {
  const open = venues.filter((v) => v.status === 'open');
  const byCategory = new Map<string, { scans: number; denied: number }>();
  for (const v of open) {
    const c = byCategory.get(v.category) ?? { scans: 0, denied: 0 };
    c.scans += v.scans;
    c.denied += v.denied;
    byCategory.set(v.category, c);
  }
  const out: Array<V & { why: 'many-denials' | 'few-denials'; expectedRate: number }> = [];
  for (const v of open) {
    const c = byCategory.get(v.category);
    const u = c && unusualIn(v, c, minScans);
    if (u) out.push({ ...v, ...u });
  }
  return out.sort((a, b) => b.scans - a.scans);
}

/**
 * Whether an open venue's day is unusual against its category's totals (`category`, the venue's
 * own included) in its area, as unusualVenues decides it; null when it is not.
 */
export function unusualIn(
  v: { scans: number; denied: number },
  category: { scans: number; denied: number },
  minScans = 10,
): { why: 'many-denials' | 'few-denials'; expectedRate: number } | null {
  if (v.scans < minScans) return null;
  // The category without this venue, so that one big venue does not set its own yardstick.
  const rest = category.scans - v.scans;
  if (rest < minScans) return null;
  const p = (category.denied - v.denied) / rest;
  const se = Math.sqrt(Math.max(p * (1 - p), 1 / rest) / v.scans);
  const z = (v.denied / v.scans - p) / se;
  return Math.abs(z) >= 3 ? { why: z > 0 ? 'many-denials' : 'few-denials', expectedRate: Number(p.toFixed(4)) } : null;
}
