import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { verifyAudit } from '../platform/audit/audit.service.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { setClock } from '../platform/clock.ts';
import { addDuty } from './duties.service.ts';
import { insertCadres } from './taskforce.repo.ts';
import { formTaskForce } from './taskforce.service.ts';
import { evaluateZones, getZone, listZones, zoneCounts } from './zones.query.ts';
import { designateZone, recordInfection, recordRound, transitionZone } from './zones.service.ts';

const CMD: Actor = { userId: 1, username: 'cmd', role: 'commander', scope: { kind: 'city', code: '3501' } };
const GULOU: Actor = {
  userId: 2,
  username: 'gulou',
  role: 'district-officer',
  scope: { kind: 'district', code: '350102' },
};
const notice = (day: string, no = 'N1') => ({
  noticeNo: no,
  noticeDistrict: '350102',
  effectiveAt: `${day}T18:00:00+08:00`,
});
const zoneInput = (day: string, level: 'high' | 'medium' = 'high', communityCode = '350102001001') => ({
  name: '测试楼',
  level,
  unit: 'building' as const,
  communityCode,
  residents: 120,
  ...notice(day),
});

for (const dialect of dialects()) {
  describe(`zones on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());

    test('designation refuses unknown communities, other districts and abolished levels', async () => {
      await assert.rejects(
        designateZone(ctx, CMD, zoneInput('2022-11-01', 'high', '350102999999')),
        /not a known community/,
      );
      await assert.rejects(
        designateZone(ctx, GULOU, zoneInput('2022-11-01', 'high', '350104001003')),
        /outside your jurisdiction/,
      );
      await assert.rejects(
        designateZone(ctx, CMD, zoneInput('2022-11-12', 'medium')),
        /cn-20-measures, in force on 2022-11-12, has no medium zones/,
      );
    });

    test('a lift before the rule allows it is refused, then allowed with an audited override', async () => {
      const z = await designateZone(ctx, GULOU, zoneInput('2022-11-01'));
      await recordInfection(ctx, GULOU, z.code, '2022-11-02');
      for (let d = 3; d <= 9; d++) await recordRound(ctx, GULOU, z.code, `2022-11-0${d}`, 120, 0);
      await assert.rejects(
        transitionZone(ctx, GULOU, z.code, { action: 'downgrade', ...notice('2022-10-30') }),
        /before the zone was designated/,
      );
      await assert.rejects(
        transitionZone(ctx, GULOU, z.code, { action: 'downgrade', ...notice('2022-11-08') }),
        (e: Error & { code?: string }) => {
          assert.equal(e.code, 'ZONE_LIFT_NOT_ALLOWED');
          assert.match(e.message, /cn-9th-edition/);
          return true;
        },
      );
      const ok = await transitionZone(ctx, GULOU, z.code, { action: 'downgrade', ...notice('2022-11-09', 'N2') });
      assert.deepEqual([ok.zone.level, ok.evaluation.rule], ['medium', 'cn-9th-edition:high->medium']);
      await assert.rejects(
        transitionZone(ctx, GULOU, z.code, { action: 'lift', ...notice('2022-11-10', 'N3') }),
        /does not allow/,
      );
      const forced = await transitionZone(ctx, GULOU, z.code, {
        action: 'lift',
        overrideReason: '全部住户已转运，楼栋空置',
        ...notice('2022-11-10', 'N3'),
      });
      assert.equal(forced.zone.status, 'lifted');
      const detail = await getZone(ctx, GULOU, z.code, '2022-11-10');
      const lift = detail.events.find((e) => e.kind === 'lift');
      assert.equal(lift?.overrideReason, '全部住户已转运，楼栋空置');
      assert.equal(lift?.policyId, 'cn-9th-edition');
      const audit = await ctx.db.k
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('entity', '=', 'zone')
        .where('action', '=', 'zone-lift')
        .execute();
      assert.match(audit[0]?.detail ?? '', /全部住户已转运/);
      assert.equal((await verifyAudit(ctx.db, ctx.crypto)).ok, true);
      await assert.rejects(
        transitionZone(ctx, GULOU, z.code, { action: 'lift', ...notice('2022-11-11', 'N4') }),
        /already lifted/,
      );
    });

    test('the evaluation of a day marks the zones its notices already decided, so its count agrees with the list', async () => {
      const day = '2022-11-10';
      const e = await evaluateZones(ctx, CMD, day);
      const lifted = e.items.filter((i) => i.decidedToday?.kind === 'lift');
      assert.equal(lifted.length, 1, 'the zone lifted on 11-10 was active that morning');
      assert.deepEqual(lifted[0]?.decidedToday, { kind: 'lift', to: 'low' });
      const list = await listZones(ctx, CMD, { date: day, status: 'active', page: 1, pageSize: 500 });
      assert.equal(e.items.length - lifted.length, list.total, 'active at the day end = the zone list');
    });

    test('task-force leaders are section level or above; a cadre serves in one force at a time', async () => {
      const a = await designateZone(ctx, CMD, zoneInput('2022-11-03'));
      const b = await designateZone(ctx, CMD, zoneInput('2022-11-03', 'medium'));
      const [clerk, section, division, other] = await ctx.db.k.transaction().execute((trx) =>
        insertCadres(trx, [
          { name: '王科员', rank: 'clerk', home_unit: '市民政局' },
          { name: '林科长', rank: 'section', home_unit: '市财政局' },
          { name: '陈处长', rank: 'division', home_unit: '市发改委' },
          { name: '黄干部', rank: 'section', home_unit: '市税务局' },
        ]),
      );
      await assert.rejects(
        formTaskForce(ctx, CMD, a.code, { leaderId: clerk as number, members: [] }),
        (e: Error & { code?: string }) => e.code === 'TASKFORCE_LEADER_RANK',
      );
      const tf = await formTaskForce(ctx, CMD, a.code, {
        formedOn: '2022-11-03',
        leaderId: division as number,
        members: [
          { cadreId: section as number, group: 'medical' },
          { cadreId: clerk as number, group: 'logistics' },
        ],
      });
      assert.equal(tf.members, 3);
      await assert.rejects(
        formTaskForce(ctx, CMD, b.code, { leaderId: section as number, members: [] }),
        (e: Error & { code?: string }) => e.code === 'CADRE_ALREADY_SERVING',
      );
      await assert.rejects(
        formTaskForce(ctx, CMD, a.code, { leaderId: other as number, members: [] }),
        (e: Error & { code?: string }) => e.code === 'TASKFORCE_EXISTS',
      );
      // The database refuses a second active membership even if a caller skips the service.
      const tfB = await formTaskForce(ctx, CMD, b.code, {
        formedOn: '2022-11-03',
        leaderId: other as number,
        members: [],
      });
      await assert.rejects(
        ctx.db.k
          .insertInto('task_force_members')
          .values({
            task_force_id: tfB.id,
            cadre_id: section as number,
            working_group: 'medical',
            is_leader: 0,
            joined_on: '2022-11-03',
            left_on: null,
          })
          .execute(),
      );
      const c = await zoneCounts(ctx, CMD, '2022-11-05');
      assert.deepEqual([c.taskForces, c.cadres.division, c.cadres.section, c.cadres.clerk], [2, 1, 2, 1]);
      const gulou = c.byDistrict.find((d) => d.code === '350102');
      assert.equal(gulou?.cadres.division, 1);
    });

    test('the evaluation names the version in force that day', async () => {
      const e8 = await evaluateZones(ctx, CMD, '2022-11-08');
      assert.equal(e8.policy.id, 'cn-9th-edition');
      const e11 = await evaluateZones(ctx, CMD, '2022-11-11');
      assert.equal(e11.policy.id, 'cn-20-measures');
      const medium = e11.items.find((i) => i.level === 'medium');
      assert.deepEqual([medium?.eligible, medium?.rule], [true, 'cn-20-measures:medium-abolished']);
      // The reason names the version as people know it, not by its id.
      assert.match(medium?.reason['zh-CN'] ?? '', /^《进一步优化防控工作的二十条措施》已不再设中风险区/);
      assert.doesNotMatch(medium?.reason.en ?? '', /cn-20-measures/);
      assert.ok(e11.items.every((i) => i.policyId === 'cn-20-measures'));
      // One zone's page replays its own evaluation: the same medium zone on the 8th under the 20 measures.
      const code = medium?.zoneCode ?? assert.fail('a medium zone');
      const one = await evaluateZones(ctx, CMD, '2022-11-08', undefined, 'cn-20-measures', code);
      assert.deepEqual(
        [one.replay, one.inForce, one.items.map((i) => [i.zoneCode, i.policyId, i.rule])],
        [true, 'cn-9th-edition', [[code, 'cn-20-measures', 'cn-20-measures:medium-abolished']]],
      );
      const inForce = await evaluateZones(ctx, CMD, '2022-11-08', undefined, undefined, code);
      assert.deepEqual(
        inForce.items.map((i) => i.policyId),
        ['cn-9th-edition'],
      );
      assert.deepEqual((await evaluateZones(ctx, CMD, '2022-11-08', undefined, undefined, 'NO-SUCH')).items, []);
    });

    test('a zone lifted by a notice on record for a later day is still in force now: duties and notices are taken', async () => {
      const z = await designateZone(ctx, CMD, zoneInput('2022-11-02'));
      // A lift recorded ahead (the demo records lifts up to 11-15): the row reads lifted from now on.
      await transitionZone(ctx, CMD, z.code, {
        action: 'lift',
        overrideReason: '演练：提前登记的解除',
        ...notice('2022-11-13', 'L1'),
      });
      const duty = {
        kind: 'supplies' as const,
        title: '生活物资配送',
        owner: '网格员',
        dueAt: '2022-11-11T18:00:00+08:00',
      };
      try {
        setClock('2022-11-10T10:00:00+08:00');
        assert.equal((await addDuty(ctx, CMD, z.code, duty)).zoneCode, z.code);
        const up = await transitionZone(ctx, CMD, z.code, {
          action: 'downgrade',
          overrideReason: '演练',
          ...notice('2022-11-10', 'D1'),
        });
        assert.equal(up.zone.level, 'medium');
        setClock('2022-11-14T10:00:00+08:00');
        await assert.rejects(
          addDuty(ctx, CMD, z.code, duty),
          (e: Error & { code?: string }) => e.code === 'ZONE_NOT_ACTIVE',
        );
      } finally {
        setClock(null);
      }
    });
  });
}
