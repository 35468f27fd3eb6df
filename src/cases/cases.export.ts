import { workbook } from '../platform/files/xlsx.ts';
import { COLUMNS } from './cases.import.ts';
import type { Figures } from './cases.schema.ts';

/** Column titles of the figures workbook, zh-CN first because that is what the centre reads. */
const FIGURE_COLUMNS: Array<[string, (f: Figures) => number]> = [
  ['新增本土确诊 New local confirmed', (f) => f.newLocalConfirmed],
  ['其中无症状转确诊 of which reclassified', (f) => f.newLocalConfirmedReclassified],
  ['新增本土无症状 New local asymptomatic', (f) => f.newLocalAsymptomatic],
  ['新增境外输入确诊 New imported confirmed', (f) => f.newImportedConfirmed],
  ['新增境外输入无症状 New imported asymptomatic', (f) => f.newImportedAsymptomatic],
  ['治愈出院(本土) Discharged (local)', (f) => f.localDischarged],
  ['解除隔离(本土) Released (local)', (f) => f.localReleased],
  ['死亡 Deaths', (f) => f.deaths],
  ['住院治疗 In hospital', (f) => f.hospitalised],
  ['医学观察 Under observation', (f) => f.underObservation],
  ['隔离管控中发现 Found in quarantine', (f) => f.foundInQuarantine],
  ['社会面发现 Found in the community', (f) => f.foundInCommunity],
  ['累计本土确诊 Cumulative local confirmed', (f) => f.cumulative.localConfirmed],
  ['累计本土无症状 Cumulative local asymptomatic', (f) => f.cumulative.localAsymptomatic],
  ['累计出院 Cumulative discharged', (f) => f.cumulative.discharged],
  ['累计解除隔离 Cumulative released', (f) => f.cumulative.released],
];

/** One worksheet per jurisdiction, one row per day. */
export async function figuresWorkbook(
  sheets: Array<{ name: string; days: Array<{ date: string; figures: Figures }> }>,
): Promise<Buffer> {
  return workbook(
    sheets.map((s) => ({
      name: s.name,
      header: ['日期 Date', ...FIGURE_COLUMNS.map(([t]) => t)],
      rows: s.days.map((d) => [d.date, ...FIGURE_COLUMNS.map(([, f]) => f(d.figures))]),
      widths: [12, 14],
      freezeFirstColumn: true,
    })),
  );
}

const EXAMPLE = [
  'FZ-2022-11-06-001',
  'asymptomatic',
  'local',
  '2022-11-06',
  '350102',
  '350102001',
  '350102001001',
  'quarantine',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
];

/** The line-list template as CSV (English header; the Chinese header works as well). */
export function templateCsv(): string {
  return `\ufeff${COLUMNS.map((c) => c.key).join(',')}\r\n${EXAMPLE.join(',')}\r\n`;
}

/** The line-list template as XLSX: a data sheet with Chinese headers and a sheet explaining each column. */
export async function templateXlsx(): Promise<Buffer> {
  const example = [
    'FZ-2022-11-06-001',
    '无症状感染者',
    '本土',
    '2022-11-06',
    '350102',
    '350102001',
    '350102001001',
    '集中隔离',
  ];
  const values: Record<string, string> = {
    kind: '确诊病例 | 无症状感染者 (confirmed | asymptomatic)',
    origin: '本土 | 境外输入 (local | imported)',
    detected_via: '集中隔离 | 居家隔离 | 社区筛查 | 重点人群筛查 | 主动就诊',
  };
  const help = COLUMNS.map((c) => [
    c.key,
    c.zh,
    c.required ? '是 yes' : '否 no',
    values[c.key] ?? (c.key.endsWith('_on') ? 'YYYY-MM-DD' : ''),
  ]);
  return workbook([
    { name: '病例 cases', header: COLUMNS.map((c) => c.zh), rows: [example] },
    { name: '说明 help', header: ['列 column', '中文表头', '必填 required', '取值 values'], rows: help, widths: 24 },
  ]);
}
