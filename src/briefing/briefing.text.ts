import { BRIEFING_LANGS, type BriefingLang, type Segment } from '../platform/module.ts';
import { enDay, zhDay } from '../platform/text.ts';

export const LANGS = BRIEFING_LANGS;
export type { BriefingLang, Segment };

/** The city's name in each briefing language. */
export interface CityNames {
  zh: string;
  tw: string;
  en: string;
}

/** The briefing's title in one language. */
export function titleOf(date: string, lang: BriefingLang, city: CityNames): string {
  const y = date.slice(0, 4);
  if (lang === 'en') return `${city.en} outbreak briefing, ${enDay(date)} ${y}`;
  return lang === 'zh-CN'
    ? `${city.zh}疫情防控情况通报（${y}年${zhDay(date)}）`
    : `${city.tw}疫情防控情況通報（${y}年${zhDay(date)}）`;
}
