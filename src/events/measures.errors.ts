import { defineErrors } from '../platform/errors.ts';

export const MeasureErrors = defineErrors({
  MEASURE_EXISTS: {
    status: 409,
    'zh-CN': '通告 {notice} 已登记过 {kind} 类措施',
    en: 'Notice {notice} already records a {kind} measure',
  },
  MEASURE_PERIOD_INVALID: {
    status: 400,
    'zh-CN': '措施的结束日期 {to} 早于开始日期 {from}',
    en: 'The measure ends ({to}) before it starts ({from})',
  },
  MEASURE_ENFORCER_INVALID: {
    status: 422,
    'zh-CN': '{kind} 类措施的执行依据应为 {expected}，且须存在：{ref}',
    en: 'A {kind} measure is enforced by a {expected} that exists: {ref}',
  },
});
