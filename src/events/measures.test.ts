import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { textOf } from '../platform/text.ts';
import { reopenByNotice, suspendByNotice } from '../venues/suspensions.service.ts';
import { createVenues } from '../venues/venues.service.ts';
import { measuresSection } from './measures.briefing.ts';
import { measuresOn, recordMeasure } from './measures.service.ts';

const cmd = { userId: 1, username: 'cmd', role: 'commander' as const, scope: { kind: 'city' as const, code: '3501' } };
const gulou = { ...cmd, role: 'district-officer' as const, scope: { kind: 'district' as const, code: '350102' } };
const G = '350102001001';
const N = '榕防指〔2022〕45号';
const city = { noticeNo: '榕防指〔2022〕41号', districts: [], from: '2022-10-29' };

for (const dialect of dialects()) {
  describe(`measures in force on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const paragraph = async (date: string) => {
      const t = await measuresSection.draft(ctx, date);
      return t && { cn: textOf(t['zh-CN']), tw: textOf(t['zh-TW']), en: textOf(t.en), segs: t['zh-CN'] };
    };

    before(async () => {
      await createVenues(ctx, 'system', [
        { code: 'KTV-1', name: '鼓楼KTV', category: 'public-place', kind: 'ktv', communityCode: G },
        { code: 'NET-1', name: '鼓楼网吧', category: 'public-place', kind: 'internet-cafe', communityCode: G },
        { code: 'HOME-1', name: '鼓楼养老院', category: 'care-home', communityCode: G, status: 'closed-loop' },
      ]);
      await suspendByNotice(ctx, cmd, {
        noticeNo: N,
        title: '关于暂停KTV、网吧营业的通告',
        categories: ['public-place'],
        kinds: ['ktv', 'internet-cafe'],
        districts: [],
        effectiveOn: '2022-11-04',
      });
    });

    test('a measure names an enforcer of the kind it needs, which must exist', async () => {
      const entry = { ...city, kind: 'entry-checks' as const, text: { 'zh-CN': '进入办公场所须查验', en: 'x' } };
      await assert.rejects(recordMeasure(ctx, cmd, entry), { code: 'MEASURE_ENFORCER_INVALID' });
      await assert.rejects(
        recordMeasure(ctx, cmd, { ...entry, enforcedBy: { kind: 'policy', ref: 'entrance.nowhere' } }),
        {
          code: 'MEASURE_ENFORCER_INVALID',
        },
      );
      await assert.rejects(
        recordMeasure(ctx, cmd, {
          ...entry,
          kind: 'venue-suspension',
          enforcedBy: { kind: 'suspension', ref: 'N-NONE' },
        }),
        { code: 'MEASURE_ENFORCER_INVALID' },
      );
      await assert.rejects(recordMeasure(ctx, gulou, { ...entry, enforcedBy: { kind: 'policy', ref: 'entrance' } }), {
        code: 'FORBIDDEN',
      });
      await assert.rejects(
        recordMeasure(ctx, cmd, { ...entry, to: '2022-10-01', enforcedBy: { kind: 'policy', ref: 'entrance' } }),
        {
          code: 'MEASURE_PERIOD_INVALID',
        },
      );
      await recordMeasure(ctx, cmd, { ...entry, enforcedBy: { kind: 'policy', ref: 'entrance' } });
      await assert.rejects(recordMeasure(ctx, cmd, { ...entry, enforcedBy: { kind: 'policy', ref: 'entrance' } }), {
        code: 'MEASURE_EXISTS',
      });
      for (const [kind, enforcedBy, zh] of [
        ['compound-checks', { kind: 'policy', ref: 'entrance.residential-compound.certificateHours' }, '居民小区'],
        ['city-exit', { kind: 'checkpoint', ref: 'entrance.city-exit' }, '非必要不离榕'],
        ['closed-loop', { kind: 'checkpoint', ref: 'venue-closed-loop' }, '养老院闭环'],
        ['open-venues', { kind: 'policy', ref: 'entrance.mall-market' }, '商场超市开放'],
        ['advice', null, '继续提倡居家办公'],
      ] as const)
        await recordMeasure(ctx, cmd, {
          ...city,
          kind,
          enforcedBy,
          text: { 'zh-CN': zh, en: 'Working from home still encouraged' },
        });
      await recordMeasure(ctx, cmd, {
        noticeNo: N,
        kind: 'venue-suspension',
        text: { 'zh-CN': '暂停KTV、网吧营业', en: 'KTVs and internet cafés suspended' },
        districts: [],
        from: '2022-11-04',
        enforcedBy: { kind: 'suspension', ref: N },
      });
      await recordMeasure(ctx, cmd, {
        noticeNo: '榕防指〔2022〕46号',
        kind: 'regional-testing',
        text: { 'zh-CN': '区域核酸检测', en: 'regional testing' },
        districts: ['350102', '350104'],
        from: '2022-11-08',
        to: '2022-11-11',
      });
    });

    test('the measures in force on a day, each with its enforcer’s state that day', async () => {
      const before = await measuresOn(ctx, cmd, '2022-10-28');
      assert.equal(before.items.length, 0);
      const on6 = await measuresOn(ctx, cmd, '2022-11-06');
      assert.deepEqual(
        on6.items.map((m) => m.kind),
        ['entry-checks', 'compound-checks', 'city-exit', 'closed-loop', 'open-venues', 'advice', 'venue-suspension'],
      );
      const byKind = new Map(on6.items.map((m) => [m.kind, m]));
      assert.equal(byKind.get('compound-checks')?.enforcedBy?.state, '24', 'the hours of the version in force');
      assert.deepEqual(byKind.get('venue-suspension')?.enforcedBy, {
        kind: 'suspension',
        ref: N,
        state: '2',
        href: `/#/venues?notice=${encodeURIComponent(N)}`,
      });
      const on9 = await measuresOn(ctx, gulou, '2022-11-09');
      assert.deepEqual(
        on9.items.find((m) => m.kind === 'regional-testing')?.districts,
        ['350102'],
        'only the officer’s district',
      );
      assert.equal(
        (await measuresOn(ctx, cmd, '2022-11-12')).items.some((m) => m.kind === 'regional-testing'),
        false,
      );
    });

    test('the briefing’s measures paragraph is drafted from the measures in force and their enforcers', async () => {
      assert.equal(await paragraph('2022-10-28'), null, 'no measure in force, no paragraph');
      const p = (await paragraph('2022-11-06')) ?? assert.fail();
      assert.match(
        p.cn,
        /^目前，进入办公场所、[^；]+须查验24小时核酸阴性证明并扫场所码；居民小区进出查验24小时核酸阴性证明；非必要不离榕，确需离榕的须持24小时核酸阴性证明；全市KTV、网吧等2家人员密集场所暂停开放（榕防指〔2022〕45号）；1家机构实行闭环管理；商场超市农贸市场[^。；]*扫码进入、正常开放；继续提倡居家办公。$/,
      );
      assert.match(
        p.tw,
        /全市KTV、網吧等2家人員密集場所暫停開放（榕防指〔2022〕45号）；1家機構實行閉環管理；.*繼續提倡居家辦公。$/,
      );
      assert.match(
        p.en,
        /^Measures now in force: entering office, .*; 2 crowded venues suspended across the city \(KTV, internet café; notice Rong Fang Zhi \[2022\] No\. 45\); 1 institution in closed-loop management; .* open with a scan; working from home still encouraged\.$/,
      );
      const links = p.segs.flatMap((s) => ('href' in s ? [`${s.metric}=${s.text} ${s.href}`] : []));
      for (const l of [
        `venuesSuspended=2 /#/venues?notice=${encodeURIComponent(N)}`,
        `measures.notice=${N} /#/measures?date=2022-11-06&notice=${encodeURIComponent(N)}`,
        'venuesClosedLoop=1 /#/venues?status=closed-loop',
      ])
        assert.ok(links.includes(l), `${l} in ${links.join('\n')}`);
      assert.match((await paragraph('2022-11-09'))?.cn ?? '', /11月8日至11月11日在鼓楼区、仓山区开展区域核酸检测；/);
      await reopenByNotice(ctx, cmd, N);
      assert.doesNotMatch(
        (await paragraph('2022-11-06'))?.cn ?? '',
        /暂停开放/,
        'a reopened notice leaves the paragraph',
      );
    });
  });
}
