import type { Ctx } from '../platform/context.ts';
import type { SeedStep } from '../platform/module.ts';
import { DEMO_SUSPENSION } from '../venues/suspensions.seed.ts';
import { measureOf } from './measures.repo.ts';
import { type MeasureInput, recordMeasure } from './measures.service.ts';

// The demo's notice numbers (the city's own numbering of its epidemic-control notices).
const CITY = '榕防指〔2022〕41号';
const TESTING = '榕防指〔2022〕46号';

/**
 * The measures the briefing of 7 November announces, as the notices that published them: the
 * city's standing measures from 29 October, the crowded-venue suspension of 4 November, and the
 * regional testing of 8–11 November in four districts (announced on the 7th; the campaign runs it).
 */
export const DEMO_MEASURES: MeasureInput[] = [
  {
    noticeNo: CITY,
    kind: 'entry-checks',
    text: {
      'zh-CN': '进入办公场所、机关事业单位、公共场所、建筑工地、工厂企业等须查验24小时核酸阴性证明并扫场所码',
      en: 'Offices, public institutions, public places, construction sites and factories check a 24-hour negative test and the venue code',
    },
    districts: [],
    from: '2022-10-29',
    enforcedBy: { kind: 'policy', ref: 'entrance' },
  },
  {
    noticeNo: CITY,
    kind: 'compound-checks',
    text: {
      'zh-CN': '居民小区进出查验24小时核酸阴性证明',
      en: 'Residential compounds check a 24-hour negative test at the gate',
    },
    districts: [],
    from: '2022-10-29',
    enforcedBy: { kind: 'policy', ref: 'entrance.residential-compound.certificateHours' },
  },
  {
    noticeNo: CITY,
    kind: 'city-exit',
    text: {
      'zh-CN': '非必要不离榕，确需离榕的须持24小时核酸阴性证明',
      en: 'Leave the city only if necessary, with a 24-hour negative test',
    },
    districts: [],
    from: '2022-10-29',
    enforcedBy: { kind: 'checkpoint', ref: 'entrance.city-exit' },
  },
  {
    noticeNo: DEMO_SUSPENSION.noticeNo,
    kind: 'venue-suspension',
    text: { 'zh-CN': DEMO_SUSPENSION.title, en: 'KTVs, internet cafés, cinemas and gyms across the city suspended' },
    districts: [],
    from: DEMO_SUSPENSION.effectiveOn,
    enforcedBy: { kind: 'suspension', ref: DEMO_SUSPENSION.noticeNo },
  },
  {
    noticeNo: CITY,
    kind: 'closed-loop',
    text: {
      'zh-CN': '养老院、护理院、儿童福利院和监管场所实行闭环管理',
      en: 'Care homes, nursing homes, child-welfare and custody facilities run closed-loop',
    },
    districts: [],
    from: '2022-10-29',
    enforcedBy: { kind: 'checkpoint', ref: 'venue-closed-loop' },
  },
  {
    noticeNo: CITY,
    kind: 'open-venues',
    text: { 'zh-CN': '商场超市农贸市场扫码进入、正常开放', en: 'Malls, supermarkets and markets open with a scan' },
    districts: [],
    from: '2022-10-29',
    enforcedBy: { kind: 'policy', ref: 'entrance.mall-market' },
  },
  {
    noticeNo: CITY,
    kind: 'advice',
    text: { 'zh-CN': '继续提倡居家办公', en: 'Working from home still encouraged' },
    districts: [],
    from: '2022-10-29',
    enforcedBy: null,
  },
  {
    noticeNo: TESTING,
    kind: 'regional-testing',
    text: {
      'zh-CN': '11月8日至11日在鼓楼区、台江区、仓山区、晋安区开展区域核酸检测',
      en: 'Regional testing in Gulou, Taijiang, Cangshan and Jin’an, 8–11 November',
    },
    districts: ['350102', '350103', '350104', '350111'],
    from: '2022-11-08',
    to: '2022-11-11',
    enforcedBy: { kind: 'campaign', ref: 'FZ-2022-11-08' },
  },
];

/** Records the briefing's measures through the real service, at every scale (they are not population-sized). */
export const measuresSeed: SeedStep = {
  id: 'events.measures',
  async run(ctx: Ctx) {
    let measures = 0;
    for (const m of DEMO_MEASURES) {
      if (await measureOf(ctx.db.k, m.noticeNo, m.kind)) continue;
      await recordMeasure(ctx, 'system', m);
      measures++;
    }
    return { measures };
  },
};
