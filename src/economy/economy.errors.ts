import { defineErrors } from '../platform/errors.ts';

/** Industrial electricity: readings, their import and the bureau's settings. */
export const EconomyErrors = defineErrors({
  POWER_ROWS_INVALID: {
    status: 422,
    'zh-CN': '用电量文件有 {count} 处错误，未导入任何记录',
    en: 'Problems found in the electricity file: {count}; nothing was imported',
  },
  POWER_DATE_INVALID: {
    status: 400,
    'zh-CN': '日期“{value}”无效，应为 YYYY-MM-DD',
    en: 'Date "{value}" is not a real YYYY-MM-DD date',
  },
  POWER_DATE_FUTURE: { status: 400, 'zh-CN': '日期 {value} 晚于今天', en: 'Date {value} lies in the future' },
  POWER_ACCOUNT_MISSING: { status: 400, 'zh-CN': '缺少户号', en: 'The account number is missing' },
  POWER_ACCOUNT_INVALID: {
    status: 400,
    'zh-CN': '户号“{value}”无效（应为 1–32 位字母、数字或连字符）',
    en: 'Account number "{value}" is not 1–32 letters, digits or hyphens',
  },
  POWER_CREDIT_CODE_UNKNOWN: {
    status: 400,
    'zh-CN': '统一社会信用代码 {value} 不在企业名录中',
    en: 'Credit code {value} is not in the enterprise registry',
  },
  POWER_DISTRICT_UNKNOWN: {
    status: 400,
    'zh-CN': '{value} 不是本市的区县代码或名称',
    en: '{value} is not a district code or name of the city',
  },
  POWER_INDUSTRY_UNKNOWN: {
    status: 400,
    'zh-CN': '行业“{value}”不是国民经济行业分类（GB/T 4754）的门类+大类，如 C39',
    en: 'Industry "{value}" is not a GB/T 4754 section and division such as C39',
  },
  POWER_KWH_INVALID: {
    status: 400,
    'zh-CN': '用电量“{value}”不是数字',
    en: 'Consumption "{value}" is not a number',
  },
  POWER_KWH_NEGATIVE: {
    status: 400,
    'zh-CN': '用电量 {value} 为负数',
    en: 'Consumption {value} is negative',
  },
  POWER_KWH_ABSURD: {
    status: 400,
    'zh-CN': '用电量 {value} 千瓦时是该户基线 {baseline} 的 {factor} 倍以上，确认无误请勾选“确认异常值”后重新导入',
    en: 'Consumption {value} kWh is over {factor}× the account’s baseline {baseline}; re-import with the confirmation if it is right',
  },
  POWER_ROW_DUPLICATE: {
    status: 400,
    'zh-CN': '户号 {account} 在 {day} 的读数与第 {first} 行重复',
    en: 'Account {account} on {day} repeats row {first}',
  },
  POWER_ACCOUNT_CONFLICT: {
    status: 400,
    'zh-CN': '户号 {account} 的{field}与第 {first} 行不一致',
    en: 'Account {account} has a different {field} than on row {first}',
  },
  POWER_SETTINGS_INVALID: {
    status: 400,
    'zh-CN': '基线时段无效：开始日期须早于结束日期',
    en: 'The baseline window is not valid: it must start before it ends',
  },
  POWER_ACCOUNT_NOT_FOUND: { status: 404, 'zh-CN': '户号 {account} 不存在', en: 'No account {account}' },
});
