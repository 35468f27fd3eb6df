import type { Zone, ZoneLevel, ZoneUnit } from '../api-types';
import { hrefQuery } from '../common/router';
import { ZONE_UNITS } from '../domain';
import type { Lang, T } from '../i18n';

export const ZONE_PAGE_SIZE = 20;

/** Map and badge colours: high red, medium orange, low and lifted grey. */
export const LEVEL_COLORS: Record<ZoneLevel | 'lifted', string> = {
  high: '#d93025',
  medium: '#f29900',
  low: '#9aa0a6',
  lifted: '#9aa0a6',
};

/** What a zone's colour and badge show: its level, or lifted. */
export const zoneTone = (z: Pick<Zone, 'level' | 'status'>): ZoneLevel | 'lifted' =>
  z.status === 'lifted' ? 'lifted' : z.level;

/** `#/zones/detail?code=…&date=…[&policy=…]` (with `policy`, the page replays the zone's evaluation under it) */
export const zoneHref = (code: string, date?: string, policy?: string): string =>
  hrefQuery(['zones', 'detail'], { code, date, policy });

/** Policy names are stored as `中文名 / English name`: the part in the UI language (the whole name otherwise). */
export function policyName(name: string, lang: Lang): string {
  const parts = name.split(' / ');
  if (parts.length !== 2) return name;
  return (lang === 'zh-CN' ? parts[0] : parts[1])?.trim() || name;
}

/** A localized text from the API in the UI language (zh-CN → zh-CN, otherwise English). */
export function localized(text: Partial<Record<string, string>> | null | undefined, lang: Lang): string {
  if (!text) return '';
  return (lang === 'zh-CN' ? text['zh-CN'] : text.en) ?? text.en ?? text['zh-CN'] ?? '';
}

/** A zone's unit (building, compound…) in the UI language; one the web does not know yet as sent. */
export const unitLabel = (unit: string, t: T): string =>
  (ZONE_UNITS as readonly string[]).includes(unit) ? t(`zones.unit.${unit as ZoneUnit}`) : unit;
