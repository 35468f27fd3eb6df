import { useI18n } from '../i18n';

// The entrance check keeps its strings here, like the pass, so the shared dictionaries stay small.
const zh = {
  title: '场所核验',
  pickVenue: '选择值守场所',
  venue: '场所',
  filter: '按名称或编码筛选',
  noVenues: '没有开放中的场所',
  useVenue: '确定',
  changeVenue: '更换场所',
  input: '个人码或身份证号',
  inputHint: '个人码或身份证号，回车',
  check: '核验',
  notRecognised: '无法识别：请输入以 P1. 开头的个人码或18位身份证号',
  allow: '准予进入',
  deny: '禁止进入',
  green: '绿码',
  yellow: '黄码',
  red: '红码',
  negative24: '24小时内阴性',
  noNegative24: '无24小时内阴性',
  lastNegative: '最近一次阴性采样',
  none: '无记录',
  byId: '凭身份证核验',
  today: '本机今日核验',
  allowed: '准入 {n}',
  denied: '拒绝 {n}',
  loadingCode: '正在获取场所码…',
};
const en: typeof zh = {
  title: 'Entrance check',
  pickVenue: 'Choose the venue you guard',
  venue: 'Venue',
  filter: 'Filter by name or code',
  noVenues: 'No open venues',
  useVenue: 'Use this venue',
  changeVenue: 'Change venue',
  input: 'Personal code or resident ID',
  inputHint: 'Personal code or ID, Enter',
  check: 'Check',
  notRecognised: 'Not recognised: enter a personal code starting with P1. or an 18-character resident ID',
  allow: 'Allowed',
  deny: 'Denied',
  green: 'Green',
  yellow: 'Yellow',
  red: 'Red',
  negative24: 'Negative within 24 h',
  noNegative24: 'No negative within 24 h',
  lastNegative: 'Latest negative sample',
  none: 'none',
  byId: 'Checked by resident ID',
  today: 'Today on this device',
  allowed: 'allowed {n}',
  denied: 'denied {n}',
  loadingCode: 'Fetching the venue code…',
};

export type GuardKey = keyof typeof zh;

/** The entrance check's strings in the current UI language. */
export function useGuardStrings() {
  const { lang } = useI18n();
  const s = lang === 'en' ? en : zh;
  return (key: GuardKey, params: Record<string, string | number> = {}) =>
    s[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
