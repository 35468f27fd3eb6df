import { divisionOf } from '../geo/geo.data.ts';
import { addDays } from '../platform/dates.ts';
import type { BriefingSection, SectionText } from '../platform/module.ts';
import { enDay, type Part, plural, segmentsOf, zhDay } from '../platform/text.ts';
import { campaignSamples } from './progress.repo.ts';
import { listCampaigns, type StoredCampaign } from './testing.repo.ts';

/** How far ahead a briefing announces a regional testing campaign. */
const ANNOUNCE_DAYS = 7;

// zh-TW names of the districts a campaign may name; a smaller area falls back to its zh-CN name.
const DISTRICTS_TW: Record<string, string> = {
  '350102': '鼓樓區',
  '350103': '台江區',
  '350104': '倉山區',
  '350105': '馬尾區',
  '350111': '晉安區',
  '350112': '長樂區',
  '350121': '閩侯縣',
  '350122': '連江縣',
  '350123': '羅源縣',
  '350124': '閩清縣',
  '350125': '永泰縣',
  '350128': '平潭縣',
  '350181': '福清市',
};

/** Days a campaign runs, which is its number of daily rounds. */
const roundsOf = (c: StoredCampaign) => (Date.parse(c.end_on) - Date.parse(c.start_on)) / 86_400_000 + 1;

/** The round a campaign holds on a day: one a day from its first. */
const roundOn = (c: StoredCampaign, date: string) => (Date.parse(date) - Date.parse(c.start_on)) / 86_400_000 + 1;

/** 「11月8日至11日」, the month said again only when it changes. */
function zhSpan(c: StoredCampaign): string {
  if (c.start_on === c.end_on) return zhDay(c.start_on);
  const end = c.start_on.slice(0, 7) === c.end_on.slice(0, 7) ? `${Number(c.end_on.slice(8, 10))}日` : zhDay(c.end_on);
  return `${zhDay(c.start_on)}至${end}`;
}

function areasOf(c: StoredCampaign): Array<{ zh: string; tw: string; en: string }> {
  const codes = (JSON.parse(c.areas) as Array<{ code: string }>).map((a) => a.code);
  return codes.map((code) => {
    const zh = divisionOf(code)?.name ?? code;
    return { zh, tw: DISTRICTS_TW[code] ?? zh, en: code };
  });
}

/** "4 districts" when every area is a district, else "3 areas of the city". */
function areaWords(c: StoredCampaign, n: number): string {
  const districts = (JSON.parse(c.areas) as Array<{ code: string }>).every((a) => a.code.length === 6);
  return districts
    ? plural(n, 'one district', `${n} districts`)
    : plural(n, 'one area of the city', `${n} areas of the city`);
}

/** The sentence announcing a campaign that starts within the week after the day the figures cover. */
function upcoming(c: StoredCampaign): SectionText {
  const areas = areasOf(c);
  const href = `/#/testing?campaign=${encodeURIComponent(c.code)}`;
  const rounds = roundsOf(c);
  const zh = (tw: boolean): Part[] => [
    `${zhSpan(c)}，在${areas.map((a) => (tw ? a.tw : a.zh)).join('、')}${tw ? '開展' : '开展'}`,
    ['testingRounds', rounds, href],
    tw ? '輪區域核酸檢測。' : '轮区域核酸检测。',
  ];
  const en: Part[] = [
    `From ${enDay(c.start_on)} to ${enDay(c.end_on)}, `,
    ['testingRounds', rounds, href],
    ` ${plural(rounds, 'round', 'rounds')} of regional testing will be held in ${areaWords(c, areas.length)}.`,
  ];
  return { 'zh-CN': segmentsOf(zh(false)), 'zh-TW': segmentsOf(zh(true)), en: segmentsOf(en) };
}

/** The sentence on a campaign under way on the day: rounds done and samples taken so far. */
function underWay(c: StoredCampaign, date: string, samples: number): SectionText {
  const href = `/#/testing?campaign=${encodeURIComponent(c.code)}`;
  const done = roundOn(c, date);
  const areas = areasOf(c);
  const zh = (tw: boolean): Part[] => [
    `${zhDay(c.start_on)}起在${areas.map((a) => (tw ? a.tw : a.zh)).join('、')}${tw ? '開展的區域核酸檢測，截至' : '开展的区域核酸检测，截至'}${zhDay(date)}已完成`,
    ['testingRoundsDone', done, href],
    tw ? '輪，累計採樣' : '轮，累计采样',
    ['testingSamples', samples, href],
    '人次。',
  ];
  const en: Part[] = [
    `The regional testing that began on ${enDay(c.start_on)} had completed `,
    ['testingRoundsDone', done, href],
    ` ${plural(done, 'round', 'rounds')} by ${enDay(date)}, with `,
    ['testingSamples', samples, href],
    ' samples taken.',
  ];
  return { 'zh-CN': segmentsOf(zh(false)), 'zh-TW': segmentsOf(zh(true)), en: segmentsOf(en) };
}

/**
 * Regional testing: a campaign under way on the day says how far it has come, one that starts in
 * the coming week is announced; nothing when neither.
 */
export const testingSection: BriefingSection = {
  id: 'testing',
  order: 30,
  async draft(ctx, date) {
    const all = await listCampaigns(ctx.db);
    const current = all.filter((c) => c.start_on <= date && date <= c.end_on);
    const next = all.filter((c) => c.start_on > date && c.start_on <= addDays(date, ANNOUNCE_DAYS));
    const parts: SectionText[] = [];
    for (const c of current.reverse())
      parts.push(underWay(c, date, await campaignSamples(ctx.db, c.id, roundOn(c, date))));
    for (const c of next.reverse()) parts.push(upcoming(c));
    if (parts.length === 0) return null;
    const join = (lang: keyof SectionText) =>
      parts.flatMap((p, i) => (i === 0 ? p[lang] : [{ text: ' ' }, ...p[lang]]));
    return { 'zh-CN': join('zh-CN'), 'zh-TW': join('zh-TW'), en: join('en') };
  },
};
