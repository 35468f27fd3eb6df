import { DIVISIONS as GEO } from '../geo/geo.data.ts';
import { readSheet } from '../platform/files/sheet.ts';

/** A reading as a grid company's sheet gives it, with its file row. */
export interface RawReading {
  row: number;
  date: string;
  account: string;
  creditCode: string;
  district: string;
  industry: string;
  kwh: string;
}

// Grid exports come with English or Chinese headers, and several spellings of each.
const COLUMNS: Record<string, keyof Omit<RawReading, 'row'>> = {
  date: 'date',
  day: 'date',
  日期: 'date',
  抄表日期: 'date',
  account_no: 'account',
  account: 'account',
  户号: 'account',
  用户编号: 'account',
  credit_code: 'creditCode',
  统一社会信用代码: 'creditCode',
  信用代码: 'creditCode',
  district: 'district',
  区县: 'district',
  所属区县: 'district',
  industry: 'industry',
  行业: 'industry',
  行业分类: 'industry',
  kwh: 'kwh',
  用电量: 'kwh',
  '用电量(千瓦时)': 'kwh',
  '用电量（千瓦时）': 'kwh',
  日用电量: 'kwh',
};

/** Reads a CSV/XLSX (UTF-8 or GBK) sheet of daily readings; a file-level problem refuses it whole. */
export async function readReadingSheet(buf: Buffer): Promise<RawReading[]> {
  const rows = await readSheet(buf, COLUMNS, ['date', 'account', 'district', 'industry', 'kwh']);
  // The sheet's records become readings in place (an optional column may be absent): no second copy of the file.
  for (const r of rows) {
    r.date ??= '';
    r.account ??= '';
    r.creditCode ??= '';
    r.district ??= '';
    r.industry ??= '';
    r.kwh ??= '';
  }
  return rows as RawReading[];
}

const DISTRICTS = GEO.filter((d) => d.level === 'district');
const DISTRICT_BY_NAME = new Map(DISTRICTS.map((d) => [d.name, d.code]));

/** A district cell: a code of the city or its name (长乐区 also by its old name 长乐市). */
export function districtOf(v: string): string | null {
  const s = v.trim();
  if (DISTRICTS.some((d) => d.code === s)) return s;
  return DISTRICT_BY_NAME.get(s) ?? DISTRICT_BY_NAME.get(s.replace(/市$/, '区')) ?? null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date cell (2022-11-06, 2022/11/6, 2022年11月6日, an XLSX date, an Excel serial) → YYYY-MM-DD or null. */
export function dayOfCell(v: string): string | null {
  let s = v.trim();
  if (/^\d{5}$/.test(s)) s = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86_400_000).toISOString().slice(0, 10);
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(?:日|T00:00:00(?:\.000)?Z)?$/);
  if (!m) return null;
  const day = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day ? null : day;
}
