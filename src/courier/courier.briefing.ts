import { CLI_READER } from '../platform/cli/context.cli.ts';
import type { Ctx } from '../platform/context.ts';
import type { BriefingSection, SectionText } from '../platform/module.ts';
import { type Part, segmentsOf } from '../platform/text.ts';
import { courierRulesOn } from './courier.access.ts';
import { peakFrom } from './courier.rules.ts';
import { openOutletsOn } from './history.repo.ts';
import { greenLaneTested } from './registry.repo.ts';
import { inspections, reliefTotals, volumes } from './supervision.service.ts';

/** The figures of the courier paragraph for a day (the briefing's day: figures up to it). */
export interface CourierFigures {
  date: string;
  peakFrom: string;
  since: string;
  collected: number;
  delivered: number;
  outlets: number;
  couriers: number;
  personTimes: number;
  inspected: number;
  rectified: number;
  summoned: number;
  trips: number;
  persons: number;
  tonnes: number;
  holdHours: number;
  /** Couriers tested through the green lane since the peak began (distinct persons, marked swabs). */
  greenLane: number;
}

/** Reads the paragraph's figures from the records, city-wide. */
export async function courierFigures(ctx: Ctx, date: string): Promise<CourierFigures> {
  const reader = { ...CLI_READER, role: 'postal-regulator' as const };
  const vol = await volumes(ctx, reader, { from: peakFrom(date), to: date });
  // The day's open outlets from their status history, not today's (zones sealed since close some).
  const outlets = await openOutletsOn(ctx.db, date, '3501');
  const insp = await inspections(ctx, reader, { to: date });
  const relief = await reliefTotals(ctx, reader, date);
  const rules = await courierRulesOn(ctx, date);
  const instant = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
  const nextDay = new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
  const greenLane = await greenLaneTested(ctx.db, instant(vol.from), nextDay);
  return {
    date,
    peakFrom: vol.from,
    since: insp.tallies.since,
    collected: vol.avgCollected,
    delivered: vol.avgDelivered,
    outlets: outlets.open,
    couriers: outlets.staff,
    personTimes: insp.tallies.personTimes,
    inspected: insp.tallies.outlets,
    rectified: insp.tallies.rectified,
    summoned: insp.tallies.summoned,
    trips: relief.trips,
    persons: relief.persons,
    tonnes: relief.tonnes,
    holdHours: rules.internationalHoldHours,
    greenLane,
  };
}

const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
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
const enDay = (d: string) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;
/** Ten-thousands, two decimals dropped to whole 万 (173万), and millions to two decimals (1.73 million). */
const wan = (n: number) => Math.round(n / 10_000);
const million = (n: number) => Math.round(n / 10_000) / 100;

