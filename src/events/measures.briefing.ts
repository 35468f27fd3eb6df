import type { BriefingSection, Segment } from '../platform/module.ts';
import { plural, zhDay } from '../platform/text.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { CATEGORY_LABELS } from '../venues/poster.ts';
import { NOTICE_KINDS, type NoticeKind } from '../venues/suspensions.rules.ts';
import { noticeSummary } from '../venues/suspensions.service.ts';
import { CATEGORIES, type Category } from '../venues/venues.rules.ts';
import { venuesOf } from '../venues/venues.service.ts';
import { measuresOnDay, type StoredMeasure } from './measures.repo.ts';
import { MEASURE_KINDS } from './measures.rules.ts';
import { districtNames, tw } from './measures.text.ts';

type Lang = 'zh-CN' | 'zh-TW' | 'en';
type P = string | Segment;
type Clause = Record<Lang, P[]>;

// Said in clauses of their own, so left out of the list of places that check certificates.
const OWN_CLAUSE: readonly Category[] = ['residential-compound', 'city-exit'];

const num = (metric: string, value: number, href: string): Segment => ({ text: String(value), metric, value, href });
const names = (cs: Category[], lang: Lang) =>
  lang === 'en'
    ? cs.map((c) => CATEGORY_LABELS[c].en.toLowerCase()).join(', ')
    : cs.map((c) => (lang === 'zh-TW' ? tw(CATEGORY_LABELS[c]['zh-CN']) : CATEGORY_LABELS[c]['zh-CN'])).join('、');
const same = (cn: P[], hant: P[], en: P[]): Clause => ({ 'zh-CN': cn, 'zh-TW': hant, en });
const areaOf = (m: StoredMeasure, lang: Lang) => {
  const ds = JSON.parse(m.districts) as string[];
  if (ds.length === 0) return lang === 'en' ? 'across the city' : '全市';
  return lang === 'en' ? `in ${districtNames(ds, 'en')}` : districtNames(ds, lang);
};

/** Joins parts into segments, merging neighbouring plain text. */
function segments(parts: P[]): Segment[] {
  const out: Segment[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (typeof p === 'string') {
      if (last && !('metric' in last)) last.text += p;
      else out.push({ text: p });
    } else out.push(p);
  }
  return out;
}

/**
 * The measures paragraph (防控措施): the notices in force on the day, each kind in its own clause
 * with its figures from what enforces it — the hours from the policy version in force, the venues a
 * suspension notice holds, the institutions in closed loop from the registry — every number and
 * notice a link. It replaces the venues module's entrance-checks paragraph, which drafted the same
 * clauses from the policy and registry alone: a measure nobody recorded is not announced, and one
 * lifted leaves the paragraph. A regional testing campaign is reported by the testing paragraph from
 * the campaign itself, so its measure is not said twice.
 */
