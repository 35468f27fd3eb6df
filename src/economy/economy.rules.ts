import { addDays } from '../platform/dates.ts';
import type { Part } from '../platform/text.ts';

/** The bureau's thresholds and the command centre's baseline window. */
export interface PowerSettings {
  /** The window the baseline is taken over; null = the 28 days before the first local case. */
  baselineFrom: string | null;
  baselineTo: string | null;
  /** An account is flagged below this share of its baseline… */
  accountShare: number;
  /** …for this many days running. */
  accountDays: number;
  /** A district or industry is flagged below this share of its baseline on a day. */
  areaShare: number;
  /** A reading this many times the account's baseline is refused unless confirmed. */
  absurdFactor: number;
  /** The city is "flat" when within ± this share of its baseline. */
  flatBand: number;
  /** A drop is "明显" (marked) when the flagged share of the baseline reaches this. */
  markedShare: number;
}

export const DEFAULT_SETTINGS: PowerSettings = {
  baselineFrom: null,
  baselineTo: null,
  accountShare: 0.7,
  accountDays: 3,
  areaShare: 0.9,
  absurdFactor: 50,
  flatBand: 0.03,
  markedShare: 0.2,
};

/** Days of the default baseline window before the first local case. */
export const DEFAULT_WINDOW_DAYS = 28;

/** The weekday of a YYYY-MM-DD day, 0 = Sunday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The baseline window: the configured one, else the 28 days before the first local case, else none. */
export function windowOf(s: PowerSettings, firstLocalCase: string | null): { from: string; to: string } | null {
  if (s.baselineFrom && s.baselineTo) return { from: s.baselineFrom, to: s.baselineTo };
  if (!firstLocalCase) return null;
  return { from: addDays(firstLocalCase, -DEFAULT_WINDOW_DAYS), to: addDays(firstLocalCase, -1) };
}

/**
 * A baseline by weekday from daily values in the window: the mean of the days sharing each weekday,
 * so weekends compare with weekends. A weekday the window lacks takes the mean of all its days.
 */
export function weekdayBaseline(values: Array<{ wd: number; kwh: number }>): number[] | null {
  if (!values.length) return null;
  const sum = Array(7).fill(0) as number[];
  const n = Array(7).fill(0) as number[];
  for (const v of values) {
    sum[v.wd] = (sum[v.wd] as number) + v.kwh;
    n[v.wd] = (n[v.wd] as number) + 1;
  }
  const all = values.reduce((s, v) => s + v.kwh, 0) / values.length;
  return sum.map((s, wd) => ((n[wd] as number) ? s / (n[wd] as number) : all));
}

/** Whether a reading is absurd: above `factor` × the account's highest weekday baseline. */
export function isAbsurd(kwh: number, baseline: number[] | undefined, factor: number): boolean {
  if (!baseline) return false;
  const top = Math.max(...baseline);
  return top > 0 && kwh > factor * top;
}

/** One account's run below its baseline, ending on the day: the facts a flag states. */
export interface AccountRun {
  days: number;
  kwh: number;
  baseline: number;
  share: number;
}

/**
 * How many days running, ending on `day`, an account stayed below `share` of its weekday baseline.
 * A day without a reading ends the run: a missing figure is not a drop.
 */
export function runBelow(
  day: string,
  readings: Map<string, number>,
  baseline: number[],
  share: number,
  limit: number,
): AccountRun {
  const base = baseline[weekdayOf(day)] ?? 0;
  const kwh = readings.get(day) ?? Number.NaN;
  let days = 0;
  for (let d = day; days < limit; d = addDays(d, -1)) {
    const v = readings.get(d);
    const b = baseline[weekdayOf(d)] ?? 0;
    if (v === undefined || b <= 0 || v >= share * b) break;
    days++;
  }
  return { days, kwh, baseline: base, share: base > 0 ? kwh / base : 0 };
}

/** The briefing's words: the city against its baseline, and the flagged part, chosen by rule. */
export interface Wording {
  trend: 'flat' | 'up' | 'down';
  drop: 'none' | 'slight' | 'marked';
  who: 'areas-and-firms' | 'areas' | 'firms' | 'none';
}

/**
 * 持平 within ± flatBand of the baseline; the flagged areas' and firms' share of the city's baseline
 * decides 略有下降 (below markedShare) or 明显下降.
 */
export function wordingOf(
  ratio: number,
  flaggedShare: number,
  areas: number,
  firms: number,
  s: Pick<PowerSettings, 'flatBand' | 'markedShare'>,
): Wording {
  // A hair of float error must not turn an exact 3 % into a rise.
  const trend = Math.abs(ratio - 1) <= s.flatBand + 1e-9 ? 'flat' : ratio > 1 ? 'up' : 'down';
  const who = areas && firms ? 'areas-and-firms' : areas ? 'areas' : firms ? 'firms' : 'none';
  const drop = who === 'none' ? 'none' : flaggedShare >= s.markedShare ? 'marked' : 'slight';
  return { trend, drop, who };
}

