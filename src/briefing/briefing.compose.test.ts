import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import type { BanyanModule, SectionText } from '../platform/module.ts';
import { segmentsOf } from '../platform/text.ts';
import { zoneSentence, zoneSentenceParts } from '../zones/zones.rules.ts';
import { composeBriefing } from './briefing.compose.ts';

const same = (text: string): SectionText => ({
  'zh-CN': segmentsOf([text]),
  'zh-TW': segmentsOf([text]),
  en: segmentsOf([text]),
});

for (const dialect of dialects()) {
  describe(`composing the briefing from the modules' sections on ${dialect}`, async () => {
    const base = await testCtx(dialect);
    after(() => base.close());

    test('sections read in their order, a blank line apart; a section with nothing to say is left out', async () => {
      const modules: BanyanModule[] = [
        {
          name: 'late',
          briefing: [{ id: 'late', order: 30, draft: async () => same('Third.') }],
        },
        {
          name: 'early',
          briefing: [
            {
              id: 'first',
              order: 10,
              draft: async (_ctx, date) => ({
                'zh-CN': segmentsOf([`${date}：`, ['n', 3, '/#/n'], '例。']),
                'zh-TW': segmentsOf([`${date}：`, ['n', 3, '/#/n'], '例。']),
                en: segmentsOf([`${date}: `, ['n', 3, '/#/n'], ' cases.']),
              }),
            },
            { id: 'silent', order: 20, draft: async () => null },
          ],
        },
      ];
      const b = await composeBriefing({ ...base, modules }, '2022-11-06');
      assert.equal(b.texts.en, '2022-11-06: 3 cases.\n\nThird.');
      assert.equal(b.texts['zh-CN'], '2022-11-06：3例。\n\nThird.');
      assert.deepEqual(b.segments.en, [
        { text: '2022-11-06: ' },
        { text: '3', metric: 'n', value: 3, href: '/#/n' },
        { text: ' cases.\n\nThird.' },
      ]);
    });

    test('no sections, no text', async () => {
      const b = await composeBriefing({ ...base, modules: [] }, '2022-11-06');
      assert.deepEqual(b.texts, { 'zh-CN': '', 'zh-TW': '', en: '' });
    });
  });
}

describe('the zone sentence', () => {
  test('its numbers link to the zones they count, and its text is the sentence the CLI prints', () => {
    const counts = { high: 164, medium: 157, liftedMedium: 67 };
    const parts = zoneSentenceParts(counts, undefined, (level, status) => `/#/zones?level=${level}&status=${status}`);
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      const segs = segmentsOf(parts[lang]);
      assert.equal(segs.map((s) => s.text).join(''), zoneSentence(counts)[lang]);
      assert.deepEqual(
        segs.flatMap((s) => ('metric' in s ? [`${s.metric}=${s.value} ${s.href}`] : [])),
        [
          'zonesHigh=164 /#/zones?level=high&status=active',
          'zonesMedium=157 /#/zones?level=medium&status=active',
          'zonesLiftedMedium=67 /#/zones?level=medium&status=lifted',
        ],
      );
    }
  });
});
