import { defineErrors } from '../platform/errors.ts';

export const TracingErrors = defineErrors({
  MARK_ROWS_INVALID: {
    status: 422,
    'zh-CN': '有 {count} 处错误，未登记任何记录',
    en: 'Problems found: {count}; nothing was recorded',
  },
  MARK_KIND_UNKNOWN: {
    status: 400,
    'zh-CN': '未知的类别：{kind}（密接、次密接、协查、离开风险区、发热门诊、来榕）',
    en: 'Unknown kind: {kind} (close-contact, secondary-contact, trace-list, left-zone, fever-clinic, arrival)',
  },
  MARK_TIME_INVALID: {
    status: 400,
    'zh-CN': '时间格式应为 2022-11-10 14:30',
    en: 'Time must look like 2022-11-10 14:30',
  },
  MARK_TIME_FUTURE: { status: 400, 'zh-CN': '时间不能晚于现在', en: 'The time is in the future' },
  MARK_PERSON_UNKNOWN: {
    status: 404,
    'zh-CN': '该身份证号码未登记',
    en: 'No person is registered with this resident ID',
  },
  MARK_ZONE_MISSING: { status: 400, 'zh-CN': '离开风险区须填写风险区编码', en: 'A zone leaver needs the zone code' },
  MARK_ORIGIN_MISSING: { status: 400, 'zh-CN': '来榕人员须填写来源地', en: 'An arrival needs where they came from' },
  MARK_CASE_UNKNOWN: { status: 404, 'zh-CN': '病例 {caseNo} 不存在', en: 'No case {caseNo}' },
  MARK_NOT_FOUND: { status: 404, 'zh-CN': '标记 {id} 不存在', en: 'No mark {id}' },
  MARK_NOT_ACTIVE: {
    status: 409,
    'zh-CN': '该标记已结束或已撤销',
    en: 'This mark has already been ended or withdrawn',
  },
  MARK_REASON_MISSING: { status: 400, 'zh-CN': '撤销须填写原因', en: 'A reason is required' },
  TRACE_CASE_UNKNOWN: { status: 404, 'zh-CN': '病例 {id} 不存在', en: 'No case {id}' },
  TRACE_CASE_NO_PERSON: {
    status: 409,
    'zh-CN': '病例 {caseNo} 未关联登记人口，无法按扫码记录追踪',
    en: 'Case {caseNo} is not linked to a registered person; its scans cannot be traced',
  },
});
