import { defineErrors } from '../platform/errors.ts';

export const CourierErrors = defineErrors({
  COURIER_FIRM_UNKNOWN: { status: 400, 'zh-CN': '未知的快递企业“{value}”', en: 'Unknown courier firm "{value}"' },
  COURIER_OUTLET_UNKNOWN: { status: 404, 'zh-CN': '网点 {code} 不存在', en: 'No outlet {code}' },
  COURIER_OUTLET_NOT_YOURS: {
    status: 403,
    'zh-CN': '网点 {code} 不是您负责的网点',
    en: 'Outlet {code} is not the outlet you manage',
  },
  COURIER_OUTLET_ONLY: {
    status: 403,
    'zh-CN': '网点负责人只能查看本网点的记录，区县和全市的寄递量由邮政管理部门查看',
    en: 'An outlet manager sees their own outlet only; district and city volumes are the regulator’s',
  },
  COURIER_OUTLET_CODE_INVALID: {
    status: 400,
    'zh-CN': '网点编码“{value}”无效（2–32 位字母、数字或 -）',
    en: 'Outlet code "{value}" is not 2–32 letters, digits or -',
  },
  COURIER_STATUS_INVALID: {
    status: 400,
    'zh-CN': '状态“{value}”无效，应为 营业 / 封控区暂停 / 责令停业（open / closed-in-zone / suspended）',
    en: 'Status "{value}" is not open, closed-in-zone or suspended',
  },
  COURIER_DISTRICT_UNKNOWN: {
    status: 400,
    'zh-CN': '{value} 不是本市的区县代码',
    en: '{value} is not a district of the city',
  },
  COURIER_FIELD_MISSING: { status: 400, 'zh-CN': '缺少{field}', en: '{field} is missing' },
  COURIER_NUMBER_INVALID: {
    status: 400,
    'zh-CN': '“{value}”不是有效的非负整数',
    en: '"{value}" is not a whole number of zero or more',
  },
  COURIER_DUPLICATE_IN_FILE: {
    status: 400,
    'zh-CN': '与第 {first} 行重复',
    en: 'Repeats row {first}',
  },
  COURIER_ROWS_INVALID: {
    status: 400,
    'zh-CN': '文件中有 {count} 处错误，未导入任何数据',
    en: '{count} problems in the file; nothing was imported',
  },
  COURIER_WORKER_COMMUNITY_NEEDED: {
    status: 400,
    'zh-CN': '登记库中没有此人，新登记需要填写社区代码',
    en: 'This person is not registered yet; a community code is needed to register them',
  },
  COURIER_PERSON_MISMATCH: {
    status: 400,
    'zh-CN': '身份证号已登记，但姓名与登记不符',
    en: 'The ID number is registered under a different name',
  },
  COURIER_DATE_INVALID: {
    status: 400,
    'zh-CN': '日期“{value}”无效，应为 YYYY-MM-DD',
    en: 'Date "{value}" is not YYYY-MM-DD',
  },
  COURIER_TIME_INVALID: { status: 400, 'zh-CN': '时间“{value}”无效', en: 'Time "{value}" is not a valid time' },
  COURIER_TIME_FUTURE: { status: 400, 'zh-CN': '时间 {value} 晚于现在', en: 'Time {value} lies in the future' },
  COURIER_BATCH_EXISTS: { status: 409, 'zh-CN': '批次 {batchNo} 已登记', en: 'Batch {batchNo} is already registered' },
  COURIER_BATCH_UNKNOWN: { status: 404, 'zh-CN': '批次 {batchNo} 不存在', en: 'No batch {batchNo}' },
  COURIER_BATCH_NOT_DISINFECTED: {
    status: 409,
    'zh-CN': '批次 {batchNo} 尚未消杀，不能放行；消杀后 {hours} 小时方可放行',
    en: 'Batch {batchNo} has not been disinfected; it can be released {hours} h after disinfection',
  },
  COURIER_BATCH_HELD: {
    status: 409,
    'zh-CN': '批次 {batchNo} 于 {disinfectedAt} 消杀，须满 {hours} 小时，{releasableAt} 后方可放行',
    en: 'Batch {batchNo} was disinfected at {disinfectedAt}; it is held {hours} h and can be released from {releasableAt}',
  },
  COURIER_BATCH_RELEASED: {
    status: 409,
    'zh-CN': '批次 {batchNo} 已于 {releasedAt} 放行',
    en: 'Batch {batchNo} was already released at {releasedAt}',
  },
  COURIER_ZONE_UNKNOWN: { status: 400, 'zh-CN': '风险区 {value} 不存在', en: 'No risk zone {value}' },
  COURIER_POINT_UNKNOWN: { status: 404, 'zh-CN': '投递点 {id} 不存在', en: 'No delivery point {id}' },
  COURIER_SAMPLE_UNKNOWN: {
    status: 404,
    'zh-CN': '采样管 {tubeCode} 中没有此人的样本',
    en: 'Tube {tubeCode} holds no sample of this person',
  },
  COURIER_RANGE_INVALID: { status: 400, 'zh-CN': '日期范围无效', en: 'Invalid date range' },
});
