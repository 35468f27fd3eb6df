import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { insertResidents, residentId } from '../../test/helpers/testing.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import type { AppError } from '../platform/errors.ts';
import { createDraft, editDraft, publishDraft } from '../policy/drafts.service.ts';
import { getPolicy } from '../policy/policy.service.ts';
import { addMarks } from '../tracing/tracing.service.ts';
import '../tracing/marks.state.ts';
import { createVenues } from '../venues/venues.service.ts';
import { addResidents } from '../zones/residents.service.ts';
import { designateZone } from '../zones/zones.service.ts';
import { diffDraft, diffPublished } from './replay.service.ts';

const city = (userId: number, username: string): Actor => ({
  userId,
  username,
  role: 'commander',
  scope: { kind: 'city', code: '3501' },
});
const COMMANDER = city(1, 'commander');
const DEPUTY = city(2, 'deputy');
const id = (n: number) => residentId(n);

for (const dialect of dialects()) {
  describe(`policy drafts, their difference and publication on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const pid: number[] = [];

    before(async () => {
      await insertResidents(ctx, 4, id);
      pid.push(...(await ctx.db.k.selectFrom('persons').select('id').orderBy('id').execute()).map((r) => Number(r.id)));
      // Person 0: a secondary contact; person 1: lives in a medium zone; 2 and 3: nothing recorded.
      await addMarks(ctx, COMMANDER, [{ idNumber: id(0), kind: 'secondary-contact', since: '2022-11-09 20:00' }]);
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
        { code: 'OFFICE', name: '写字楼', category: 'office', communityCode: '350102001001' },
        { code: 'CLINIC', name: '卫生服务中心', category: 'medical-institution', communityCode: '350102001001' },
        { code: 'CLINIC2', name: '诊所', category: 'medical-institution', communityCode: '350102001001' },
      ]);
    });

    test('a draft from the 20 measures against the 9th edition on 10 November: exact difference', async () => {
      await createDraft(ctx, COMMANDER, { id: 'draft-20', basedOn: 'cn-20-measures', effectiveFrom: '2023-01-01' });
      const d = await diffDraft(ctx, COMMANDER, 'draft-20', '2022-11-10');
      assert.deepEqual([d.inForce, d.draft], ['cn-9th-edition', 'draft-20']);
      assert.deepEqual(
        d.colours.byDistrict.map((g) => [g.districtCode, g.from, g.to, g.fromRule, g.toRule, g.count]),
        [
          ['350102', 'yellow', 'green', 'colours.medium-zone-resident', 'colours.default', 1],
          ['350102', 'red', 'green', 'colours.secondary-contact', 'colours.default', 1],
        ],
      );
      assert.deepEqual(
        d.colours.persons.map((p) => p.personId),
        [pid[0], pid[1]],
      );
      assert.deepEqual(
        d.venues.byCategory.map((c) => [c.category, c.venues]),
        [['medical-institution', 2]],
        'medium-zone residents no longer admitted at clinics: there are none',
      );
      assert.equal(d.venues.changed, 2);
      // The line says what changed: not the hours (none either side) but the zone levels admitted.
      const clinic = d.venues.byCategory[0];
      assert.deepEqual(
        [clinic?.changes, clinic?.inForce, clinic?.draft],
        [
          ['zoneLevels'],
          { certificateHours: null, colours: ['green', 'yellow'], zoneLevels: ['medium', 'low'] },
          { certificateHours: null, colours: ['green', 'yellow'], zoneLevels: ['low'] },
        ],
      );
      // Medium zones abolished; the plans that changed, and the secondary contact's schedule no longer kept.
      assert.deepEqual(d.levels, { inForce: ['high', 'medium', 'low'], draft: ['high', 'low'] });
      assert.deepEqual(
        d.schedules.byKind.map((k) => [k.kind, k.draft === null, k.persons]),
        [
          ['close-contact', false, 0],
          ['secondary-contact', true, 1],
          ['left-high-zone', false, 0],
        ],
      );
      assert.deepEqual(d.schedules.persons, [
        {
          personId: pid[0],
          kind: 'secondary-contact',
          since: '2022-11-09',
          inForceEndsOn: '2022-11-15',
          draftEndsOn: null,
        },
      ]);
      assert.equal(d.schedules.changed, 1);
      for (const href of [
        d.zones.href,
        d.colours.href,
        d.venues.href,
        d.schedules.href,
        ...d.colours.byDistrict.map((g) => g.href),
        ...d.schedules.byKind.map((k) => k.href),
      ])
        assert.match(href, /policy=draft-20/);
      const stored = await ctx.db.k.selectFrom('policy_versions').select('id').execute();
      assert.equal(stored.length, 3, 'comparing stores nothing');
    });

    test('a published version against another: the 20 measures against the 9th edition', async () => {
      const d = await diffPublished(ctx, COMMANDER, 'cn-20-measures', '2022-11-10', 'cn-9th-edition');
      assert.deepEqual([d.draft, d.inForce], ['cn-20-measures', 'cn-9th-edition']);
      assert.deepEqual(
        d.colours.byDistrict.map((g) => [g.fromRule, g.toRule, g.count]),
        [
          ['colours.medium-zone-resident', 'colours.default', 1],
          ['colours.secondary-contact', 'colours.default', 1],
        ],
      );
    });

    test('a venue line names each part of the rule that changes: hours, colours, zone levels', async () => {
      await createDraft(ctx, COMMANDER, { id: 'draft-doors', basedOn: 'cn-9th-edition', effectiveFrom: '2023-01-01' });
      const nine = await getPolicy(ctx, 'cn-9th-edition');
      await editDraft(ctx, COMMANDER, 'draft-doors', {
        name: 'doors',
        effectiveFrom: '2023-01-01',
        params: {
          ...nine.params,
          entrance: {
            ...nine.params.entrance,
            // Hours only; the admitted colours listed in another order are the same rule.
            office: { ...nine.params.entrance.office, certificateHours: 48 },
            'medical-institution': { certificateHours: 72, colours: ['yellow', 'green', 'red'], zoneLevels: ['low'] },
            school: { ...nine.params.entrance.school, colours: ['green'] },
          },
        },
      });
      const d = await diffDraft(ctx, COMMANDER, 'draft-doors', '2022-11-10');
      assert.deepEqual(
        d.venues.byCategory.map((c) => [c.category, c.changes]),
        [
          ['office', ['certificateHours']],
          ['medical-institution', ['certificateHours', 'colours', 'zoneLevels']],
        ],
      );
      const clinic = d.venues.byCategory[1];
      assert.deepEqual(
        [clinic?.inForce, clinic?.draft],
        [
          { certificateHours: null, colours: ['green', 'yellow'], zoneLevels: ['medium', 'low'] },
          { certificateHours: 72, colours: ['yellow', 'green', 'red'], zoneLevels: ['low'] },
        ],
      );
    });

    test('an edit is validated by name; publishing needs a second person and is in the audit chain', async () => {
      const ten = await getPolicy(ctx, 'cn-10-measures');
      const bad = {
        ...ten.params,
        colours: { ...ten.params.colours, order: [...ten.params.colours.order, 'arrival' as const] },
      };
      await assert.rejects(
        editDraft(ctx, COMMANDER, 'draft-20', { name: 'x', effectiveFrom: '2023-01-01', params: bad }),
        (e: AppError) => e.code === 'POLICY_PARAM_CONTRADICTS',
      );
      const edited = await editDraft(ctx, COMMANDER, 'draft-20', {
        name: '本地版 / local',
        effectiveFrom: '2023-01-01',
        params: {
          ...ten.params,
          entrance: { ...ten.params.entrance, office: { ...ten.params.entrance.office, certificateHours: 72 } },
        },
      });
      assert.equal(edited.params.entrance.office.certificateHours, 72);
      await assert.rejects(
        publishDraft(ctx, COMMANDER, 'draft-20'),
        (e: AppError) => e.code === 'POLICY_DRAFT_SAME_PERSON',
      );
      const published = await publishDraft(ctx, DEPUTY, 'draft-20');
      assert.deepEqual([published.status, published.publishedBy], ['published', 'user:2:deputy']);
      assert.equal((await getPolicy(ctx, 'draft-20')).params.entrance.office.certificateHours, 72);
      await assert.rejects(publishDraft(ctx, DEPUTY, 'draft-20'), (e: AppError) => e.code === 'POLICY_DRAFT_NOT_OPEN');
      const audit = await ctx.db.k
        .selectFrom('audit_log')
        .select(['action', 'actor', 'entity_id'])
        .where('entity_id', '=', 'draft-20')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor]),
        [
          ['policy-drafted', 'user:1:commander'],
          ['policy-draft-edited', 'user:1:commander'],
          ['policy-published', 'user:2:deputy'],
        ],
      );
    });
  });
}
