import type { Segment } from './module.ts';

/** A piece of a drafted paragraph: plain text, or [metric, value, href] for a number that links. */
export type Part = string | [metric: string, value: number, href?: string];

/** Joins parts into segments, merging neighbouring plain text. */
export function segmentsOf(parts: Part[]): Segment[] {
  const out: Segment[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      const last = out[out.length - 1];
      if (last && !('metric' in last)) last.text += p;
      else out.push({ text: p });
    } else out.push({ text: String(p[1]), metric: p[0], value: p[1], ...(p[2] ? { href: p[2] } : {}) });
  }
  return out;
}

/** The plain text of segments. */
export function textOf(segments: Segment[]): string {
  return segments.map((s) => s.text).join('');
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2022-11-06` → `11月6日`. */
export const zhDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** `2022-11-06` → `6 November`. */
export const enDay = (d: string) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;

/** The English noun for a count. */
export const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
