import { defineErrors } from '../platform/errors.ts';

export const SuspensionErrors = defineErrors({
  NOTICE_EXISTS: {
    status: 409,
    'zh-CN': '通告 {notice} 已登记，不能重复暂停',
    en: 'Notice {notice} is already recorded',
  },
  NOTICE_UNKNOWN: { status: 404, 'zh-CN': '通告 {notice} 不存在', en: 'No notice {notice}' },
  NOTICE_NO_VENUES: {
    status: 422,
    'zh-CN': '通告 {notice} 的范围内没有可暂停的场所（已暂停的不计）',
    en: 'Notice {notice} covers no venue that is not already suspended',
  },
  NOTICE_REOPENED: {
    status: 409,
    'zh-CN': '通告 {notice} 所暂停的场所已于 {at} 恢复开放',
    en: 'The venues of notice {notice} were reopened at {at}',
  },
});
