import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { type CaseRecord, DETECTED_VIA } from '../cases/cases.schema.ts';
import { upsertCases } from '../cases/cases.service.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { todayOverview } from './today.service.ts';

const CITY: Actor = { userId: 1, username: 'c', role: 'commander', scope: { kind: 'city', code: '3501' } };
const GULOU: Actor = {
  userId: 2,
  username: 'g',
  role: 'district-officer',
  scope: { kind: 'district', code: '350102' },
};
const OPERATOR: Actor = {
  userId: 3,
  username: 'v',
  role: 'venue-operator',
  scope: { kind: 'district', code: '350102' },
};
const RESIDENT: Actor = { userId: 4, username: 'r', role: 'resident', scope: { kind: 'city', code: '3501' } };

function confirmed(caseNo: string, district: string, reportedOn: string): CaseRecord {
  const community = DIVISIONS.find((d) => d.level === 'community' && d.code.startsWith(district));
  return {
    caseNo,
    kind: 'confirmed',
    origin: 'local',
    reportedOn,
    districtCode: district,
    streetCode: community?.parentCode ?? null,
    communityCode: community?.code ?? null,
    detectedVia: DETECTED_VIA[0],
    reclassifiedOn: null,
    dischargedOn: null,
    releasedOn: null,
    diedOn: null,
  };
}

for (const dialect of dialects()) {
  describe(`the big screen's day at a glance on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const now = '2022-11-11T12:00:00.000Z';

    test('an empty city: no figures day and no scan day yet, zones and appeals counted as zero', async () => {
      const t = await todayOverview(ctx, CITY, now);
      assert.equal(t.date, '2022-11-11');
      assert.equal(t.cases, null);
      assert.equal(t.checks, null);
      assert.deepEqual(t.zones, { date: '2022-11-11', high: 0, medium: 0, taskForces: 0 });
      assert.deepEqual(t.appeals, { from: '2022-11-05', to: '2022-11-11', received: 0, overdue: 0 });
    });

    test('figures of the latest day up to the business day, within the jurisdiction', async () => {
      const cases = [
        confirmed('A1', '350102', '2022-11-10'),
        confirmed('A2', '350104', '2022-11-10'),
        confirmed('A3', '350104', '2022-11-10'),
        // Reported after the business day (a rehearsal clock set back): never shown as "today".
        confirmed('A4', '350104', '2022-11-12'),
      ];
      await upsertCases(
        ctx,
        'system',
        cases.map((record, i) => ({ row: i + 2, record, identity: { idNumber: null, name: null, phone: null } })),
        { dryRun: false, filename: 't.csv', sha256: 'x', today: '2022-12-31' },
      );
      const city = await todayOverview(ctx, CITY, now);
      assert.equal(city.cases?.date, '2022-11-11');
      assert.equal(city.cases?.newLocalConfirmed, 0, 'none reported on the 11th itself');
      const day10 = await todayOverview(ctx, CITY, '2022-11-10T12:00:00.000Z');
      assert.equal(day10.cases?.newLocalConfirmed, 3);
      const gulou = await todayOverview(ctx, GULOU, '2022-11-10T12:00:00.000Z');
      assert.equal(gulou.cases?.newLocalConfirmed, 1);
    });

    test('a part the user may not read is left out, not refused', async () => {
      const op = await todayOverview(ctx, OPERATOR, now);
      assert.equal(op.cases, null);
      assert.equal(op.zones, null);
      assert.equal(op.appeals, null);
      assert.deepEqual(await todayOverview(ctx, RESIDENT, now), {
        date: '2022-11-11',
        cases: null,
        zones: null,
        checks: null,
        appeals: null,
      });
    });

    test("the tiles are the modules' contributions: a module not listed leaves its tile empty", async () => {
      const withoutCases = { ...ctx, modules: ctx.modules.filter((m) => m.name !== 'cases') };
      const t = await todayOverview(withoutCases, CITY, '2022-11-10T12:00:00.000Z');
      assert.equal(t.cases, null);
      assert.equal((await todayOverview(ctx, CITY, '2022-11-10T12:00:00.000Z')).cases?.newLocalConfirmed, 3);
    });
  });
}
