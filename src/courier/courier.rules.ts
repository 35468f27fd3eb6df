/** The courier firms of the city; imports name them by code (or Chinese name). */
export const FIRMS = [
  { code: 'EMS', zh: '中国邮政速递物流', en: 'China Post EMS' },
  { code: 'SF', zh: '顺丰速运', en: 'SF Express' },
  { code: 'ZTO', zh: '中通快递', en: 'ZTO Express' },
  { code: 'YTO', zh: '圆通速递', en: 'YTO Express' },
  { code: 'STO', zh: '申通快递', en: 'STO Express' },
  { code: 'YUNDA', zh: '韵达快递', en: 'Yunda Express' },
  { code: 'JD', zh: '京东物流', en: 'JD Logistics' },
  { code: 'JT', zh: '极兔速递', en: 'J&T Express' },
  { code: 'DEPPON', zh: '德邦快递', en: 'Deppon Express' },
] as const;

export const OUTLET_STATUSES = ['open', 'closed-in-zone', 'suspended'] as const;
export type OutletStatus = (typeof OUTLET_STATUSES)[number];

export const DISINFECTION_KINDS = ['site', 'vehicle', 'batch'] as const;
export type DisinfectionKind = (typeof DISINFECTION_KINDS)[number];

export const POINT_KINDS = ['smart-locker', 'temporary-point'] as const;
export type PointKind = (typeof POINT_KINDS)[number];

/** The courier rules of a policy version; a version without them uses these (RULES.md defaults). */
export interface CourierRules {
  /** A worker on duty needs a negative sampled within this many hours. */
  workerTestHours: number;
  /** An international batch may be released this many hours after its disinfection. */
  internationalHoldHours: number;
}
export const DEFAULT_COURIER_RULES: CourierRules = { workerTestHours: 24, internationalHoldHours: 24 };

/** The Double 11 peak season the briefing averages over starts on 1 November of the day's year. */
export function peakFrom(date: string): string {
  return `${date.slice(0, 4)}-11-01`;
}

/** Firm code from a code or a Chinese/English name, or null. */
export function firmCodeOf(raw: string): string | null {
  const v = raw.trim();
  const f = FIRMS.find((x) => x.code === v.toUpperCase() || x.zh === v || x.en === v || x.zh.startsWith(v));
  return f?.code ?? null;
}

const STATUS_WORDS: Record<string, OutletStatus> = {
  open: 'open',
  营业: 'open',
  正常营业: 'open',
  'closed-in-zone': 'closed-in-zone',
  封控区暂停: 'closed-in-zone',
  封控停业: 'closed-in-zone',
  suspended: 'suspended',
  责令停业: 'suspended',
  暂停营业: 'suspended',
};

/** Outlet status from its code or the Chinese words registries use, or null. */
export function outletStatusOf(raw: string): OutletStatus | null {
  return STATUS_WORDS[raw.trim()] ?? STATUS_WORDS[raw.trim().toLowerCase()] ?? null;
}

/**
 * When a batch may leave the hold: `hours` after its disinfection, or null while it is not
 * disinfected (an undisinfected batch is never releasable).
 */
export function releasableAt(disinfectedAt: string | null, hours: number): string | null {
  if (!disinfectedAt) return null;
  return new Date(Date.parse(disinfectedAt) + hours * 3600_000).toISOString();
}

/**
 * Whether a worker is covered at `nowMs`: a negative sampled within `hours` before it. The sample
 * must not lie in the future of the check either (a record keyed for a later day does not count).
 */
export function workerTested(lastNegativeAt: string | null, nowMs: number, hours: number): boolean {
  if (!lastNegativeAt) return false;
  const t = Date.parse(lastNegativeAt);
  return t <= nowMs && nowMs - t <= hours * 3600_000;
}

/** Kilograms shown as tonnes (the briefing's unit), rounded to whole tonnes. */
export function tonnes(kg: number): number {
  return Math.round(kg / 1000);
}

/** A driver's name masked the house way: the family name, then stars. */
export function maskDriver(name: string): string {
  const n = name.trim();
  return n ? `${n.slice(0, 1)}${'*'.repeat(Math.max(1, n.length - 1))}` : '';
}
