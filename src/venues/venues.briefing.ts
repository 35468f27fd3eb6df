import type { BriefingSection, SectionText } from '../platform/module.ts';
import { type Part, segmentsOf } from '../platform/text.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { CATEGORY_LABELS } from './poster.ts';
import { countVenuesByStatus } from './venues.repo.ts';
import { CATEGORIES, type Category } from './venues.rules.ts';

// Said in sentences of their own, so left out of the list of places that check certificates.
const OWN_SENTENCE: readonly Category[] = ['residential-compound', 'city-exit'];

const TW: Record<string, string> = {
  办: '辦',
  机: '機',
  关: '關',
  业: '業',
  单: '單',
  场: '場',
  建: '建',
  筑: '築',
  厂: '廠',
  养: '養',
  构: '構',
  监: '監',
  学: '學',
  考: '考',
  点: '點',
  交: '交',
  通: '通',
  站: '站',
  卡: '卡',
  门: '門',
  医: '醫',
  疗: '療',
  农: '農',
  贸: '貿',
  乐: '樂',
  区: '區',
  榕: '榕',
};
const tw = (s: string) => [...s].map((c) => TW[c] ?? c).join('');

/**
 * Entrance checks in force on the day, drafted from the policy version's entrance rules (the hours
 * each kind of place asks for) and the venue registry (places suspended, institutions in closed
 * loop), each number a link to the version or the venues it counts.
 */
export const venuesSection: BriefingSection = {
  id: 'venues',
  order: 35,
  async draft(ctx, date) {
    const policy = policyOn(await listPolicies(ctx), date);
    const rules = policy.params.entrance;
    const byStatus = await countVenuesByStatus(ctx.db);
    const policyHref = `/#/policy?id=${encodeURIComponent(policy.id)}`;
    const byHours = new Map<number, Category[]>();
    const free: Category[] = [];
    for (const c of CATEGORIES) {
      if (OWN_SENTENCE.includes(c)) continue;
      const h = rules[c].certificateHours;
      if (h === null) {
        if (rules[c].colours.includes('green')) free.push(c);
      } else byHours.set(h, [...(byHours.get(h) ?? []), c]);
    }
    const names = (cs: Category[], lang: 'zh-CN' | 'zh-TW' | 'en') =>
      lang === 'en'
        ? cs.map((c) => CATEGORY_LABELS[c].en.toLowerCase()).join(', ')
        : cs.map((c) => (lang === 'zh-TW' ? tw(CATEGORY_LABELS[c]['zh-CN']) : CATEGORY_LABELS[c]['zh-CN'])).join('、');
    const compound = rules['residential-compound'].certificateHours;
    const exit = rules['city-exit'].certificateHours;
    const suspended = byStatus.get('suspended') ?? 0;
    const closed = byStatus.get('closed-loop') ?? 0;
    if (byHours.size === 0 && compound === null && exit === null && suspended === 0 && closed === 0) return null;

    const zh = (lang: 'zh-CN' | 'zh-TW'): Part[] => {
      const T = (cn: string, hant: string) => (lang === 'zh-TW' ? hant : cn);
      const p: Part[] = [T('目前，', '目前，')];
      const clauses: Part[][] = [];
      for (const [h, cs] of byHours)
        clauses.push([
          `${T('进入', '進入')}${names(cs, lang)}${T('须查验', '須查驗')}`,
          ['entranceCertificateHours', h, policyHref],
          T('小时核酸阴性证明并扫场所码', '小時核酸陰性證明並掃場所碼'),
        ]);
      if (compound !== null)
        clauses.push([
          T('居民小区进出查验', '居民小區進出查驗'),
          ['compoundCertificateHours', compound, policyHref],
          T('小时核酸阴性证明', '小時核酸陰性證明'),
        ]);
      if (exit !== null)
        clauses.push([
          T('非必要不离榕，确需离榕的须持', '非必要不離榕，確需離榕的須持'),
          ['exitCertificateHours', exit, policyHref],
          T('小时核酸阴性证明', '小時核酸陰性證明'),
        ]);
      if (suspended > 0)
        clauses.push([
          ['venuesSuspended', suspended, '/#/venues?status=suspended'],
          T('家人员密集场所暂停开放', '家人員密集場所暫停開放'),
        ]);
      if (closed > 0)
        clauses.push([
          ['venuesClosedLoop', closed, '/#/venues?status=closed-loop'],
          T('家机构实行闭环管理', '家機構實行閉環管理'),
        ]);
      if (free.length) clauses.push([`${names(free, lang)}${T('扫码进入、正常开放', '掃碼進入、正常開放')}`]);
      clauses.forEach((c, i) => {
        p.push(...c, i === clauses.length - 1 ? '。' : '；');
      });
      return p;
    };
    const en: Part[] = ['Entrance checks now in force: '];
    const clauses: Part[][] = [];
    for (const [h, cs] of byHours)
      clauses.push([
        `entering ${names(cs, 'en')} needs a negative test within `,
        ['entranceCertificateHours', h, policyHref],
        ' hours and a scan of the venue code',
      ]);
    if (compound !== null)
      clauses.push([
        'residential compounds check a negative test within ',
        ['compoundCertificateHours', compound, policyHref],
        ' hours at the gate',
      ]);
    if (exit !== null)
      clauses.push([
        'leaving the city only if necessary, with a negative test within ',
        ['exitCertificateHours', exit, policyHref],
        ' hours',
      ]);
    if (suspended > 0)
      clauses.push([['venuesSuspended', suspended, '/#/venues?status=suspended'], ' crowded venues suspended']);
    if (closed > 0)
      clauses.push([
        ['venuesClosedLoop', closed, '/#/venues?status=closed-loop'],
        ' institutions in closed-loop management',
      ]);
    if (free.length) clauses.push([`${names(free, 'en')} open with a scan`]);
    clauses.forEach((c, i) => {
      en.push(...c, i === clauses.length - 1 ? '.' : '; ');
    });
    return {
      'zh-CN': segmentsOf(zh('zh-CN')),
      'zh-TW': segmentsOf(zh('zh-TW')),
      en: segmentsOf(en),
    } satisfies SectionText;
  },
};
