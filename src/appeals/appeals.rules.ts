import { areaName } from '../people/people.rules.ts';

// ---------------------------------------------------------------------------------------------
// Unified social credit code (GB 32100-2015)
// ---------------------------------------------------------------------------------------------

/** The 31 characters of the code set, in value order (I, O, Z, S, V are left out). */
export const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Registration authority (character 1) → the entity types (character 2) it registers. */
const AUTHORITIES: Record<string, string> = {
  '1': '1239', // 机构编制
  '2': '19', // 外交
  '3': '12345679', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政
  '6': '19', // 旅游
  '7': '19', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商（市场监管）
  A: '19', // 中央军委改革和编制办公室
  N: '12349', // 农业
  Y: '1', // 其他
};

/** The check character of the first 17 characters: 31 − (Σ value × weight mod 31), 31 → 0. */
export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  const c = 31 - (sum % 31);
  return CREDIT_CHARS[c === 31 ? 0 : c] as string;
}

export type CreditProblem =
  | { code: 'CREDIT_CODE_LENGTH'; length: number }
  | { code: 'CREDIT_CODE_CHARSET'; position: number; char: string }
  | { code: 'CREDIT_CODE_AUTHORITY'; char: string }
  | { code: 'CREDIT_CODE_ENTITY_TYPE'; char: string; authority: string }
  | { code: 'CREDIT_CODE_AREA'; area: string }
  | { code: 'CREDIT_CODE_CHECK'; expected: string; actual: string };

/** Validates a credit code and names the wrong part; lower case is accepted and upper-cased. */
export function checkCreditCode(raw: string): { ok: true; code: string } | { ok: false; problem: CreditProblem } {
  const code = raw.trim().toUpperCase();
  if ([...code].length !== 18) return { ok: false, problem: { code: 'CREDIT_CODE_LENGTH', length: [...code].length } };
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CHARS.includes(code[i] as string))
      return { ok: false, problem: { code: 'CREDIT_CODE_CHARSET', position: i + 1, char: code[i] as string } };
  }
  const authority = code[0] as string;
  const types = AUTHORITIES[authority];
  if (!types) return { ok: false, problem: { code: 'CREDIT_CODE_AUTHORITY', char: authority } };
  if (!types.includes(code[1] as string))
    return { ok: false, problem: { code: 'CREDIT_CODE_ENTITY_TYPE', char: code[1] as string, authority } };
  const area = code.slice(2, 8);
  // Registration areas are county, prefecture (xxxx00) or province (xx0000) codes; retired codes stay valid.
  const known =
    /^\d{6}$/.test(area) &&
    (!!areaName(area) ||
      (area.endsWith('00') && !!areaName(area.slice(0, 4))) ||
      (area.endsWith('0000') && !!areaName(area.slice(0, 2))));
  if (!known) return { ok: false, problem: { code: 'CREDIT_CODE_AREA', area } };
  const expected = creditCheckChar(code.slice(0, 17));
  if (expected !== code[17])
    return { ok: false, problem: { code: 'CREDIT_CODE_CHECK', expected, actual: code[17] as string } };
  return { ok: true, code };
}

