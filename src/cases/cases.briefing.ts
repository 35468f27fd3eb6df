import type { BriefingLang, BriefingSection, Segment } from '../platform/module.ts';
import { enDay, type Part, plural, segmentsOf, zhDay } from '../platform/text.ts';
import { cityFigures } from './cases.figures.ts';
import { recordsHref } from './cases.rules.ts';
import type { Figures } from './cases.schema.ts';

/** What the figures paragraph is written from. */
export interface FiguresInput {
  date: string;
  city: { zh: string; tw: string; en: string };
  figures: Figures;
  previous: Figures;
}

/** The city as the briefing names it. */
export const CITY_NAMES: FiguresInput['city'] = { zh: '福州市', tw: '福州市', en: 'Fuzhou' };

/** Day-over-day change of one figure, in words; null when unchanged. */
function change(
  lang: BriefingLang,
  label: { zh: string; tw: string; en: string },
  now: number,
  before: number,
): string | null {
  const d = now - before;
  if (d === 0) return null;
  if (lang === 'en') return `${label.en} ${d > 0 ? 'rose' : 'fell'} by ${Math.abs(d)}`;
  const word = lang === 'zh-CN' ? (d > 0 ? '增加' : '减少') : d > 0 ? '增加' : '減少';
  return `${lang === 'zh-CN' ? label.zh : label.tw}${word}${Math.abs(d)}例`;
}

function zh(i: FiguresInput, tw: boolean): Segment[] {
  const f = i.figures;
  const t = (cn: string, hant: string) => (tw ? hant : cn);
  const day = zhDay(i.date);
  const p: Part[] = [
    `${day}，${tw ? i.city.tw : i.city.zh}${t('新增本土确诊病例', '新增本土確診病例')}`,
    ['newLocalConfirmed', f.newLocalConfirmed],
    `例，${t('新增本土无症状感染者', '新增本土無症狀感染者')}`,
    ['newLocalAsymptomatic', f.newLocalAsymptomatic],
    `例，${t('治愈出院本土确诊病例', '治癒出院本土確診病例')}`,
    ['localDischarged', f.localDischarged],
    `例，${t('解除隔离本土无症状感染者', '解除隔離本土無症狀感染者')}`,
    ['localReleased', f.localReleased],
    '例。',
  ];
  if (f.newLocalConfirmedReclassified > 0) {
    p.push(
      t('新增本土确诊病例中，', '新增本土確診病例中，'),
      ['newLocalConfirmedReclassified', f.newLocalConfirmedReclassified],
      t('例为无症状感染者转确诊。', '例為無症狀感染者轉確診。'),
    );
  }
  if (f.foundInQuarantine + f.foundInCommunity > 0) {
    p.push(
      t('当日新报告的本土感染者中，', '當日新報告的本土感染者中，'),
      ['foundInQuarantine', f.foundInQuarantine],
      t('例在隔离管控中发现，', '例在隔離管控中發現，'),
    );
    p.push(['foundInCommunity', f.foundInCommunity], t('例在社会面发现。', '例在社會面發現。'));
  }
  if (f.newImportedConfirmed + f.newImportedAsymptomatic > 0) {
    p.push(
      t('新增境外输入确诊病例', '新增境外輸入確診病例'),
      ['newImportedConfirmed', f.newImportedConfirmed],
      t('例、无症状感染者', '例、無症狀感染者'),
    );
    p.push(['newImportedAsymptomatic', f.newImportedAsymptomatic], '例。');
  }
  if (f.deaths > 0) p.push(t('新增死亡病例', '新增死亡病例'), ['deaths', f.deaths], '例。');
  const changes = [
    change(
      tw ? 'zh-TW' : 'zh-CN',
      { zh: '新增本土确诊病例', tw: '新增本土確診病例', en: '' },
      f.newLocalConfirmed,
      i.previous.newLocalConfirmed,
    ),
    change(
      tw ? 'zh-TW' : 'zh-CN',
      { zh: '新增本土无症状感染者', tw: '新增本土無症狀感染者', en: '' },
      f.newLocalAsymptomatic,
      i.previous.newLocalAsymptomatic,
    ),
  ].filter(Boolean);
  if (changes.length) p.push(`${t('与前一日相比，', '與前一日相比，')}${changes.join('，')}。`);
  p.push(`\n\n${t(`截至${day}24时，全市现有确诊病例`, `截至${day}24時，全市現有確診病例`)}`, [
    'hospitalised',
    f.hospitalised,
  ]);
  p.push(
    t('例（住院治疗），现有无症状感染者', '例（住院治療），現有無症狀感染者'),
    ['underObservation', f.underObservation],
    t('例（医学观察）。', '例（醫學觀察）。'),
  );
  const c = f.cumulative;
  p.push(
    t('累计报告本土确诊病例', '累計報告本土確診病例'),
    ['cumulativeLocalConfirmed', c.localConfirmed],
    t('例、本土无症状感染者', '例、本土無症狀感染者'),
  );
  p.push(['cumulativeLocalAsymptomatic', c.localAsymptomatic], t('例，累计治愈出院', '例，累計治癒出院'), [
    'cumulativeDischarged',
    c.discharged,
  ]);
  p.push(t('例、解除隔离', '例、解除隔離'), ['cumulativeReleased', c.released], '例。');
  return segmentsOf(p);
}

