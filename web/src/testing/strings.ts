import { useI18n } from '../i18n';

// Turnaround, alerts and the workbook export keep their strings here, like the pass and the guard.
const zh = {
  taTitle: '检测周转（采样→出结果）',
  taTarget: '目标 {h} 小时',
  taP50: '中位用时',
  taP90: '90% 用时',
  taWithin: '目标内出结果',
  taWaiting: '超时未出结果',
  taNoReceipt: '无接收记录',
  taToReceipt: '采样→接收中位',
  taInLab: '接收→出结果中位',
  taHours: '{h} 小时',
  taHint:
    '按每管首个样本的采样时间计。“无接收记录”指实验室未扫码接收即出结果的试管，其接收时间未知，不以出结果时间代替。',
  taLab: '实验室',
  taTubes: '试管',
  taResulted: '已出结果',
  taNoLab: '未送达实验室',
  taByLab: '各实验室',
  alTitle: '阳性预警',
  alNone: '暂无待确认的阳性预警',
  alOpen: '{n} 条待确认',
  alKind_positivePool: '混采阳性',
  alKind_positiveSingle: '单管阳性',
  alTube: '试管 {tube}',
  alAck: '确认已处置',
  alAcking: '确认中…',
  alHint: '混采或单管阳性结果录入时即向采样点所在区推送；确认操作记入审计日志。',
  exportXlsx: '导出 Excel',
  exporting: '导出中…',
  exportHint: '导出本社区未采样名单（Excel，仅含脱敏信息）',
  zcTitle: '风险区采样覆盖',
  zcHint: '按登记在册的风险区居民计，不是整个社区',
  zcZone: '风险区',
  zcNone: '本范围内没有登记居民的风险区',
};
const en: typeof zh = {
  taTitle: 'Turnaround (sampled → resulted)',
  taTarget: 'target {h} h',
  taP50: 'Median',
  taP90: '90th percentile',
  taWithin: 'Resulted within target',
  taWaiting: 'Waiting past target',
  taNoReceipt: 'No receipt recorded',
  taToReceipt: 'Sampled → received, median',
  taInLab: 'Received → resulted, median',
  taHours: '{h} h',
  taHint:
    'Counted from the first swab in each tube. "No receipt recorded": tubes resulted without a lab scanning them in; their receipt time is unknown and is not taken to be the result time.',
  taLab: 'Lab',
  taTubes: 'Tubes',
  taResulted: 'Resulted',
  taNoLab: 'Not at a lab yet',
  taByLab: 'By lab',
  alTitle: 'Positive alerts',
  alNone: 'No positive alerts waiting',
  alOpen: '{n} waiting',
  alKind_positivePool: 'Positive pool',
  alKind_positiveSingle: 'Positive single tube',
  alTube: 'tube {tube}',
  alAck: 'Acknowledge',
  alAcking: 'Acknowledging…',
  alHint:
    'Sent to the district of the sampling site as soon as a positive pool or single tube is recorded; acknowledging is audited.',
  exportXlsx: 'Export Excel',
  exporting: 'Exporting…',
  exportHint: 'Download this community’s not-yet-sampled list (Excel, masked data only)',
  zcTitle: 'Coverage of risk zones',
  zcHint: 'counted over each zone’s recorded residents, not its whole community',
  zcZone: 'Zone',
  zcNone: 'No zone with recorded residents in this area',
};

export type TestingKey = keyof typeof zh;

/** The testing screens' own strings in the current UI language. */
export function useTestingStrings() {
  const { lang } = useI18n();
  const s = lang === 'en' ? en : zh;
  return (key: TestingKey, params: Record<string, string | number> = {}) =>
    s[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
