import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { recordResults } from '../testing/results.service.ts';
import { recordSamples } from '../testing/samples.service.ts';
import { statusIndex } from '../testing/testing.status.ts';
import { addMarks } from '../tracing/tracing.service.ts';
import '../tracing/marks.state.ts';
import { setClock } from '../platform/clock.ts';
import { checkAt } from './check-at.service.ts';
import { reopenByNotice, suspendByNotice } from './suspensions.service.ts';
import { createVenues, setVenueStatus } from './venues.service.ts';

const COMMANDER: Actor = { userId: 1, username: 'commander', role: 'commander', scope: { kind: 'city', code: '3501' } };
const OTHER_DISTRICT: Actor = {
  userId: 2,
  username: 'o350104',
  role: 'district-officer',
  scope: { kind: 'district', code: '350104' },
};
const at = (s: string) => Date.parse(`${s}+08:00`);
const id = (n: number) => residentId(n);
const G = '350102001001';

for (const dialect of dialects()) {
  describe(`an entrance check replayed at a past moment on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    let person: (n: number) => number;
    const replay = (venueCode: string, n: number, when: string, policyId?: string) =>
      checkAt(ctx, COMMANDER, { venueCode, personId: person(n), at: at(when), policyId });

    before(async () => {
      person = await testingRound(ctx, { persons: 2, endOn: '2022-11-12', poolSize: 1, id });
      await createVenues(ctx, 'system', [
        { code: 'OFFICE-G', name: '鼓楼写字楼', category: 'office', communityCode: G },
        { code: 'MARKET-G', name: '鼓楼农贸市场', category: 'mall-market', communityCode: G },
        { code: 'KTV-G', name: '鼓楼KTV', category: 'public-place', kind: 'ktv', communityCode: G },
        { code: 'CARE-G', name: '鼓楼养老院', category: 'care-home', communityCode: G },
      ]);
      // Person 0: negatives sampled at 09:00 on the 9th and the 10th, each resulted at 15:00.
      await recordSamples(
        ctx,
        'system',
        [
          sampleRow(2, 'N9', id(0), 1, '2022-11-09T09:00:00+08:00'),
          sampleRow(3, 'N10', id(0), 1, '2022-11-10T09:00:00+08:00'),
        ],
        'samples',
      );
      const negative = (row: number, tubeCode: string, resultedAt: string) => ({
        row,
        tubeCode,
        result: 'negative',
        resultedAt,
        labCode: 'LAB1',
        ctValue: '',
      });
      await recordResults(
        ctx,
        'system',
        [negative(2, 'N9', '2022-11-09T15:00:00+08:00'), negative(3, 'N10', '2022-11-10T15:00:00+08:00')],
        'results',
      );
      // Person 1: a secondary contact since the evening of the 9th.
      await addMarks(ctx, COMMANDER, [{ idNumber: id(1), kind: 'secondary-contact', since: '2022-11-09 20:00' }]);
    });

    test('a negative counts from when it was resulted, and a later one never counts earlier', async () => {
      // The status index knows only the latest negative (the 10th's); the replay must not meet it on the 9th.
      assert.equal((await statusIndex(ctx.db)).get(person(0)).lastNegativeSampledAt, at('2022-11-10T09:00'));
      const noon9 = await replay('OFFICE-G', 0, '2022-11-09T12:00');
      assert.deepEqual(
        [noon9.verdict, noon9.lastNegativeSampledAt, noon9.reasons.map((r) => r.code)],
        ['deny', null, ['no-negative-24h']],
        'sampled at 09:00, resulted at 15:00: not yet a certificate at noon',
      );
      assert.deepEqual(
        [noon9.policy, noon9.inForce, noon9.replay, noon9.version.id],
        [{ id: 'cn-9th-edition', rule: 'entrance.office' }, 'cn-9th-edition', true, 'cn-9th-edition'],
      );
      const evening9 = await replay('OFFICE-G', 0, '2022-11-09T16:00');
      assert.deepEqual(
        [evening9.verdict, evening9.lastNegativeSampledAt],
        ['allow', new Date(at('2022-11-09T09:00')).toISOString()],
        'resulted by 16:00, the 9th’s negative admits, and the 10th’s is not yet sampled',
      );
      // Noon on the 10th: the 9th's negative is 27 h old and the 10th's not yet resulted.
      const noon10 = await replay('OFFICE-G', 0, '2022-11-10T12:00');
      assert.deepEqual(
        [noon10.verdict, noon10.lastNegativeSampledAt, noon10.reasons.map((r) => r.code)],
        ['deny', new Date(at('2022-11-09T09:00')).toISOString(), ['no-negative-24h']],
      );
      const evening10 = await replay('OFFICE-G', 0, '2022-11-10T16:00');
      assert.deepEqual(
        [evening10.verdict, evening10.lastNegativeSampledAt],
        ['allow', new Date(at('2022-11-10T09:00')).toISOString()],
      );
    });

    test('the version named decides: another version replays the same moment under its own rule', async () => {
      // The 10 measures ask no certificate at offices: the same noon admits, and says under which version.
      const r = await replay('OFFICE-G', 0, '2022-11-09T12:00', 'cn-10-measures');
      assert.deepEqual(
        [r.verdict, r.policy, r.inForce, r.replay, r.version.name.length > 0],
        ['allow', { id: 'cn-10-measures', rule: 'entrance.office' }, 'cn-9th-edition', true, true],
      );
    });

    test('marks and colours stand as they did: a mark begun later does not refuse earlier', async () => {
      const before = await replay('MARKET-G', 1, '2022-11-09T12:00');
      assert.deepEqual([before.verdict, before.colour], ['allow', 'green']);
      const afterMark = await replay('MARKET-G', 1, '2022-11-10T12:00');
      assert.deepEqual(
        [afterMark.verdict, afterMark.colour, afterMark.colourRule, afterMark.reasons.map((r) => r.code)],
        ['deny', 'red', 'fujian-2022-11:secondary-contact', ['colour-red']],
      );
      // Under the 20 measures a secondary contact is no longer coloured: the market admits.
      const twenty = await replay('MARKET-G', 1, '2022-11-10T12:00', 'cn-20-measures');
      assert.deepEqual([twenty.verdict, twenty.colour, twenty.policy.id], ['allow', 'green', 'cn-20-measures']);
    });

    test('the venue stands as it did: suspended by a notice from its day, open again after the reopening', async () => {
      const notice = '榕防指〔2022〕99号';
      const ktv = async (when: string) => {
        const r = await replay('KTV-G', 0, when);
        return [r.verdict, r.reasons.map((x) => x.code), r.venueStatus];
      };
      try {
        // Issued at 10:00 on the 10th, in force from that day.
        setClock('2022-11-10T10:00:00+08:00');
        const s = await suspendByNotice(ctx, 'system', {
          noticeNo: notice,
          title: '关于暂停全市KTV营业的通告',
          categories: ['public-place'],
          kinds: ['ktv'],
          districts: [],
          effectiveOn: '2022-11-10',
        });
        assert.equal(s.suspended, 1);
        const open = { status: 'open', notice: null };
        const suspended = { status: 'suspended', notice };
        assert.deepEqual(await ktv('2022-11-09T16:00'), ['allow', [], open], 'before the notice the KTV admitted');
        assert.deepEqual(await ktv('2022-11-10T08:00'), ['deny', ['venue-suspended'], suspended], 'from its day');
        assert.deepEqual(await ktv('2022-11-10T16:00'), ['deny', ['venue-suspended'], suspended]);
        const during = await replay('KTV-G', 0, '2022-11-10T16:00');
        assert.equal(during.reasons[0]?.['zh-CN'], `场所依${notice}暂停开放`, 'the refusal names the notice of then');
        setClock('2022-11-11T07:00:00+08:00');
        assert.equal((await reopenByNotice(ctx, 'system', notice)).restored, 1);
        assert.deepEqual(await ktv('2022-11-11T08:00'), ['allow', [], open], 'reopened: admits again');
        assert.deepEqual(await ktv('2022-11-10T16:00'), ['deny', ['venue-suspended'], suspended], 'the past stays');
        const now = await checkAt(ctx, COMMANDER, { venueCode: 'KTV-G', personId: person(0) });
        assert.deepEqual([now.replay, now.venueStatus], [false, open]);
      } finally {
        setClock(null);
      }
    });

    test('a venue put under closed-loop management by hand refuses outsiders only from then', async () => {
      try {
        setClock('2022-11-10T10:00:00+08:00');
        await setVenueStatus(ctx, COMMANDER, 'CARE-G', 'closed-loop');
      } finally {
        setClock(null);
      }
      const before = await replay('CARE-G', 0, '2022-11-09T16:00');
      assert.deepEqual([before.verdict, before.venueStatus.status], ['allow', 'open']);
      const during = await replay('CARE-G', 0, '2022-11-10T16:00');
      assert.deepEqual(
        [during.verdict, during.reasons.map((r) => r.code), during.venueStatus.status],
        ['deny', ['venue-closed-loop'], 'closed-loop'],
      );
    });

    test('refused outside the caller’s area and for an unknown venue; nothing is stored', async () => {
      await assert.rejects(
        checkAt(ctx, OTHER_DISTRICT, { venueCode: 'OFFICE-G', personId: person(0), at: at('2022-11-09T12:00') }),
        { code: 'OUT_OF_SCOPE' },
      );
      await assert.rejects(replay('NOWHERE', 0, '2022-11-09T12:00'), { code: 'VENUE_UNKNOWN' });
      const scans = await ctx.db.k
        .selectFrom('scans')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst();
      assert.equal(Number(scans?.n), 0);
    });
  });
}
