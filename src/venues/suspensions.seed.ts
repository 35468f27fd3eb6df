import type { Ctx } from '../platform/context.ts';
import type { SeedStep } from '../platform/module.ts';
import { allNotices, setVenuesHeld } from './suspensions.repo.ts';
import { inNoticeScope } from './suspensions.rules.ts';
import { type NoticeInput, suspendByNotice } from './suspensions.service.ts';
import { allVenues } from './venues.repo.ts';

/**
 * The demo's crowded-venue notice (the number is the demo's own): every KTV, internet café, cinema
 * and gym of the city closed from 4 November, as the briefing of 7 November says they were.
 */
export const DEMO_SUSPENSION: NoticeInput = {
  noticeNo: '榕防指〔2022〕45号',
  title: '关于暂停全市KTV、网吧、影剧院、健身房等人员密集场所营业的通告',
  categories: ['public-place'],
  kinds: ['ktv', 'internet-cafe', 'cinema', 'gym'],
  districts: [],
  effectiveOn: '2022-11-04',
};

/**
 * The scenario registers its crowded venues already suspended (their day of scans is refused at the
 * door); this step puts them under the notice through the real suspension, so that they are held by
 * it, name it at the door and reopen with it to the status they had before it (open).
 */
export const suspensionSeed: SeedStep = {
  id: 'venues.notices',
  async run(ctx: Ctx) {
    if ((await allNotices(ctx.db)).some((n) => n.notice_no === DEMO_SUSPENSION.noticeNo))
      return { notices: 0, suspended: 0 };
    const before = (await allVenues(ctx.db)).filter(
      (v) => v.status === 'suspended' && v.notice_no === null && inNoticeScope(DEMO_SUSPENSION, v),
    );
    await ctx.db.k.transaction().execute((trx) =>
      setVenuesHeld(
        trx,
        before.map((v) => v.id),
        { status: 'open', notice_no: null },
      ),
    );
    const r = await suspendByNotice(ctx, 'system', DEMO_SUSPENSION);
    return { notices: 1, suspended: r.suspended };
  },
};
