import { defineErrors } from '../platform/errors.ts';

export const AppealErrors = defineErrors({
  CREDIT_CODE_LENGTH: {
    status: 400,
    'zh-CN': '统一社会信用代码应为 18 位，收到 {length} 位',
    en: 'A unified social credit code has 18 characters; got {length}',
  },
  CREDIT_CODE_CHARSET: {
    status: 400,
    'zh-CN': '统一社会信用代码第 {position} 位“{char}”不是允许的字符（0-9 及除 I、O、Z、S、V 外的大写字母）',
    en: 'Character {position} of the credit code, “{char}”, is not allowed (0-9 and capitals except I, O, Z, S, V)',
  },
  CREDIT_CODE_AUTHORITY: {
    status: 400,
    'zh-CN': '统一社会信用代码第 1 位（登记管理部门）“{char}”无效',
    en: 'Character 1 of the credit code (registration authority), “{char}”, is not a valid authority',
  },
  CREDIT_CODE_ENTITY_TYPE: {
    status: 400,
    'zh-CN': '统一社会信用代码第 2 位（机构类别）“{char}”不属于登记管理部门“{authority}”',
    en: 'Character 2 of the credit code (entity type), “{char}”, is not a type of authority “{authority}”',
  },
  CREDIT_CODE_AREA: {
    status: 400,
    'zh-CN': '统一社会信用代码第 3–8 位（登记管理机关行政区划码）“{area}”不是有效的行政区划代码',
    en: 'Characters 3–8 of the credit code (area code), “{area}”, are not a valid GB/T 2260 area code',
  },
  CREDIT_CODE_CHECK: {
    status: 400,
    'zh-CN': '统一社会信用代码校验位错误：第 18 位应为“{expected}”，实为“{actual}”',
    en: 'Wrong check character of the credit code: character 18 should be “{expected}”, not “{actual}”',
  },
  ENTERPRISE_NOT_FOUND: { status: 404, 'zh-CN': '企业 {code} 不存在', en: 'No enterprise {code}' },
  LIAISON_CADRE_NOT_FOUND: { status: 404, 'zh-CN': '挂钩干部 {id} 不存在', en: 'No liaison cadre {id}' },
  APPEAL_NOT_FOUND: { status: 404, 'zh-CN': '诉求 {id} 不存在', en: 'No appeal {id}' },
  APPEAL_TRACK_NOT_FOUND: {
    status: 404,
    'zh-CN': '未查到该诉求：请核对受理编号和手机号后四位',
    en: 'No appeal found: check the tracking number and the last four digits of the phone',
  },
  APPEAL_TRANSITION: {
    status: 409,
    'zh-CN': '诉求处于“{statusZh}”状态，不能{actionZh}',
    en: 'An appeal that is {status} cannot be {action}',
  },
  APPEAL_NOT_YOUR_UNIT: {
    status: 403,
    'zh-CN': '该诉求不在本单位（{unit}）办理',
    en: 'This appeal is not held by your unit ({unit})',
  },
  APPEAL_NO_UNIT: {
    status: 403,
    'zh-CN': '您的账号未关联任何承办单位',
    en: 'Your account is not linked to a handling unit',
  },
  APPEAL_UNIT_UNKNOWN: { status: 400, 'zh-CN': '承办单位 {unit} 不存在', en: 'No handling unit {unit}' },
  APPEAL_MERGE_SELF: {
    status: 400,
    'zh-CN': '诉求不能合并到自身或已合并/办结的诉求',
    en: 'An appeal cannot be merged into itself or into a merged or closed appeal',
  },
  APPEAL_PHONE_FLOOD: {
    status: 429,
    'zh-CN': '该手机号一小时内已提交 {count} 件诉求，请稍后再试或拨打热线',
    en: 'This phone has submitted {count} appeals within an hour; try later or call the hotline',
  },
  APPEAL_IDEMPOTENCY_CONFLICT: {
    status: 409,
    'zh-CN': '提交编号已被另一件诉求使用',
    en: 'This submission key belongs to a different appeal',
  },
  APPEAL_DISTRICT_REQUIRED: {
    status: 400,
    'zh-CN': '请选择所在区县（未登记的企业和居民须填写）',
    en: 'Choose the district (required for residents and unregistered enterprises)',
  },
  REPORT_ENTERPRISE_NOT_WHITELISTED: {
    status: 409,
    'zh-CN': '企业 {code} 不在白名单内，无需日报',
    en: 'Enterprise {code} is not whitelisted and does not report daily',
  },
  REPORT_NOT_YOURS: {
    status: 403,
    'zh-CN': '只能填报本企业的日报',
    en: 'You may only report for your own enterprise',
  },
  TASK_NOT_FOUND: { status: 404, 'zh-CN': '挂钩服务任务 {id} 不存在', en: 'No liaison task {id}' },
  ENTERPRISE_IMPORT_INVALID: {
    status: 400,
    'zh-CN': '导入文件有 {count} 处错误，未导入任何记录',
    en: 'The file has {count} problems; nothing was imported',
  },
  ENTERPRISE_IMPORT_FIELD: {
    status: 400,
    'zh-CN': '第 {row} 行 {column}：{reason}',
    en: 'Row {row}, {column}: {reason}',
  },
});
