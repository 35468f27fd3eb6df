import { defineErrors } from '../platform/errors.ts';

export const GeoErrors = defineErrors({
  DIVISION_UNKNOWN: { status: 404, 'zh-CN': '未知的行政区划代码 {code}', en: 'Unknown division code {code}' },
  DIVISION_LEVEL: {
    status: 400,
    'zh-CN': '行政区划 {code} 不是{expected}级',
    en: 'Division {code} is not a {expected}',
  },
});
