import { defineErrors } from '../platform/errors.ts';

export const PeopleErrors = defineErrors({
  PERSON_ID_FORMAT: {
    status: 400,
    'zh-CN': '身份证号码格式错误：应为 18 位，前 17 位为数字，末位为数字或 X',
    en: 'Resident ID format is wrong: 18 characters, 17 digits then a digit or X',
  },
  PERSON_ID_AREA_UNKNOWN: {
    status: 400,
    'zh-CN': '身份证号码前 6 位地址码 {area} 不是有效的行政区划代码（GB/T 2260）',
    en: 'Resident ID area code {area} (first 6 digits) is not a GB/T 2260 division',
  },
  PERSON_ID_BIRTH_DATE: {
    status: 400,
    'zh-CN': '身份证号码中的出生日期 {birthDate} 不存在或晚于今天',
    en: 'Resident ID birth date {birthDate} is not a real date or lies in the future',
  },
  PERSON_ID_CHECKSUM: {
    status: 400,
    'zh-CN': '身份证号码校验码错误：末位应为 {expected}，实为 {got}',
    en: 'Resident ID check character is wrong: expected {expected}, got {got}',
  },
  PERSON_PHONE_INVALID: { status: 400, 'zh-CN': '电话号码无效', en: 'Invalid phone number' },
  PERSON_EXISTS: {
    status: 409,
    'zh-CN': '该身份证号码已登记（人员编号 {id}），且信息不同',
    en: 'This resident ID is already registered (person {id}) with different details',
  },
  PERSON_NOT_FOUND: { status: 404, 'zh-CN': '人员 {id} 不存在', en: 'No person {id}' },
});
