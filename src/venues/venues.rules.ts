import type { ColourVerdict } from '../health-code/health-code.rules.ts';
import { negativeCovers } from '../testing/testing.rules.ts';

export const CATEGORIES = [
  'office',
  'public-institution',
  'public-place',
  'construction-site',
  'factory',
  'residential-compound',
  'mall-market',
  'care-home',
  'welfare-institution',
  'custody-facility',
  'medical-institution',
  'school',
  'exam-site',
  'transport-hub',
  'city-exit',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const VENUE_STATUSES = ['open', 'suspended', 'closed-loop'] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];

/**
 * Hours of negative certificate required at entry, by category and policy version (null = none).
 * Reference scenario (8–11 Nov 2022): 24 h for offices, public institutions and places, sites,
 * factories, compounds and leaving the city; malls, supermarkets and markets open with a scan.
 * Under the ten measures only care, welfare, medical institutions and schools check (48 h, unconfirmed).
 */
export function certificateHours(policyId: string, category: Category): number | null {
  if (policyId === 'cn-10-measures')
    return ['care-home', 'welfare-institution', 'medical-institution', 'school'].includes(category) ? 48 : null;
  if (category === 'mall-market' || category === 'medical-institution') return null;
  return 24;
}

export interface Verdict {
  verdict: 'allow' | 'deny';
  reasons: Array<{ code: string; 'zh-CN': string; en: string }>;
}

/**
 * The entrance rule (逢进必扫、逢扫必查): a suspended or closed-loop venue admits nobody; red is
 * refused; yellow only at medical institutions; green enters if the venue's certificate rule holds.
 */
export function verdictOf(
  venue: { category: Category; status: VenueStatus },
  colour: ColourVerdict,
  lastNegativeSampledAt: number | null,
  hours: number | null,
  now: number,
): Verdict {
  const reasons: Verdict['reasons'] = [];
  if (venue.status === 'suspended')
    reasons.push({ code: 'venue-suspended', 'zh-CN': '场所暂停开放', en: 'venue suspended' });
  if (venue.status === 'closed-loop')
    reasons.push({
      code: 'venue-closed-loop',
      'zh-CN': '场所实行封闭管理，谢绝外来人员',
      en: 'venue under closed-loop management',
    });
  if (colour.colour === 'red')
    reasons.push({
      code: 'colour-red',
      'zh-CN': `红码：${colour.reason['zh-CN']}`,
      en: `red code: ${colour.reason.en}`,
    });
  if (colour.colour === 'yellow' && venue.category !== 'medical-institution') {
    reasons.push({
      code: 'colour-yellow',
      'zh-CN': `黄码：${colour.reason['zh-CN']}，仅可就医`,
      en: `yellow code: ${colour.reason.en}; medical visits only`,
    });
  }
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
    if (!c || v.scans < minScans) continue;
    // The category without this venue, so that one big venue does not set its own yardstick.
    const rest = c.scans - v.scans;
    if (rest < minScans) continue;
    const p = (c.denied - v.denied) / rest;
    const se = Math.sqrt(Math.max(p * (1 - p), 1 / rest) / v.scans);
    const z = (v.denied / v.scans - p) / se;
    if (Math.abs(z) >= 3)
      out.push({ ...v, why: z > 0 ? 'many-denials' : 'few-denials', expectedRate: Number(p.toFixed(4)) });
  }
  return out.sort((a, b) => b.scans - a.scans);
}
