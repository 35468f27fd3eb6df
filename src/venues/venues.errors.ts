import { defineErrors } from '../platform/errors.ts';

export const VenueErrors = defineErrors({
  VENUE_CODE_INVALID: {
    status: 400,
    'zh-CN': '场所码无效（伪造或被篡改）',
    en: 'The venue code is not genuine (forged or altered)',
  },
  VENUE_CODE_REVOKED: {
    status: 410,
    'zh-CN': '该场所码已作废，请扫描新张贴的场所码',
    en: 'This venue code was revoked; scan the new poster',
  },
  VENUE_UNKNOWN: { status: 404, 'zh-CN': '场所 {code} 不存在', en: 'No venue {code}' },
  PERSONAL_CODE_INVALID: { status: 400, 'zh-CN': '个人码无效', en: 'The personal code is not genuine' },
  PERSONAL_CODE_EXPIRED: {
    status: 400,
    'zh-CN': '个人码已过期，请刷新后重新出示',
    en: 'The personal code has expired; refresh it and show it again',
  },
  SCAN_WHO_MISSING: {
    status: 400,
    'zh-CN': '请出示个人码或输入身份证号码',
    en: 'Show a personal code or enter a resident ID',
  },
  SCAN_PERSON_UNKNOWN: {
    status: 404,
    'zh-CN': '该身份证号码未登记',
    en: 'No person is registered with this resident ID',
  },
  SCAN_OVERLOADED: {
    status: 429,
    'zh-CN': '扫码人数过多，请 {retryAfter} 秒后重试',
    en: 'Too many scans right now; retry in {retryAfter} s',
  },
  VENUE_EXISTS: { status: 409, 'zh-CN': '场所 {code} 已存在', en: 'Venue {code} exists' },
});
