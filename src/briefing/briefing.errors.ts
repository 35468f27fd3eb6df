import { defineErrors } from '../platform/errors.ts';

export const BriefingErrors = defineErrors({
  BRIEFING_FROZEN: {
    status: 409,
    'zh-CN': '{date} 的通报已发布，不能再修改',
    en: 'The briefing of {date} is published and frozen',
  },
  BRIEFING_SAME_PERSON: {
    status: 409,
    'zh-CN': '审核须由撰写人以外的另一人进行（最后修改人：{editor}）',
    en: 'Approval needs a second person: {editor} wrote the last version',
  },
  BRIEFING_NOT_DRAFT: {
    status: 409,
    'zh-CN': '只有草稿可以审核（当前状态：{status}）',
    en: 'Only a draft can be approved (status: {status})',
  },
  BRIEFING_NOT_APPROVED: {
    status: 409,
    'zh-CN': '通报须先审核通过才能发布（当前状态：{status}）',
    en: 'The briefing must be approved before publishing (status: {status})',
  },
  BRIEFING_NOT_FOUND: { status: 404, 'zh-CN': '{date} 还没有通报草稿', en: 'There is no briefing draft for {date}' },
});