function en(i: FiguresInput): Segment[] {
  const f = i.figures;
  const p: Part[] = [
    `On ${enDay(i.date)}, ${i.city.en} reported `,
    ['newLocalConfirmed', f.newLocalConfirmed],
    ` new local ${plural(f.newLocalConfirmed, 'confirmed case', 'confirmed cases')} and `,
    ['newLocalAsymptomatic', f.newLocalAsymptomatic],
    ` new local ${plural(f.newLocalAsymptomatic, 'asymptomatic infection', 'asymptomatic infections')}; `,
    ['localDischarged', f.localDischarged],
    ` local confirmed ${plural(f.localDischarged, 'case was', 'cases were')} discharged from hospital after recovery and `,
    ['localReleased', f.localReleased],
    ` local asymptomatic ${plural(f.localReleased, 'infection was', 'infections were')} released from medical observation.`,
  ];
  if (f.newLocalConfirmedReclassified > 0) {
    p.push(' Of the new confirmed cases, ', ['newLocalConfirmedReclassified', f.newLocalConfirmedReclassified]);
    p.push(
      ` ${plural(f.newLocalConfirmedReclassified, 'was an asymptomatic infection', 'were asymptomatic infections')} reclassified as confirmed.`,
    );
  }
  if (f.foundInQuarantine + f.foundInCommunity > 0) {
    p.push(
      ' Of the newly reported local infections, ',
      ['foundInQuarantine', f.foundInQuarantine],
      ' were found among people already in quarantine or under control and ',
    );
    p.push(['foundInCommunity', f.foundInCommunity], ' in the community.');
  }
  if (f.newImportedConfirmed + f.newImportedAsymptomatic > 0) {
    p.push(
      ' Imported: ',
      ['newImportedConfirmed', f.newImportedConfirmed],
      ' confirmed and ',
      ['newImportedAsymptomatic', f.newImportedAsymptomatic],
      ' asymptomatic.',
    );
  }
  if (f.deaths > 0) p.push(' Deaths: ', ['deaths', f.deaths], '.');
  const changes = [
    change(
      'en',
      { zh: '', tw: '', en: 'new local confirmed cases' },
      f.newLocalConfirmed,
      i.previous.newLocalConfirmed,
    ),
    change(
      'en',
      { zh: '', tw: '', en: 'new local asymptomatic infections' },
      f.newLocalAsymptomatic,
      i.previous.newLocalAsymptomatic,
    ),
  ].filter(Boolean);
  if (changes.length) p.push(` Compared with the previous day, ${changes.join(' and ')}.`);
  p.push(
    `\n\nAs of midnight on ${enDay(i.date)}, `,
    ['hospitalised', f.hospitalised],
    ` confirmed ${plural(f.hospitalised, 'case was', 'cases were')} in hospital and `,
  );
  p.push(
    ['underObservation', f.underObservation],
    ` asymptomatic ${plural(f.underObservation, 'infection was', 'infections were')} under medical observation.`,
  );
  const c = f.cumulative;
  p.push(' In total, ', ['cumulativeLocalConfirmed', c.localConfirmed], ' local confirmed cases and ', [
    'cumulativeLocalAsymptomatic',
    c.localAsymptomatic,
  ]);
  p.push(
    ' local asymptomatic infections have been reported; ',
    ['cumulativeDischarged', c.discharged],
    ' have been discharged and ',
    ['cumulativeReleased', c.released],
    ' released.',
  );
  return segmentsOf(p);
}

/** Drafts the briefing's case-figures paragraph in one language. */
export function figuresSegments(i: FiguresInput, lang: BriefingLang): Segment[] {
  return lang === 'en' ? en(i) : zh(i, lang === 'zh-TW');
}

/** The briefing's opening: the day's case figures and the totals, every number a link to its records. */
export const casesSection: BriefingSection = {
  id: 'cases',
  order: 10,
  async draft(ctx, date) {
    const { figures, previous } = await cityFigures(ctx, date);
    const input = { date, city: CITY_NAMES, figures, previous };
    const linked = (lang: BriefingLang) =>
      figuresSegments(input, lang).map((s) => ('metric' in s ? { ...s, href: recordsHref(date, s.metric) } : s));
    return { 'zh-CN': linked('zh-CN'), 'zh-TW': linked('zh-TW'), en: linked('en') };
  },
};
