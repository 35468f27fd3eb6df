import { defineErrors } from '../platform/errors.ts';

export const TestingErrors = defineErrors({
  TUBE_POOL_SIZE: {
    status: 400,
    'zh-CN': '混采规格 {value} 无效，应为 1、5、10 或 20',
    en: 'Pool size {value} is not 1, 5, 10 or 20',
  },
  TUBE_POOL_MISMATCH: {
    status: 400,
    'zh-CN': '试管 {tube} 的混采规格为 {expected}，此行为 {got}',
    en: 'Tube {tube} is a {expected}-in-1 tube, this row says {got}',
  },
  TUBE_OVER_CAPACITY: {
    status: 400,
    'zh-CN': '试管 {tube} 已满（{size}合1），不能再加入样本',
    en: 'Tube {tube} is full ({size}-in-1)',
  },
  TUBE_UNKNOWN: { status: 400, 'zh-CN': '试管 {tube} 没有采样记录', en: 'No samples were recorded in tube {tube}' },
  TUBE_RESULT_INVALID: {
    status: 400,
    'zh-CN': '检测结果“{value}”无效，应为 阴性/阳性/无效',
    en: 'Result "{value}" is not negative, positive or invalid',
  },
  TUBE_RESULT_CONFLICT: {
    status: 409,
    'zh-CN': '试管 {tube} 已有结果“{current}”，不同结果需作为更正并注明理由',
    en: 'Tube {tube} already has the result "{current}"; a different result needs a correction with a reason',
  },
  TUBE_RESULT_BEFORE_SAMPLING: {
    status: 400,
    'zh-CN': '出结果时间早于采样时间',
    en: 'The result time is before the sampling time',
  },
  SAMPLE_TIME_INVALID: {
    status: 400,
    'zh-CN': '时间“{value}”无效，应为 ISO 8601（如 2022-11-08T09:30:00+08:00）',
    en: 'Time "{value}" is not ISO 8601 (e.g. 2022-11-08T09:30:00+08:00)',
  },
  SAMPLE_SITE_UNKNOWN: { status: 400, 'zh-CN': '采样点 {code} 不存在', en: 'No sampling site {code}' },
  SAMPLE_PERSON_UNKNOWN: {
    status: 400,
    'zh-CN': '该身份证号码未登记为本市人员',
    en: 'No registered person has this resident ID',
  },
  CT_INVALID: { status: 400, 'zh-CN': 'Ct 值“{value}”无效', en: 'Ct value "{value}" is not a number' },
  CAMPAIGN_EXISTS: { status: 409, 'zh-CN': '检测任务 {code} 已存在', en: 'Campaign {code} exists' },
  CAMPAIGN_NOT_FOUND: { status: 404, 'zh-CN': '检测任务 {code} 不存在', en: 'No campaign {code}' },
  SITE_NOT_FOUND: { status: 404, 'zh-CN': '采样点 {code} 不存在', en: 'No sampling site {code}' },
  TUBE_RECEIVED_BEFORE_SAMPLING: {
    status: 400,
    'zh-CN': '试管 {tube} 的接收时间早于采样时间',
    en: 'Tube {tube} is received before it was sampled',
  },
  TUBE_RECEIVED_AFTER_RESULT: {
    status: 400,
    'zh-CN': '试管 {tube} 的接收时间晚于出结果时间',
    en: 'Tube {tube} is received after its result',
  },
  ALERT_NOT_FOUND: { status: 404, 'zh-CN': '预警 {id} 不存在', en: 'No alert {id}' },
  ALERT_ACKED: {
    status: 409,
    'zh-CN': '预警 {id} 已由 {by} 确认',
    en: 'Alert {id} was already acknowledged by {by}',
  },
  SITE_OUTSIDE_CITY: {
    status: 400,
    'zh-CN': '坐标（{lng}, {lat}）不在福州市范围内（经度 {minLng}–{maxLng}，纬度 {minLat}–{maxLat}）',
    en: 'The point ({lng}, {lat}) is outside Fuzhou (longitude {minLng}–{maxLng}, latitude {minLat}–{maxLat})',
  },
});