/** The paragraph's parts in one language; every figure is a link to the courier screen's records. */
export function courierParts(f: CourierFigures, lang: 'zh-CN' | 'zh-TW' | 'en'): Part[] {
  const s = '/#/courier';
  const vol = `${s}?tab=volumes&from=${f.peakFrom}&to=${f.date}`;
  const insp = `${s}?tab=inspections&since=${f.since}&to=${f.date}`;
  const relief = `${s}?tab=relief&to=${f.date}`;
  const outlets = `${s}?tab=outlets&status=open`;
  const check = `${s}?tab=check`;
  const k = Math.floor(f.couriers / 10_000);
  if (lang === 'en')
    return [
      `Since the Double 11 peak began on ${enDay(f.peakFrom)}, the city's couriers have collected `,
      ['courierCollectedDailyMillions', million(f.collected), vol],
      ' million and delivered ',
      ['courierDeliveredDailyMillions', million(f.delivered), vol],
      ' million parcels a day on average; ',
      ['courierOutletsOpen', f.outlets, outlets],
      ` outlets are open and more than `,
      ['couriers', k * 10_000, outlets],
      ' front-line couriers are at work. Workers are tested daily; sites, vehicles and parcels are disinfected; international parcels are held at least ',
      ['courierHoldHours', f.holdHours, `${s}?tab=batches`],
      ' hours after disinfection; couriers have a green testing lane',
      // The sites' green-lane marks give the number once there are any up to the day.
      ...(f.greenLane > 0 ? ([' (', ['courierGreenLane', f.greenLane, check], ' tested through it)'] as Part[]) : []),
      ', and parcels for sealed zones go to smart lockers or temporary points. Since the outbreak, inspectors have made ',
      ['courierInspectorPersonTimes', f.personTimes, insp],
      ' visits (person-times) to ',
      ['courierOutletsInspected', f.inspected, insp],
      ' outlets; ',
      ['courierRectified', f.rectified, `${insp}&rectified=1`],
      ' were rectified on the spot and ',
      ['courierFirmsSummoned', f.summoned, `${insp}&summons=1`],
      ` firms summoned. Up to ${enDay(f.date)}, relief transport has made `,
      ['courierReliefTrips', f.trips, relief],
      ' vehicle-trips with ',
      ['courierReliefPersons', f.persons, relief],
      ' person-times, carrying ',
      ['courierReliefTonnes', f.tonnes, relief],
      ' tonnes of supplies.',
    ];
  const tw = lang === 'zh-TW';
  return [
    tw
      ? `${md(f.peakFrom)}「雙11」寄遞高峰以來，全市日均收寄快遞`
      : `${md(f.peakFrom)}“双11”寄递高峰以来，全市日均收寄快递`,
    ['courierCollectedDaily10k', wan(f.collected), vol],
    tw ? '萬件、投遞' : '万件、投递',
    ['courierDeliveredDaily10k', wan(f.delivered), vol],
    tw ? '萬件，' : '万件，',
    ['courierOutletsOpen', f.outlets, outlets],
    tw ? '個快遞網點正常營業，' : '个快递网点正常营业，',
    ['couriers10k', k, outlets],
    tw
      ? '萬餘名一線快遞小哥堅守崗位。落實從業人員每日核酸檢測，場所、車輛、郵件快件全面消殺，國際郵件消殺後靜置不少於'
      : '万余名一线快递小哥坚守岗位。落实从业人员每日核酸检测，场所、车辆、邮件快件全面消杀，国际邮件消杀后静置不少于',
    ['courierHoldHours', f.holdHours, `${s}?tab=batches`],
    tw ? '小時，為快遞小哥開設核酸檢測綠色通道，' : '小时，为快递小哥开设核酸检测绿色通道，',
    ...(f.greenLane > 0
      ? ([
          ['courierGreenLane', f.greenLane, check],
          tw ? '名快遞小哥經綠色通道檢測，' : '名快递小哥经绿色通道检测，',
        ] as Part[])
      : []),
    tw
      ? '封控區域通過智能快件箱、臨時投遞點投遞。疫情發生以來，累計出動檢查人員'
      : '封控区域通过智能快件箱、临时投递点投递。疫情发生以来，累计出动检查人员',
    ['courierInspectorPersonTimes', f.personTimes, insp],
    tw ? '人次，檢查網點' : '人次，检查网点',
    ['courierOutletsInspected', f.inspected, insp],
    tw ? '個，現場整改' : '个，现场整改',
    ['courierRectified', f.rectified, `${insp}&rectified=1`],
    tw ? '個，約談企業' : '个，约谈企业',
    ['courierFirmsSummoned', f.summoned, `${insp}&summons=1`],
    tw ? `家。截至${md(f.date)}，累計完成運輸保障` : `家。截至${md(f.date)}，累计完成运输保障`,
    ['courierReliefTrips', f.trips, relief],
    tw ? '車次、' : '车次、',
    ['courierReliefPersons', f.persons, relief],
    '人次、',
    ['courierReliefTonnes', f.tonnes, relief],
    tw ? '噸。' : '吨。',
  ];
}

/** The courier sector's paragraph; nothing on a day with no open outlet registered. */
export const courierSection: BriefingSection = {
  id: 'courier',
  order: 70,
  async draft(ctx, date): Promise<SectionText | null> {
    const f = await courierFigures(ctx, date);
    if (f.outlets === 0) return null;
    return {
      'zh-CN': segmentsOf(courierParts(f, 'zh-CN')),
      'zh-TW': segmentsOf(courierParts(f, 'zh-TW')),
      en: segmentsOf(courierParts(f, 'en')),
    };
  },
};
