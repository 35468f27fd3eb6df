import { defineErrors } from '../platform/errors.ts';

export const ReplayErrors = defineErrors({
  POLICY_SWITCHOVER_NOT_YET: {
    status: 409,
    'zh-CN': '政策版本 {id} 自 {date} 起生效，届时才切换全市',
    en: 'Version {id} takes effect on {date}: the city is switched over to it when that day arrives',
  },
  POLICY_SWITCHOVER_NOT_FOUND: {
    status: 404,
    'zh-CN': '政策版本 {id} 尚未切换全市',
    en: 'The city has not been switched over to version {id}',
  },
});
