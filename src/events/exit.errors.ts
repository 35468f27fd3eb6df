import { defineErrors } from '../platform/errors.ts';

/** City-exit checkpoints and closed-loop institutions. */
export const ExitErrors = defineErrors({
  EXIT_REASON_MISSING: {
    status: 422,
    'zh-CN': '离榕卡口须申报出行事由（就医、工作、探亲、就学或其他），未记录此次扫码',
    en: 'A city-exit checkpoint needs the declared reason for leaving (medical, work, family, study or other); the scan was not recorded',
  },
  EXIT_REASON_TEXT_MISSING: {
    status: 422,
    'zh-CN': '事由为“其他”时须写明具体事由，未记录此次扫码',
    en: 'A reason of “other” needs a description; the scan was not recorded',
  },
  EXIT_NOT_CHECKPOINT: {
    status: 422,
    'zh-CN': '场所 {code} 不是离榕卡口（city-exit）',
    en: 'Venue {code} is not a city-exit checkpoint',
  },
  LOOP_NOT_INSTITUTION: {
    status: 422,
    'zh-CN': '场所 {code} 未实行闭环管理',
    en: 'Venue {code} is not under closed-loop management',
  },
  LOOP_DATE_INVALID: {
    status: 422,
    'zh-CN': '日期无效（应为 2022-11-08）：{value}',
    en: 'Invalid date (write e.g. 2022-11-08): {value}',
  },
  LOOP_SHIFT_ORDER: {
    status: 422,
    'zh-CN': '出环日期 {out} 早于进环日期 {in}',
    en: 'Out date {out} is before in date {in}',
  },
  LOOP_SHIFT_OVERLAP: {
    status: 422,
    'zh-CN': '同一人在同一机构的班次重叠（另见第 {other} 行）',
    en: 'Overlapping shifts of the same person at the same institution (also row {other})',
  },
  LOOP_PERSON_NAME_MISMATCH: {
    status: 422,
    'zh-CN': '姓名与人口库中该身份证号的登记不符',
    en: 'The name does not match the population register for this ID number',
  },
  LOOP_STAFF_UNKNOWN: {
    status: 404,
    'zh-CN': '{code} 的闭环名单中没有此人',
    en: 'This person is not on the roster of {code}',
  },
  LOOP_LEAVE_UNKNOWN: { status: 404, 'zh-CN': '出环申请 {id} 不存在', en: 'No leave request {id}' },
  LOOP_LEAVE_DECIDED: {
    status: 409,
    'zh-CN': '出环申请 {id} 已{status}，不能再次审批',
    en: 'Leave request {id} is already {status}',
  },
  LOOP_LEAVE_APPROVER: {
    status: 403,
    'zh-CN': '出环须由机构所在区的区级防控人员审批，且不能审批自己提出的申请',
    en: 'A leave from the loop is approved by a district officer of the institution’s district, not by its requester',
  },
});