/** Completes 17 characters with their check character (demo data and tests). */
export function withCheckChar(first17: string): string {
  return first17 + creditCheckChar(first17);
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const CHANNELS = ['web', 'mobile', 'hotline'] as const;
export type Channel = (typeof CHANNELS)[number];
export const SUBMITTERS = ['enterprise', 'resident'] as const;
export const URGENCIES = ['critical', 'urgent', 'normal', 'complex'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const CATEGORIES = [
  'production',
  'materials',
  'logistics',
  'staff',
  'permits',
  'finance',
  'health',
  'living',
  'enquiry',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const STATUSES = ['received', 'dispatched', 'signed', 'replied', 'closed', 'merged'] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ['received', 'dispatched', 'signed', 'replied'];
/** Status names in Chinese (the workflow verbs, their transitions and effects are in workflow.rules.ts). */
export const STATUS_ZH: Record<Status, string> = {
  received: '待分办',
  dispatched: '已派单待签收',
  signed: '办理中',
  replied: '已答复待评价',
  closed: '已办结',
  merged: '已合并',
};
export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const WHITELIST_TIERS = ['national', 'provincial', 'city', 'leader'] as const;
export const SIZES = ['large', 'medium', 'small', 'micro'] as const;

/** Responsible units: city bureaus, and each district government as `district:CODE`. */
export const BUREAUS = {
  industry: { zh: '市工业和信息化局', en: 'Industry and IT Bureau' },
  transport: { zh: '市交通运输局', en: 'Transport Bureau' },
  commerce: { zh: '市商务局', en: 'Commerce Bureau' },
  health: { zh: '市卫生健康委员会', en: 'Health Commission' },
  market: { zh: '市市场监督管理局', en: 'Market Regulation Administration' },
  hrss: { zh: '市人力资源和社会保障局', en: 'Human Resources and Social Security Bureau' },
  postal: { zh: '市邮政管理局', en: 'Postal Administration' },
} as const;
export type Bureau = keyof typeof BUREAUS;

/** Whether a unit code names a bureau or a district government of Fuzhou. */
export function isUnit(unit: string, districtName: (code: string) => string | undefined): boolean {
  if (unit in BUREAUS) return true;
  const m = /^district:(\d{6})$/.exec(unit);
  return !!m && m[1]?.startsWith('3501') === true && !!districtName(m[1] as string);
}

/** The display name of a unit. */
export function unitName(unit: string, districtName: (code: string) => string | undefined, lang: 'zh-CN' | 'en') {
  if (unit in BUREAUS) return BUREAUS[unit as Bureau][lang === 'en' ? 'en' : 'zh'];
  const code = unit.replace(/^district:/, '');
  const name = districtName(code) ?? code;
  return lang === 'en' ? `${name} district government` : `${name}人民政府`;
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

export type DurationUnit = 'hours' | 'days' | 'working-days';
export interface Duration {
  amount: number;
  unit: DurationUnit;
}
export interface DeadlineRule {
  urgency: Urgency;
  category: Category | '*';
  sign: Duration;
  resolve: Duration;
}

/**
 * Defaults from the 12345 norms (RULES.md): life or property at risk 2 h, utilities-like urgency
 * 24 h, general 7 days, complex 15 days, enquiries 3 working days. Sign-off: a local choice.
 */
export const DEFAULT_DEADLINES: DeadlineRule[] = [
  { urgency: 'critical', category: '*', sign: { amount: 0.5, unit: 'hours' }, resolve: { amount: 2, unit: 'hours' } },
  { urgency: 'urgent', category: '*', sign: { amount: 2, unit: 'hours' }, resolve: { amount: 24, unit: 'hours' } },
  { urgency: 'normal', category: '*', sign: { amount: 1, unit: 'working-days' }, resolve: { amount: 7, unit: 'days' } },
  {
    urgency: 'normal',
    category: 'enquiry',
    sign: { amount: 1, unit: 'working-days' },
    resolve: { amount: 3, unit: 'working-days' },
  },
  {
    urgency: 'complex',
    category: '*',
    sign: { amount: 1, unit: 'working-days' },
    resolve: { amount: 15, unit: 'days' },
  },
  {
    urgency: 'complex',
    category: 'enquiry',
    sign: { amount: 1, unit: 'working-days' },
    resolve: { amount: 3, unit: 'working-days' },
  },
];

/** The rule for an urgency and category: configured before defaults, exact category before '*'. */
export function deadlineRuleFor(urgency: Urgency, category: Category, configured: DeadlineRule[]): DeadlineRule {
  for (const list of [configured, DEFAULT_DEADLINES]) {
    const exact = list.find((r) => r.urgency === urgency && r.category === category);
    if (exact) return exact;
    const any = list.find((r) => r.urgency === urgency && r.category === '*');
    if (any) return any;
  }
  throw new Error(`no deadline for ${urgency}`);
}

const LOCAL_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai, no daylight saving

/** Whether the local (UTC+8) calendar day of an instant is a Saturday or Sunday. */
export function isWeekend(atMs: number): boolean {
  const d = new Date(atMs + LOCAL_OFFSET_MS).getUTCDay();
  return d === 0 || d === 6;
}

/**
 * Adds a duration to an instant. Working days step one local day at a time and skip Saturdays and
 * Sundays, keeping the time of day (Friday 10:00 + 1 working day = Monday 10:00; a submission on
 * a weekend counts from the next working day).
 */
export function addDuration(at: string, d: Duration): string {
  const t = Date.parse(at);
  if (d.unit === 'hours') return new Date(t + d.amount * 3600_000).toISOString();
  if (d.unit === 'days') return new Date(t + d.amount * 86_400_000).toISOString();
  let ms = t;
  let left = d.amount;
  while (left > 0) {
    ms += 86_400_000;
    if (!isWeekend(ms)) left--;
  }
  return new Date(ms).toISOString();
}

/** Sign-off and resolution deadlines of an appeal received at `at`. */
export function deadlinesOf(at: string, rule: DeadlineRule): { signDueAt: string; dueAt: string } {
  return { signDueAt: addDuration(at, rule.sign), dueAt: addDuration(at, rule.resolve) };
}

/** Why an open appeal is overdue at `now`, if it is. */
export function overdueReason(
  a: { status: Status; signedAt: string | null; signDueAt: string; dueAt: string },
  now: string,
): 'sign-overdue' | 'reply-overdue' | null {
  if (!['received', 'dispatched', 'signed'].includes(a.status)) return null;
  if (!a.signedAt && a.signDueAt < now) return 'sign-overdue';
  if (a.dueAt < now) return 'reply-overdue';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Whitelist daily reports
// ---------------------------------------------------------------------------------------------

export const PRODUCTION = ['normal', 'reduced', 'stopped'] as const;
export type Production = (typeof PRODUCTION)[number];
export interface StatusReport {
  production: Production;
  capacityPct: number;
  materialDays: number;
  logisticsBlocked: boolean;
  staffOnSite: number;
  staffClosedLoop: number;
}
export interface Trouble {
  appeal?: { category: Category; urgency: Urgency; reason: string };
  task?: { reason: string };
}

/**
 * What a daily report asks for: a stop, a raw-material stock under three days or blocked logistics
 * open an appeal (it needs a unit to act); reduced output under 60 % opens a liaison task (the
 * liaison calls and finds out). Reasons are zh-CN because they become the appeal's text.
 */
export function troubleOf(r: StatusReport): Trouble {
  const reasons: string[] = [];
  let category: Category | null = null;
  let urgency: Urgency = 'normal';
  if (r.production === 'stopped') {
    reasons.push('企业停产');
    category = 'production';
    urgency = 'urgent';
  }
  if (r.materialDays < 3) {
    reasons.push(`原材料仅够 ${r.materialDays} 天`);
    category ??= 'materials';
    if (r.materialDays < 1) urgency = 'urgent';
  }
  if (r.logisticsBlocked) {
    reasons.push('物流受阻');
    category ??= 'logistics';
  }
  const out: Trouble = {};
  if (category) out.appeal = { category, urgency, reason: reasons.join('；') };
  if (r.production !== 'normal' && (r.production === 'stopped' || r.capacityPct < 60))
    out.task = { reason: `${r.production === 'stopped' ? '停产' : `产能 ${r.capacityPct}%`}，请挂钩干部跟进` };
  return out;
}

/** Tracking numbers: SQ + local date + 6 characters of the credit-code alphabet (no look-alikes). */
export function trackingNo(at: string, random: () => number): string {
  const day = new Date(Date.parse(at) + LOCAL_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  let tail = '';
  for (let i = 0; i < 6; i++) tail += CREDIT_CHARS[10 + Math.floor(random() * 21)] ?? 'A';
  return `SQ${day}${tail}`;
}

/** The local (UTC+8) day of an instant. */
export function localDay(at: string): string {
  return new Date(Date.parse(at) + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}
