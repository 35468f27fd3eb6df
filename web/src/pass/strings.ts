import { useI18n } from '../i18n';

// The pass keeps its few strings here, like the appeals screens, so the shared dictionaries stay small.
const zh = {
  title: '我的通行码',
  green: '绿码',
  yellow: '黄码',
  red: '红码',
  negative24: '24小时内阴性',
  noNegative24: '无24小时内核酸阴性',
  lastNegative: '最近一次阴性采样',
  none: '无记录',
  code: '个人码（每分钟更新，截图无效）',
  refreshes: '{s} 秒后更新',
  checkIn: '场所登记',
  venueCode: '场所码',
  venueHint: '粘贴或扫描场所码',
  submit: '登记',
  allow: '可以进入',
  deny: '不能进入',
  rule: '依据',
  notice: '温馨提示',
};
const en: typeof zh = {
  title: 'My pass',
  green: 'Green',
  yellow: 'Yellow',
  red: 'Red',
  negative24: 'Negative within 24 h',
  noNegative24: 'No negative within 24 h',
  lastNegative: 'Latest negative sample',
  none: 'none',
  code: 'Personal code (renews every minute; screenshots stop working)',
  refreshes: 'renews in {s} s',
  checkIn: 'Check in at a venue',
  venueCode: 'Venue code',
  venueHint: 'Paste or scan the venue code',
  submit: 'Check in',
  allow: 'You may enter',
  deny: 'Entry refused',
  rule: 'Rule',
  notice: 'Please note',
};

/** The pass's strings in the current UI language. */
export function usePassStrings() {
  const { lang } = useI18n();
  const s = lang === 'en' ? en : zh;
  return (key: keyof typeof zh, params: Record<string, string | number> = {}) =>
    s[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
