import { readFileSync } from 'node:fs';
import { nowMs } from '../platform/clock.ts';

const AREAS = (
  JSON.parse(readFileSync(new URL('./data/gbt2260-areas.json', import.meta.url), 'utf8')) as {
    areas: Record<string, string>;
  }
).areas;

// IDs keep the code their holder was first registered under, so codes retired by later
// re-organisations stay valid. Extend this list as the city's records demand.
const RETIRED: Record<string, string> = { '350182': '长乐市（2017 年撤市设区，现 350112）' };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

export type IdProblem =
  | { code: 'PERSON_ID_FORMAT' }
  | { code: 'PERSON_ID_AREA_UNKNOWN'; area: string }
  | { code: 'PERSON_ID_BIRTH_DATE'; birthDate: string }
  | { code: 'PERSON_ID_CHECKSUM'; expected: string; got: string };

export interface IdFacts {
  idNumber: string;
  areaCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** The name of a GB/T 2260 area code (current or retired), or undefined. */
export function areaName(code: string): string | undefined {
  if (AREAS[code]) return AREAS[code];
  if (RETIRED[code]) return RETIRED[code];
  // Prefecture "urban districts" (xxxx01, 市辖区) appear on many older IDs.
  if (code.endsWith('01') && AREAS[code.slice(0, 4)]) return `${AREAS[code.slice(0, 4)]}市辖区`;
  return undefined;
}

/**
 * Validates a resident ID per GB 11643-1999 and says which part is wrong: the format, the area
 * code (GB/T 2260), the birth date (a real calendar date, not in the future) or the check character.
 */
export function parseResidentId(
  raw: string,
  today = new Date(nowMs()),
): { ok: true; facts: IdFacts } | { ok: false; problem: IdProblem } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: { code: 'PERSON_ID_FORMAT' } };
  const area = id.slice(0, 6);
  if (!areaName(area)) return { ok: false, problem: { code: 'PERSON_ID_AREA_UNKNOWN', area } };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const real = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!real || y < 1890 || birth.getTime() > today.getTime()) {
    return { ok: false, problem: { code: 'PERSON_ID_BIRTH_DATE', birthDate } };
  }
  const expected = checkCharOf(id.slice(0, 17));
  if (id[17] !== expected)
    return { ok: false, problem: { code: 'PERSON_ID_CHECKSUM', expected, got: id[17] as string } };
  return {
    ok: true,
    facts: { idNumber: id, areaCode: area, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number spelled by n decimal digits of s at `from` (already known to be digits). */
function digitsAt(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}
const knownAreas = new Map<string, boolean>();

/**
 * Whether `raw` is, exactly as written, a resident ID that parseResidentId accepts (bulk imports:
 * no objects or slices per valid ID). False means "ask parseResidentId", which names the problem
 * or accepts a form that needs trimming or upper-casing.
 */
export function isCleanResidentId(raw: string, todayMs: number): boolean {
  if (raw.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += d * (WEIGHTS[i] as number);
  }
  if (raw.charCodeAt(17) !== CHECK.charCodeAt(sum % 11)) return false;
  const y = digitsAt(raw, 6, 4);
  const m = digitsAt(raw, 10, 2);
  const d = digitsAt(raw, 12, 2);
  if (y < 1890 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : (DAYS[m - 1] as number)) || Date.UTC(y, m - 1, d) > todayMs) return false;
  const area = raw.slice(0, 6);
  let known = knownAreas.get(area);
  if (known === undefined) {
    known = areaName(area) !== undefined;
    if (knownAreas.size < 10_000) knownAreas.set(area, known);
  }
  return known;
}

/** 350102********1234: area code and last four only. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 张*, 欧阳** — the surname's first character only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 138****5678 for mobiles; other numbers keep only their last four. */
export function maskPhone(phone: string): string {
  const p = phone.replace(/\s|-/g, '');
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  return `${'*'.repeat(Math.max(0, p.length - 4))}${p.slice(-4)}`;
}

/** Normalises a phone to digits (and a leading +) or returns null if it cannot be one. */
export function normalisePhone(raw: string): string | null {
  const p = raw.replace(/[\s()-]/g, '');
  return /^\+?\d{7,15}$/.test(p) ? p : null;
}

/** Every current county-level code of the country (for synthetic birthplaces). */
export function countyCodes(): string[] {
  return Object.keys(AREAS).filter((c) => c.length === 6 && !c.endsWith('00'));
}
