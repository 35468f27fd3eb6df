import type { Category, VenueStatus } from './venues.rules.ts';

/**
 * Kinds of crowded venue a notice names (全市KTV、网吧、影剧院……). The registry files them under
 * `public-place` with no kind of their own, so a kind is recognised by the venue's registered name;
 * the patterns are the words the licences use.
 */
export const NOTICE_KINDS = {
  ktv: { 'zh-CN': 'KTV', en: 'KTV', pattern: /KTV|卡拉OK|歌厅|歌舞厅/i },
  'internet-cafe': { 'zh-CN': '网吧', en: 'internet café', pattern: /网吧|网咖/ },
  cinema: { 'zh-CN': '影剧院', en: 'cinema', pattern: /影城|影院|影剧院|剧院/ },
  gym: { 'zh-CN': '健身房', en: 'gym', pattern: /健身/ },
  'bath-house': { 'zh-CN': '洗浴场所', en: 'bath house', pattern: /洗浴|浴场|足浴/ },
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;
export const NOTICE_KIND_NAMES = Object.keys(NOTICE_KINDS) as NoticeKind[];

/** What a notice takes: categories, optionally only some kinds of them, in some districts or the whole city. */
export interface NoticeScope {
  categories: Category[];
  kinds: NoticeKind[];
  /** District codes; empty for the whole city. */
  districts: string[];
}

/** Whether a venue falls under a notice's scope. */
export function inNoticeScope(
  scope: NoticeScope,
  v: { category: string; name: string; district_code: string },
): boolean {
  if (!(scope.categories as string[]).includes(v.category)) return false;
  if (scope.districts.length && !scope.districts.includes(v.district_code)) return false;
  return scope.kinds.length === 0 || scope.kinds.some((k) => NOTICE_KINDS[k].pattern.test(v.name));
}

/**
 * What suspending by a notice does to a venue of its scope: an open or closed-loop venue is
 * suspended and its status remembered; one already suspended stays as it is and is not the notice's
 * (another notice or an officer holds it, and reopening this notice must not open it).
 */
export function takenByNotice(status: VenueStatus): boolean {
  return status !== 'suspended';
}

/**
 * What reopening gives a venue back: its status before the notice, if the notice still holds it;
 * a venue someone reopened or re-suspended since is left as they set it (null).
 */
export function restoredStatus(
  item: { previous_status: string },
  venue: { status: string; notice_no: string | null },
  noticeNo: string,
): VenueStatus | null {
  if (venue.status !== 'suspended' || venue.notice_no !== noticeNo) return null;
  return item.previous_status as VenueStatus;
}