export const measuresSection: BriefingSection = {
  id: 'measures',
  order: 35,
  async draft(ctx, date) {
    const measures = (await measuresOnDay(ctx.db, date)).sort(
      (a, b) => MEASURE_KINDS.indexOf(a.kind as never) - MEASURE_KINDS.indexOf(b.kind as never) || a.id - b.id,
    );
    if (measures.length === 0) return null;
    const policy = policyOn(await listPolicies(ctx), date);
    const rules = policy.params.entrance;
    const policyHref = `/#/policy?id=${encodeURIComponent(policy.id)}`;
    const clauses: Clause[] = [];
    for (const m of measures) {
      if (m.kind === 'entry-checks') {
        const byHours = new Map<number, Category[]>();
        for (const c of CATEGORIES) {
          const h = rules[c].certificateHours;
          if (!OWN_CLAUSE.includes(c) && h !== null) byHours.set(h, [...(byHours.get(h) ?? []), c]);
        }
        for (const [h, cs] of byHours) {
          const n = num('entranceCertificateHours', h, policyHref);
          clauses.push(
            same(
              [`进入${names(cs, 'zh-CN')}须查验`, n, '小时核酸阴性证明并扫场所码'],
              [`進入${names(cs, 'zh-TW')}須查驗`, n, '小時核酸陰性證明並掃場所碼'],
              [`entering ${names(cs, 'en')} needs a negative test within `, n, ' hours and a scan of the venue code'],
            ),
          );
        }
      } else if (m.kind === 'compound-checks' || m.kind === 'city-exit') {
        const h = rules[m.kind === 'city-exit' ? 'city-exit' : 'residential-compound'].certificateHours;
        if (h === null) continue;
        const n = num(m.kind === 'city-exit' ? 'exitCertificateHours' : 'compoundCertificateHours', h, policyHref);
        clauses.push(
          m.kind === 'city-exit'
            ? same(
                ['非必要不离榕，确需离榕的须持', n, '小时核酸阴性证明'],
                ['非必要不離榕，確需離榕的須持', n, '小時核酸陰性證明'],
                ['leaving the city only if necessary, with a negative test within ', n, ' hours'],
              )
            : same(
                ['居民小区进出查验', n, '小时核酸阴性证明'],
                ['居民小區進出查驗', n, '小時核酸陰性證明'],
                ['residential compounds check a negative test within ', n, ' hours at the gate'],
              ),
        );
      } else if (m.kind === 'venue-suspension' && m.enforced_ref) {
        const s = await noticeSummary(ctx, m.enforced_ref);
        if (!s || s.reopenedAt || s.held === 0) continue;
        const n = num('venuesSuspended', s.held, `/#/venues?notice=${encodeURIComponent(s.noticeNo)}`);
        const notice: Segment = {
          text: s.noticeNo,
          metric: 'measures.notice',
          value: m.id,
          href: `/#/measures?date=${date}&notice=${encodeURIComponent(s.noticeNo)}`,
        };
        const kinds = (lang: Lang) =>
          s.kinds.map((k: NoticeKind) => (lang === 'en' ? NOTICE_KINDS[k].en : NOTICE_KINDS[k]['zh-CN']));
        const area = (lang: Lang) =>
          s.districts.length ? districtNames(s.districts, lang) : lang === 'en' ? 'the city' : '全市';
        const zhKinds = (lang: Lang) => (s.kinds.length ? `${kinds(lang).join('、')}等` : '');
        clauses.push(
          same(
            [`${area('zh-CN')}${zhKinds('zh-CN')}`, n, '家人员密集场所暂停开放（', notice, '）'],
            [tw(`${area('zh-TW')}${zhKinds('zh-TW')}`), n, '家人員密集場所暫停開放（', notice, '）'],
            [
              n,
              ` crowded ${plural(s.held, 'venue', 'venues')} suspended ${area('en') === 'the city' ? 'across the city' : `in ${area('en')}`} (${s.kinds.length ? `${kinds('en').join(', ')}; ` : ''}notice `,
              { ...notice, text: noticeEn(s.noticeNo) },
              ')',
            ],
          ),
        );
      } else if (m.kind === 'closed-loop') {
        const ds = JSON.parse(m.districts) as string[];
        const closed = (await venuesOf(ctx)).filter(
          (v) => v.status === 'closed-loop' && (ds.length === 0 || ds.includes(v.district_code)),
        ).length;
        if (closed === 0) continue;
        const n = num('venuesClosedLoop', closed, '/#/venues?status=closed-loop');
        clauses.push(
          same(
            [n, '家机构实行闭环管理'],
            [n, '家機構實行閉環管理'],
            [n, ` ${plural(closed, 'institution', 'institutions')} in closed-loop management`],
          ),
        );
      } else if (m.kind === 'open-venues') {
        const free = CATEGORIES.filter(
          (c) => !OWN_CLAUSE.includes(c) && rules[c].certificateHours === null && rules[c].colours.includes('green'),
        );
        if (free.length)
          clauses.push(
            same(
              [`${names(free, 'zh-CN')}扫码进入、正常开放`],
              [`${names(free, 'zh-TW')}掃碼進入、正常開放`],
              [`${names(free, 'en')} open with a scan`],
            ),
          );
      } else if (m.kind === 'regional-testing' && m.enforced_kind !== 'campaign') {
        const span = `${zhDay(m.effective_from)}${m.effective_to ? `至${zhDay(m.effective_to)}` : '起'}`;
        clauses.push(
          same(
            [`${span}在${areaOf(m, 'zh-CN')}开展区域核酸检测`],
            [`${span}在${areaOf(m, 'zh-TW')}開展區域核酸檢測`],
            [
              `regional testing ${areaOf(m, 'en')} from ${m.effective_from}${m.effective_to ? ` to ${m.effective_to}` : ''}`,
            ],
          ),
        );
      } else if (m.kind === 'advice') {
        const strip = (s: string) => s.replace(/[。.；;]+$/, '');
        clauses.push(
          same([strip(m.text_zh)], [strip(m.text_tw)], [strip(m.text_en).replace(/^./, (c) => c.toLowerCase())]),
        );
      }
    }
    if (clauses.length === 0) return null;
    const paragraph = (lang: Lang, open: string, sep: string, end: string) =>
      segments([open, ...clauses.flatMap((c, i) => [...c[lang], i === clauses.length - 1 ? end : sep])]);
    return {
      'zh-CN': paragraph('zh-CN', '目前，', '；', '。'),
      'zh-TW': paragraph('zh-TW', '目前，', '；', '。'),
      en: paragraph('en', 'Measures now in force: ', '; ', '.'),
    };
  },
};

// An English reader gets the notice number as official translations give it, by its issuer's pinyin
// (榕防指〔2022〕45号 → Rong Fang Zhi [2022] No. 45); an issuer not listed keeps its characters.
const ISSUERS_EN: Record<string, string> = { 榕防指: 'Rong Fang Zhi' };

/** A notice number as an English text quotes it. */
export function noticeEn(no: string): string {
  const m = /^(.+?)〔(\d{4})〕(\d+)号$/.exec(no);
  if (!m) return no;
  const [, issuer = '', year, n] = m;
  return `${ISSUERS_EN[issuer] ?? issuer} [${year}] No. ${n}`;
}
