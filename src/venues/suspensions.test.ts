import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { listAudit } from '../platform/audit/audit.service.ts';
import { check, checkState } from './checks.service.ts';
import { listNotices, reopenByNotice, suspendByNotice } from './suspensions.service.ts';
import { personalCode, signVenueCode } from './venues.codes.ts';
import { createVenues, listVenues, setVenueStatus } from './venues.service.ts';

const cmd = { userId: 1, username: 'cmd', role: 'commander' as const, scope: { kind: 'city' as const, code: '3501' } };
const officer = (district: string) => ({
  userId: 2,
  username: `o${district}`,
  role: 'district-officer' as const,
  scope: { kind: 'district' as const, code: district },
});
const G = '350102001001';
const C = DIVISIONS.find((d) => d.level === 'community' && d.code.startsWith('350104'))?.code ?? assert.fail();
const T = Date.parse('2022-11-09T10:00:00+08:00');
const N1 = '榕防指〔2022〕45号';
const crowded = {
  title: '关于暂停KTV、网吧、影剧院营业的通告',
  categories: ['public-place' as const],
  kinds: ['ktv' as const, 'internet-cafe' as const, 'cinema' as const],
  effectiveOn: '2022-11-04',
};

for (const dialect of dialects()) {
  describe(`suspension by notice on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const statuses = async () =>
      Object.fromEntries((await listVenues(ctx, cmd, '2022-11-09')).map((v) => [v.code, [v.status, v.notice]]));

    before(async () => {
      await createVenues(ctx, 'system', [
        { code: 'KTV-G', name: '鼓楼KTV', category: 'public-place', kind: 'ktv', communityCode: G },
        {
          code: 'NET-C',
          name: '仓山网吧',
          category: 'public-place',
          kind: 'internet-cafe',
          communityCode: C,
          status: 'closed-loop',
        },
        {
          code: 'CINE-G',
          name: '鼓楼影城',
          category: 'public-place',
          kind: 'cinema',
          communityCode: G,
          status: 'suspended',
        },
        // Recognised by the registered kind, not the name: a park named after a KTV stays open, a
        // KTV whose name says nothing of singing is suspended.
        { code: 'PARK-G', name: '鼓楼KTV主题公园', category: 'public-place', communityCode: G },
        { code: 'OFFICE-G', name: 'KTV大厦', category: 'office', communityCode: G },
        { code: 'KTV-C', name: '仓山欢唱汇', category: 'public-place', kind: 'ktv', communityCode: C },
      ]);
    });

    test('a kind must be one of its category’s', async () => {
      await assert.rejects(
        createVenues(ctx, 'system', [
          { code: 'X-1', name: '鼓楼站', category: 'public-place', kind: 'rail', communityCode: G },
        ]),
        { code: 'VENUE_KIND_UNKNOWN' },
      );
      await assert.rejects(
        createVenues(ctx, 'system', [
          { code: 'X-2', name: '鼓楼大厦', category: 'office', kind: 'ktv', communityCode: G },
        ]),
        { code: 'VENUE_KIND_UNKNOWN' },
      );
      assert.equal((await statuses())['X-1'], undefined, 'nothing registered');
    });

    test('a city-wide notice suspends its kinds and reopening restores exactly what it took', async () => {
      const r = await suspendByNotice(ctx, cmd, { ...crowded, noticeNo: N1, districts: [] });
      assert.deepEqual(r, { noticeNo: N1, suspended: 3, alreadySuspended: 1 });
      assert.deepEqual(await statuses(), {
        'KTV-G': ['suspended', N1],
        'NET-C': ['suspended', N1],
        'CINE-G': ['suspended', null],
        'PARK-G': ['open', null],
        'OFFICE-G': ['open', null],
        'KTV-C': ['suspended', N1],
      });
      // One of them opened by hand in between: the notice no longer holds it.
      await setVenueStatus(ctx, cmd, 'KTV-C', 'open');
      await setVenueStatus(ctx, cmd, 'KTV-C', 'suspended');
      const [n] = await listNotices(ctx, cmd);
      assert.deepEqual([n?.noticeNo, n?.cityWide, n?.suspended, n?.held, n?.reopenedAt], [N1, true, 3, 2, null]);
      const back = await reopenByNotice(ctx, cmd, N1);
      assert.deepEqual(back, { noticeNo: N1, restored: 2, left: ['KTV-C'] });
      assert.deepEqual(await statuses(), {
        'KTV-G': ['open', null],
        'NET-C': ['closed-loop', null],
        'CINE-G': ['suspended', null],
        'PARK-G': ['open', null],
        'OFFICE-G': ['open', null],
        'KTV-C': ['suspended', null],
      });
      await assert.rejects(reopenByNotice(ctx, cmd, N1), { code: 'NOTICE_REOPENED' });
      await assert.rejects(suspendByNotice(ctx, cmd, { ...crowded, noticeNo: N1, districts: [] }), {
        code: 'NOTICE_EXISTS',
      });
      const audit = (await listAudit(ctx.db, { page: 1, pageSize: 50, entity: 'venue-notice' })).items.map(
        (a) => a.action,
      );
      assert.deepEqual(audit.sort(), ['venues-reopened-by-notice', 'venues-suspended-by-notice']);
      await setVenueStatus(ctx, cmd, 'KTV-C', 'open');
    });

    test('the door’s refusal names the notice', async () => {
      await suspendByNotice(ctx, cmd, { ...crowded, noticeNo: 'N-DOOR', districts: ['350102'] });
      const keys = (await checkState(ctx)).keys;
      const s = `35010219850612${'001'}`;
      await ctx.db.k
        .transaction()
        .execute((trx) =>
          insertPersons(trx, [
            sealPerson(
              ctx.crypto,
              { idNumber: s + checkCharOf(s), name: '甲', communityCode: G },
              new Date().toISOString(),
            ),
          ]),
        );
      const p = await ctx.db.k.selectFrom('persons').select('id').executeTakeFirstOrThrow();
      const v = await check(
        ctx,
        { venueCode: signVenueCode(keys, 'KTV-G', 1), personalCode: personalCode(keys, Number(p.id), T) },
        { guard: null, now: T },
      );
      const reason = v.reasons.find((x) => x.code === 'venue-suspended');
      assert.equal(v.verdict, 'deny');
      assert.equal(reason?.['zh-CN'], '场所依N-DOOR暂停开放');
      assert.equal(reason?.en, 'venue suspended by notice N-DOOR');
      assert.equal((await statuses())['KTV-C']?.[0], 'open', 'another district is not touched');
      await reopenByNotice(ctx, cmd, 'N-DOOR');
    });

    test('a district officer acts on their district only and sees their part of a city notice', async () => {
      const cangshan = officer('350104');
      await assert.rejects(suspendByNotice(ctx, cangshan, { ...crowded, noticeNo: 'N-CITY', districts: [] }), {
        code: 'OUT_OF_SCOPE',
      });
      await assert.rejects(suspendByNotice(ctx, cangshan, { ...crowded, noticeNo: 'N-G', districts: ['350102'] }), {
        code: 'OUT_OF_SCOPE',
      });
      const r = await suspendByNotice(ctx, cangshan, { ...crowded, noticeNo: 'N-C', districts: ['350104'] });
      assert.equal(r.suspended, 2);
      await assert.rejects(suspendByNotice(ctx, cangshan, { ...crowded, noticeNo: 'N-C2', districts: ['350104'] }), {
        code: 'NOTICE_NO_VENUES',
      });
      const gulou = await listNotices(ctx, officer('350102'));
      assert.ok(!gulou.some((n) => n.noticeNo === 'N-C'), 'Gulou does not see a Cangshan notice');
      const city = (await listNotices(ctx, cangshan)).find((n) => n.noticeNo === N1);
      assert.deepEqual([city?.suspended, city?.districts], [2, []], 'its own venues of the city notice');
      await assert.rejects(reopenByNotice(ctx, officer('350102'), 'N-C'), { code: 'OUT_OF_SCOPE' });
      assert.equal((await reopenByNotice(ctx, cangshan, 'N-C')).restored, 2);
      assert.deepEqual((await statuses())['NET-C'], ['closed-loop', null]);
    });
  });
}
