import { addDays } from '../platform/dates.ts';
import type { BriefingSection } from '../platform/module.ts';
import { segmentsOf } from '../platform/text.ts';
import { cityZoneCounts } from './zones.query.ts';
import { zoneSentenceParts } from './zones.rules.ts';

/**
 * The zones in force when the briefing is read ("目前": the morning after the day the figures
 * cover), each count a link to the zone list; nothing on a day the city has no zones at all.
 */
export const zonesSection: BriefingSection = {
  id: 'zones',
  order: 20,
  async draft(ctx, date) {
    const day = addDays(date, 1);
    const counts = await cityZoneCounts(ctx, day);
    if (counts.zones === 0) return null;
    const parts = zoneSentenceParts(
      counts,
      undefined,
      (level, status) => `/#/zones?date=${day}&level=${level}&status=${status}`,
    );
    return { 'zh-CN': segmentsOf(parts['zh-CN']), 'zh-TW': segmentsOf(parts['zh-TW']), en: segmentsOf(parts.en) };
  },
};
