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
  VENUE_KIND_UNKNOWN: {
    status: 400,
    'zh-CN': '场所 {code} 的类型 {kind} 不属于类别 {category}',
    en: 'Venue {code}: kind {kind} is not one of category {category}',
  },
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
  SCAN_KEY_REUSED: {
    status: 422,
    'zh-CN': '该幂等键（Idempotency-Key）已用于另一次扫码，请为每次扫码生成新的键',
    en: 'This Idempotency-Key was used for another scan; send a new key with each scan',
  },
  VENUE_EXISTS: { status: 409, 'zh-CN': '场所 {code} 已存在', en: 'Venue {code} exists' },

  VENUE_NOT_YOURS: {
    status: 403,
    'zh-CN': '您只能查看和登记本人负责的场所',
    en: 'You may only see and enter records for your own venues',
  },
  POSTER_VERSION_REVOKED: {
    status: 410,
    'zh-CN': '第 {version} 版场所码已作废，不能再打印；请打印当前版本（第 {current} 版）',
    en: 'Code version {version} was revoked and cannot be printed; print the current version ({current})',
  },
  PAPER_TIME_INVALID: {
    status: 400,
    'zh-CN': '登记时间无效，应为带时区的时间，如 2022-11-09T08:30:00+08:00',
    en: 'Invalid time; use a time with its offset, e.g. 2022-11-09T08:30:00+08:00',
  },
  PAPER_TIME_FUTURE: { status: 400, 'zh-CN': '登记时间晚于当前时间', en: 'The time lies in the future' },
  PAPER_WHO_MISSING: {
    status: 400,
    'zh-CN': '请填写身份证号码，无身份证时填写姓名和电话',
    en: 'Enter a resident ID, or a name and phone number when there is none',
  },
  PAPER_PHONE_INVALID: { status: 400, 'zh-CN': '电话号码无效', en: 'Invalid phone number' },
  PAPER_ROWS_INVALID: {
    status: 422,
    'zh-CN': '有 {count} 条纸质登记有误，未录入任何记录',
    en: '{count} paper records have problems; nothing was entered',
  },
});
