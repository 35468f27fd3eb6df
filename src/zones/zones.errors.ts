import { defineErrors } from '../platform/errors.ts';

export const ZoneErrors = defineErrors({
  ZONE_NOT_FOUND: { status: 404, 'zh-CN': '风险区 {code} 不存在', en: 'No zone {code}' },
  ZONE_COMMUNITY_UNKNOWN: {
    status: 400,
    'zh-CN': '{code} 不是已知的社区（村）代码',
    en: '{code} is not a known community code',
  },
  ZONE_LEVEL_NOT_IN_POLICY: {
    status: 409,
    'zh-CN': '{date} 生效的政策 {policy} 不设{level}级风险区',
    en: 'Policy {policy}, in force on {date}, has no {level} zones',
  },
  ZONE_NOT_ACTIVE: { status: 409, 'zh-CN': '风险区 {code} 已解除', en: 'Zone {code} is already lifted' },
  ZONE_NOTICE_BEFORE_DESIGNATION: {
    status: 400,
    'zh-CN': '通告生效时间 {at} 早于该风险区的划定日期 {designatedOn}',
    en: 'The notice takes effect at {at}, before the zone was designated on {designatedOn}',
  },
  ZONE_NOTICE_BEFORE_LAST: {
    status: 400,
    'zh-CN': '通告生效时间 {at} 早于该风险区上一次等级调整（{last}）',
    en: 'The notice takes effect at {at}, before the zone’s last level change ({last})',
  },
  ZONE_LIFT_NOT_ALLOWED: {
    status: 409,
    'zh-CN': '按 {policy} 的规定暂不能{actionZh}：{reasonZh}。如确需调整，请填写理由（将记入审计）',
    en: 'Policy {policy} does not allow this {action} yet: {reasonEn}. Give an override reason to proceed (audited)',
  },
  ZONE_ACTION_INVALID: { status: 400, 'zh-CN': '{levelZh}不能{actionZh}', en: 'A {level} zone cannot be {action}d' },
  ZONE_LEVEL_ABOLISHED: {
    status: 409,
    'zh-CN': '{policy} 不设{levelZh}，只能解除',
    en: 'Policy {policy} has no {level} zones; lift the zone instead',
  },
  ZONE_RESIDENT_UNKNOWN: {
    status: 422,
    'zh-CN': '人口库中没有此身份证号码的居民',
    en: 'No resident with this ID number in the population register',
  },
  ZONE_RESIDENTS_INVALID: {
    status: 422,
    'zh-CN': '居民名单有 {count} 处错误，未登记任何居民',
    en: '{count} problems in the resident list; nobody was recorded',
  },
  ZONE_CASE_UNKNOWN: { status: 400, 'zh-CN': '病例 {caseNo} 不存在', en: 'No case {caseNo}' },
  TASKFORCE_LEADER_RANK: {
    status: 400,
    'zh-CN': '专班组长须为科级及以上干部，{name} 为{rank}',
    en: 'A task-force leader must be section level or above; {name} is {rankEn}',
  },
  CADRE_ALREADY_SERVING: {
    status: 409,
    'zh-CN': '干部 {name} 已在风险区 {zone} 的专班任职',
    en: 'Cadre {name} already serves in the task force of zone {zone}',
  },
  CADRE_NOT_FOUND: { status: 404, 'zh-CN': '干部 {id} 不存在', en: 'No cadre {id}' },
  TASKFORCE_FORMED_ON: {
    status: 400,
    'zh-CN': '组建日期 {formedOn} 应在风险区划定（{designatedOn}）之后且不晚于今天',
    en: 'Formed on {formedOn} must be between the designation ({designatedOn}) and today',
  },
  TASKFORCE_EXISTS: { status: 409, 'zh-CN': '风险区 {code} 已有专班', en: 'Zone {code} already has a task force' },
  TASKFORCE_ZONE_LEVEL: {
    status: 409,
    'zh-CN': '只有高、中风险区组建专班',
    en: 'Only high and medium zones get a task force',
  },
  DUTY_NOT_FOUND: { status: 404, 'zh-CN': '任务 {id} 不存在', en: 'No duty {id}' },
  DUTY_CLOSED: { status: 409, 'zh-CN': '任务 {id} 已办结', en: 'Duty {id} is already closed' },
});
