import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { insertResidents, residentId } from '../../test/helpers/testing.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { setClock } from '../platform/clock.ts';
import type { AppError } from '../platform/errors.ts';
import { createDraft } from '../policy/drafts.service.ts';
import { getPolicy } from '../policy/policy.service.ts';
import { addMarks } from '../tracing/tracing.service.ts';
import { createVenues } from '../venues/venues.service.ts';
import { addResidents } from '../zones/residents.service.ts';
import { designateZone } from '../zones/zones.service.ts';
import { switchoverJob } from './switchover.job.ts';
import { listSwitchoverChanges, switchOver, switchOverIfDue } from './switchover.service.ts';

const COMMANDER: Actor = { userId: 1, username: 'commander', role: 'commander', scope: { kind: 'city', code: '3501' } };
const CITY = { kind: 'city', code: '3501' } as const;

for (const dialect of dialects()) {
  describe(`switching the city over to a version on ${dialect}`, async () => {
    const t = await testApp(dialect);
    const ctx = t.ctx;
    after(async () => {
      setClock(null);
      await t.close();
    });
    const pid: number[] = [];

    before(async () => {
      setClock('2022-11-10T10:00:00+08:00');
      await insertResidents(ctx, 4, residentId);
      pid.push(...(await ctx.db.k.selectFrom('persons').select('id').orderBy('id').execute()).map((r) => Number(r.id)));
      // Person 0: a secondary contact; person 1: lives in a medium zone; 2 and 3: nothing recorded.
      await addMarks(ctx, COMMANDER, [
        { idNumber: residentId(0), kind: 'secondary-contact', since: '2022-11-09 20:00' },
      ]);
      const zone = await designateZone(ctx, 'system', {
        name: '测试楼',
        level: 'medium',
        unit: 'building',
        communityCode: '350102001001',
        residents: 1,
        noticeNo: 'N1',
        noticeDistrict: '350102',
        effectiveAt: '2022-11-08T18:00:00+08:00',
      });
      await addResidents(ctx, 'system', zone.code, [pid[1] as number]);
      await createVenues(ctx, 'system', [
        { code: 'CLINIC', name: '卫生服务中心', category: 'medical-institution', communityCode: '350102001001' },
        { code: 'CLINIC2', name: '诊所', category: 'medical-institution', communityCode: '350102001001' },
      ]);
    });

    test('a scheduled version is switched over on its day by the job: every change with its rule', async () => {
      await assert.rejects(
        switchOver(ctx, 'cli', 'cn-20-measures'),
        (e: AppError) => e.code === 'POLICY_SWITCHOVER_NOT_YET' && e.params?.date === '2022-11-11',
      );
      setClock('2022-11-11T00:05:00+08:00');
      const run = await switchoverJob.run(ctx, '2022-11-11');
      assert.deepEqual(
        [run.version, run.previous, run.coloursChanged, run.venuesChanged],
        ['cn-20-measures', 'cn-9th-edition', 2, 2],
      );
      const colours = await listSwitchoverChanges(ctx, 'cli', 'cn-20-measures', { kind: 'colour' });
      assert.deepEqual(
        colours.items.map((c) => [Number(c.subject), c.districtCode, c.from, c.to, c.fromRule, c.toRule]).sort(),
        [
          [pid[0], '350102', 'red', 'green', 'colours.secondary-contact', 'colours.default'],
          [pid[1], '350102', 'yellow', 'green', 'colours.medium-zone-resident', 'colours.default'],
        ].sort(),
      );
      const venues = await listSwitchoverChanges(ctx, 'cli', 'cn-20-measures', { kind: 'venue' });
      assert.deepEqual(
        venues.items.map((v) => [v.subject, v.from, v.to]),
        [['medical-institution', '-h green/yellow zones medium/low', '-h green/yellow zones low']],
        'the zone levels clinics admit are what changed, and the record says so',
      );
      // Once per version: the job the next day and a second request answer nothing new.
      assert.deepEqual(await switchoverJob.run(ctx, '2022-11-12'), { version: null });
      const again = await switchOver(ctx, 'cli', 'cn-20-measures');
      assert.equal(again.counts.coloursChanged, 2);
      const audit = await ctx.db.k
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('action', '=', 'policy-switched-over')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor]),
        [['policy-switched-over', 'system']],
      );
      assert.equal(await switchOverIfDue(ctx, 'system', '2022-11-11'), null);
    });

    test('publishing a version in force today switches over at once; the old PUT is closed', async () => {
      setClock('2022-11-13T09:00:00+08:00');
      await t.user('drafter', 'commander', CITY);
      await t.user('approver', 'commander', CITY);
      const drafter = await t.login('drafter');
      const approver = await t.login('approver');
      const ninth = await getPolicy(ctx, 'cn-9th-edition');
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/policies/local-1113',
        headers: { cookie: drafter },
        payload: { name: 'x', effectiveFrom: '2022-11-13', params: ninth.params },
      });
      assert.equal(put.statusCode, 409, put.body);
      assert.equal(put.json().error.code, 'POLICY_DIRECT_EDIT_CLOSED');
      assert.equal(
        (await ctx.db.k.selectFrom('policy_versions').select('id').where('id', '=', 'local-1113').execute()).length,
        0,
        'nothing stored by the closed path',
      );
      const draft = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policy-drafts',
        headers: { cookie: drafter },
        payload: { id: 'local-1113', basedOn: 'cn-9th-edition', effectiveFrom: '2022-11-13' },
      });
      assert.equal(draft.statusCode, 201, draft.body);
      const self = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policy-drafts/local-1113/publish',
        headers: { cookie: drafter },
      });
      assert.equal(self.json().error.code, 'POLICY_DRAFT_SAME_PERSON');
      const pub = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policy-drafts/local-1113/publish',
        headers: { cookie: approver },
      });
      assert.equal(pub.statusCode, 200, pub.body);
      const s = pub.json().switchOver;
      assert.deepEqual([s.version, s.previous, s.counts.coloursChanged], ['local-1113', 'cn-20-measures', 2]);
      assert.deepEqual(
        s.colours
          .map((g: { fromRule: string; toRule: string; count: number }) => [g.fromRule, g.toRule, g.count])
          .sort(),
        [
          ['colours.default', 'colours.medium-zone-resident', 1],
          ['colours.default', 'colours.secondary-contact', 1],
        ],
      );
      const read = await t.app.inject({
        method: 'GET',
        url: '/api/v1/policies/local-1113/switch-over/changes?kind=colour&district=350102',
        headers: { cookie: approver },
      });
      assert.equal(read.json().total, 2);
      const list = await t.app.inject({
        method: 'GET',
        url: '/api/v1/policy-switchovers',
        headers: { cookie: approver },
      });
      assert.deepEqual(
        list.json().items.map((i: { version: string }) => i.version),
        ['local-1113', 'cn-20-measures'],
      );
      // A draft for a later day publishes without switching over; its day's job does that.
      await createDraft(ctx, COMMANDER, { id: 'later-1120', basedOn: 'cn-20-measures', effectiveFrom: '2022-11-20' });
      const later = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policy-drafts/later-1120/publish',
        headers: { cookie: approver },
      });
      assert.equal(later.json().switchOver, null);
    });
  });
}
