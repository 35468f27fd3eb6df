import { addDays } from '../platform/dates.ts';
import type { BriefingSection, Segment } from '../platform/module.ts';
import { zhDay } from '../platform/text.ts';
import { allEvents, sessionsOf } from './events.repo.ts';
import { eventSummary } from './events.service.ts';

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN_MONTH_DAY = (d: string) => `${Number(d.slice(8, 10))}`;

/** 22400 → 2.24 (万), as the briefing writes candidate counts. */
const wan = (n: number) => String(Math.round(n / 100) / 100);

/**
 * The exam sentence of the briefing (「11月5日至6日，全国成人高考在我市举行……」): an exam whose last
 * session fell on the day the figures cover or the day before; every number links to the exam screen.
 */
export const eventsSection: BriefingSection = {
  id: 'events',
  order: 40,
  async draft(ctx, date) {
    for (const e of await allEvents(ctx.db)) {
      if (e.kind !== 'exam') continue;
      const days = [...new Set((await sessionsOf(ctx.db, e.id)).map((s) => s.day))].sort();
      const first = days[0];
      const last = days.at(-1);
      if (!first || !last || last > date || last < addDays(date, -1)) continue;
      const s = await eventSummary(ctx, 'system', e.code);
      const href = `/#/events?code=${encodeURIComponent(e.code)}`;
      const n = (metric: string, value: number, text = String(value)): Segment => ({
        text,
        metric: `events.${metric}`,
        value,
        href: `${href}&metric=${metric}`,
      });
      const counties = s.newSitesByDistrict.length;
      const zhSpan = first === last ? zhDay(first) : `${zhDay(first)}至${Number(last.slice(8, 10))}日`;
      const enSpan =
        first === last ? `${EN_MONTH_DAY(first)} November` : `${EN_MONTH_DAY(first)}–${EN_MONTH_DAY(last)} November`;
      const zhCounty = ZH_DIGITS[counties] ?? String(counties);
      const zh = (tw: boolean): Segment[] => [
        { text: `${zhSpan}，${tw ? '全國成人高考在我市舉行，全市共設考場' : '全国成人高考在我市举行，全市共设考场'}` },
        n('rooms', s.rooms),
        { text: tw ? '個，考生' : '个，考生' },
        n('candidates', s.candidates, `${wan(s.candidates)}${tw ? '萬' : '万'}`),
        { text: tw ? '人，在' : '人，在' },
        n('newSiteCounties', counties, zhCounty),
        { text: tw ? '個縣新增考點' : '个县新增考点' },
        n('newSites', s.newSites),
        {
          text: tw
            ? '個。中風險區黃碼、綠碼考生及其他地區黃碼考生，經研判符合條件且本人自願參考的，可選擇點對點專車接送，經特殊通道進入隔離考場考試；為全體考生免費提供口罩和午餐。'
            : '个。中风险区黄码、绿码考生及其他地区黄码考生，经研判符合条件且本人自愿参考的，可选择点对点专车接送，经特殊通道进入隔离考场考试；为全体考生免费提供口罩和午餐。',
        },
      ];
      return {
        'zh-CN': zh(false),
        'zh-TW': zh(true),
        en: [
          { text: `On ${enSpan} the national adult college entrance exam was held in the city, with ` },
          n('rooms', s.rooms, s.rooms.toLocaleString('en')),
          { text: ' exam rooms and ' },
          n('candidates', s.candidates, s.candidates.toLocaleString('en')),
          { text: ' candidates; ' },
          n('newSites', s.newSites),
          { text: ' new exam sites were opened in ' },
          n(
            'newSiteCounties',
            counties,
            ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][counties] ??
              String(counties),
          ),
          {
            text: ' counties. Candidates from medium-risk zones with a yellow or green code, and yellow-code candidates elsewhere, who met the conditions and wished to sit could take a point-to-point shuttle, entered by a special lane and sat in isolation exam rooms; every candidate received masks and a free lunch.',
          },
        ],
      };
    }
    return null;
  },
};
