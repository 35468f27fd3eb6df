import type { Category, PublicPlaceKind, VenueStatus } from './venues.rules.ts';

/**
 * Kinds of crowded venue a notice names (全市KTV、网吧、影剧院……): the public places' kinds the
 * registry records with each venue (venues.rules.ts VENUE_KINDS), named in the notice's words.
 */
export const NOTICE_KINDS: Record<PublicPlaceKind, { 'zh-CN': string; en: string }> = {
  ktv: { 'zh-CN': 'KTV', en: 'KTV' },
  'internet-cafe': { 'zh-CN': '网吧', en: 'internet café' },
  cinema: { 'zh-CN': '影剧院', en: 'cinema' },
  gym: { 'zh-CN': '健身房', en: 'gym' },
  'bath-house': { 'zh-CN': '洗浴场所', en: 'bath house' },
};
export type NoticeKind = PublicPlaceKind;
export const NOTICE_KIND_NAMES = Object.keys(NOTICE_KINDS) as NoticeKind[];

/** What a notice takes: categories, optionally only some kinds of them, in some districts or the whole city. */
export interface NoticeScope {
  categories: Category[];
  kinds: NoticeKind[];
  /** District codes; empty for the whole city. */
  districts: string[];
}

/** Whether a venue falls under a notice's scope: by its category and registered kind, never its name. */
export function inNoticeScope(
  scope: NoticeScope,
  v: { category: string; kind: string | null; district_code: string },
): boolean {
  if (!(scope.categories as string[]).includes(v.category)) return false;
  if (scope.districts.length && !scope.districts.includes(v.district_code)) return false;
  return scope.kinds.length === 0 || (v.kind !== null && (scope.kinds as string[]).includes(v.kind));
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
