import type { BriefingSection, SectionText } from '../platform/module.ts';
import { enDay, type Part, segmentsOf, zhDay } from '../platform/text.ts';
import { appealsSettings } from './appeals.config.ts';
import { countTotals } from './counts.repo.ts';
import { whitelistedEnterprises } from './registry.repo.ts';

// The few simplified characters of the default channel names; a configured name is printed as given.
const TW: Record<string, string> = { 车: '車', 键: '鍵', 写: '寫' };
const tw = (s: string) => s.replace(/[车键写]/g, (c) => TW[c] ?? c);

/**
 * Appeals: the channels residents and firms write through (configuration), the appeals received up
 * to the day (by the day they came in, so a later closure never changes a past briefing) and the
 * whitelisted enterprises under liaison; nothing when neither appeals nor enterprises exist.
 */
export const appealsSection: BriefingSection = {
  id: 'appeals',
  order: 50,
  async draft(ctx, date) {
    const received = (await countTotals(ctx.db.k, { from: '0000-01-01', to: date })).n;
    // Whitelisted firms (supply-chain lists, industrial leaders) that have a liaison cadre assigned.
    const firms = (await whitelistedEnterprises(ctx.db.k)).filter((f) => f.liaison_cadre_id !== null).length;
    if (received === 0 && firms === 0) return null;
    const s = appealsSettings();
    const web = s.channels.web;
    const mobile = s.channels.mobile;
    const appealsHref = `/#/appeals?to=${date}`;
    const firmsHref = '/#/appeals/enterprises';
    const channels = (t: boolean) => {
      const names = [web['zh-CN'], mobile['zh-CN']].map((n) => (t ? tw(n) : n)).join('、');
      return s.hotline ? `${names}${t ? '和熱線' : '和热线'}${s.hotline}` : names;
    };
    const zh = (t: boolean): Part[] => [
      t
        ? `企業和群眾可透過${channels(true)}反映訴求，截至${zhDay(date)}共受理`
        : `企业和群众可通过${channels(false)}反映诉求，截至${zhDay(date)}共受理`,
      ['appealsReceived', received, appealsHref],
      '件；全市',
      ['whitelistedEnterprises', firms, firmsHref],
      t
        ? '家產業鏈供應鏈白名單企業和工業龍頭企業實行專人掛鉤服務。'
        : '家产业链供应链白名单企业和工业龙头企业实行专人挂钩服务。',
    ];
    const en: Part[] = [
      `Firms and residents raise their needs through the ${web.en}, the ${mobile.en}${s.hotline ? ` and the hotline ${s.hotline}` : ''}; by ${enDay(date)}, `,
      ['appealsReceived', received, appealsHref],
      ' appeals had been received. ',
      ['whitelistedEnterprises', firms, firmsHref],
      ' whitelisted supply-chain and leading industrial enterprises each have a liaison officer.',
    ];
    return { 'zh-CN': segmentsOf(zh(false)), 'zh-TW': segmentsOf(zh(true)), en: segmentsOf(en) } satisfies SectionText;
  },
};