/** The city's average rounded for speech: to the nearest million kWh (100 万千瓦时). */
export function roundedMillions(kwh: number): number {
  return Math.round(kwh / 1_000_000);
}

const TREND = {
  'zh-CN': { flat: '与疫情前基本持平', up: '较疫情前有所上升', down: '较疫情前有所下降' },
  'zh-TW': { flat: '與疫情前基本持平', up: '較疫情前有所上升', down: '較疫情前有所下降' },
  en: {
    flat: 'flat against before the outbreak',
    up: 'up on before the outbreak',
    down: 'down on before the outbreak',
  },
} as const;
const WHO = {
  'zh-CN': { 'areas-and-firms': '部分区域和企业', areas: '部分区域', firms: '部分企业', none: '' },
  'zh-TW': { 'areas-and-firms': '部分區域和企業', areas: '部分區域', firms: '部分企業', none: '' },
  en: { 'areas-and-firms': 'some areas and firms', areas: 'some areas', firms: 'some firms', none: '' },
} as const;
const DROP = {
  'zh-CN': { slight: '略有下降', marked: '明显下降', none: '' },
  'zh-TW': { slight: '略有下降', marked: '明顯下降', none: '' },
  en: { slight: 'slightly down', marked: 'markedly down', none: '' },
} as const;

/** The paragraph in three languages; `avg` links to the screen. */
export function powerSentenceParts(
  avgKwh: number,
  w: Wording,
  href?: string,
): Record<'zh-CN' | 'zh-TW' | 'en', Part[]> {
  const m = roundedMillions(avgKwh);
  const zh: Part = href ? ['industrialKwhDailyAvg', m * 100, href] : String(m * 100);
  const en: Part = href ? ['industrialKwhDailyAvg', m, href] : String(m);
  const tail = (lang: 'zh-CN' | 'zh-TW') => (w.drop === 'none' ? '。' : `，${WHO[lang][w.who]}${DROP[lang][w.drop]}。`);
  return {
    'zh-CN': ['疫情发生以来，全市日均工业用电量', zh, `万千瓦时左右，${TREND['zh-CN'][w.trend]}${tail('zh-CN')}`],
    'zh-TW': ['疫情發生以來，全市日均工業用電量', zh, `萬千瓦時左右，${TREND['zh-TW'][w.trend]}${tail('zh-TW')}`],
    en: [
      'Since the outbreak, industrial electricity consumption in the city has averaged about ',
      en,
      ` million kWh a day, ${TREND.en[w.trend]}${w.drop === 'none' ? '.' : `; ${WHO.en[w.who]} are ${DROP.en[w.drop]}.`}`,
    ],
  };
}

/** A kWh cell: digits with optional thousands separators and decimals; null when not a number. */
export function parseKwh(v: string): number | null {
  // Most cells are plain digits: the separators are only stripped when there are some.
  const t = v.trim();
  const s = t.includes(',') ? t.replace(/,/g, '') : t;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** A stored flag's facts, as the rule states them. */
export interface FlagFacts {
  kind: string;
  label: string;
  kwh: number;
  baseline: number;
  share: number;
  threshold: number;
  days: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const kwhText = (x: number) => Math.round(x).toLocaleString('en-US');

/** What a flag says: which rule and which numbers, in both languages. */
export function flagMessage(f: FlagFacts): { 'zh-CN': string; en: string } {
  if (f.kind === 'account')
    return {
      'zh-CN': `${f.label} 连续${f.days}天低于基线的${pct(f.threshold)}：当日 ${kwhText(f.kwh)} 千瓦时，基线 ${kwhText(f.baseline)} 千瓦时（${pct(f.share)}）`,
      en: `${f.label} below ${pct(f.threshold)} of its baseline for ${f.days} days running: ${kwhText(f.kwh)} kWh against ${kwhText(f.baseline)} kWh (${pct(f.share)})`,
    };
  return {
    'zh-CN': `${f.label} 当日低于基线的${pct(f.threshold)}：${kwhText(f.kwh)} 千瓦时，基线 ${kwhText(f.baseline)} 千瓦时（${pct(f.share)}）`,
    en: `${f.label} below ${pct(f.threshold)} of its baseline on the day: ${kwhText(f.kwh)} kWh against ${kwhText(f.baseline)} kWh (${pct(f.share)})`,
  };
}

/** The share of the city's baseline on a day held by flagged districts and by flagged accounts outside them. */
export function flaggedShareOf(
  cityBaseline: number,
  flags: Array<{ kind: string; subject: string; baseline: number; district: string | null }>,
): { share: number; areas: number; firms: number } {
  const areas = new Set(flags.filter((f) => f.kind === 'district').map((f) => f.subject));
  let held = 0;
  for (const f of flags) {
    if (f.kind === 'district') held += f.baseline;
    else if (f.kind === 'account' && !(f.district && areas.has(f.district))) held += f.baseline;
  }
  return {
    share: cityBaseline > 0 ? held / cityBaseline : 0,
    areas: areas.size,
    firms: flags.filter((f) => f.kind === 'account').length,
  };
}
