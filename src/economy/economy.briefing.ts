import type { BriefingSection } from '../platform/module.ts';
import { segmentsOf } from '../platform/text.ts';
import { flaggedShareOf, powerSentenceParts, wordingOf } from './economy.rules.ts';
import { settingsView } from './settings.service.ts';
import { citySeries, dayFlags } from './views.service.ts';

/**
 * Industrial electricity since the outbreak: the city's daily average (a link to the screen), its
 * trend against the baseline and the flagged areas and firms, the words chosen by rule
 * (wordingOf); nothing before the outbreak or without a baseline.
 */
export const economySection: BriefingSection = {
  id: 'economy',
  order: 60,
  async draft(ctx, date) {
    const { settings, window, firstLocalCase } = await settingsView(ctx);
    if (!window || !firstLocalCase || firstLocalCase > date) return null;
    const series = (await citySeries(ctx, firstLocalCase, date)).filter((s) => s.baseline !== null);
    const today = series.find((s) => s.day === date);
    if (!series.length || !today) return null;
    const avg = series.reduce((a, s) => a + s.kwh, 0) / series.length;
    const base = series.reduce((a, s) => a + (s.baseline as number), 0) / series.length;
    const flags = await dayFlags(ctx, date, '', true);
    const f = flaggedShareOf(
      today.baseline as number,
      flags.map((x) => ({ kind: x.kind, subject: x.subject, baseline: x.baseline, district: x.district })),
    );
    const parts = powerSentenceParts(
      avg,
      wordingOf(avg / base, f.share, f.areas, f.firms, settings),
      `/#/economy?date=${date}`,
    );
    return { 'zh-CN': segmentsOf(parts['zh-CN']), 'zh-TW': segmentsOf(parts['zh-TW']), en: segmentsOf(parts.en) };
  },
};
