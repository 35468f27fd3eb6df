import { defineErrors } from '../platform/errors.ts';

export const PolicyErrors = defineErrors({
  POLICY_NOT_FOUND: { status: 404, 'zh-CN': '政策版本 {id} 不存在', en: 'No policy version {id}' },
  POLICY_NONE_IN_FORCE: {
    status: 409,
    'zh-CN': '{date} 没有生效的政策版本',
    en: 'No policy version is in force on {date}',
  },
  POLICY_DATE_TAKEN: {
    status: 409,
    'zh-CN': '{date} 已有生效的政策版本 {other}',
    en: 'Version {other} already takes effect on {date}',
  },
  POLICY_LEVEL_RULE: {
    status: 400,
    'zh-CN': '等级 {level} 的解除规则指向了本版本未启用的等级 {to}',
    en: 'The lift rule for {level} leads to {to}, which this version does not use',
  },
  POLICY_PARAM_MISSING: {
    status: 400,
    'zh-CN': '政策版本 {id} 缺少参数 {path}',
    en: 'Policy version {id} lacks the parameter {path}',
  },
  POLICY_PARAM_INVALID: {
    status: 400,
    'zh-CN': '政策版本 {id} 的参数 {path} 无效：{why}',
    en: 'Policy version {id} has an invalid parameter {path}: {why}',
  },
  POLICY_PARAM_CONTRADICTS: {
    status: 400,
    'zh-CN': '政策版本 {id} 的参数 {path} 自相矛盾：{why}',
    en: 'Policy version {id} contradicts itself at {path}: {why}',
  },
  POLICY_DRAFT_NOT_FOUND: { status: 404, 'zh-CN': '政策草案 {id} 不存在', en: 'No policy draft {id}' },
  POLICY_DRAFT_EXISTS: {
    status: 409,
    'zh-CN': '版本号 {id} 已被使用',
    en: 'The version id {id} is already taken',
  },
  POLICY_DRAFT_NOT_OPEN: {
    status: 409,
    'zh-CN': '政策草案 {id} 已{status}，不能再修改或发布',
    en: 'Policy draft {id} is {status} and can no longer be edited or published',
  },
  POLICY_DRAFT_SAME_PERSON: {
    status: 403,
    'zh-CN': '起草或修改草案的人不能发布它，需要另一人审批',
    en: 'Whoever drafted or edited a draft may not publish it: a second person must approve',
  },
  POLICY_DIRECT_EDIT_CLOSED: {
    status: 409,
    'zh-CN':
      '政策版本 {id} 不能由一人直接修改或新增：请通过草案（POST /api/v1/policy-drafts）起草，并由另一人发布（POST /api/v1/policy-drafts/{id}/publish）',
    en: 'Version {id} cannot be added or edited by one person: draft it (POST /api/v1/policy-drafts) and have a second person publish it (POST /api/v1/policy-drafts/{id}/publish)',
  },
});
