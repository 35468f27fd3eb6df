import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { assertStateMatchesDatabase } from '../../test/helpers/invariants.ts';
import { recordTests } from '../../test/helpers/testing.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { nowMs, setClock } from '../platform/clock.ts';
import { announce } from '../platform/events.ts';
import { check, checkState } from '../venues/checks.service.ts';
import { personalCode, signVenueCode } from '../venues/venues.codes.ts';
import { createVenues } from '../venues/venues.service.ts';
import { addResidents } from './residents.service.ts';
import { insertEvents, insertZone, updateZoneLevel } from './zones.repo.ts';

const T = Date.parse('2022-11-09T10:00:00+08:00');
const id = (n: number) => {
  const s = `35010219900101${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};

for (const dialect of dialects()) {
  describe(`zone residents' colour on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    afterEach(() => assertStateMatchesDatabase(ctx));
    const pid: number[] = [];
    const zones: Record<string, number> = {};
    let scan: (n: number) => ReturnType<typeof check>;

    before(async () => {
      const now = new Date(T).toISOString();
      await ctx.db.k.transaction().execute((trx) =>
        insertPersons(
          trx,
          Array.from({ length: 3 }, (_, n) =>
            sealPerson(ctx.crypto, { idNumber: id(n), name: `居民${n}`, communityCode: '350102001001' }, now),
          ),
        ),
      );
      pid.push(...(await ctx.db.k.selectFrom('persons').select('id').orderBy('id').execute()).map((r) => Number(r.id)));
      for (const [code, level] of [
        ['ZH', 'high'],
        ['ZM', 'medium'],
      ] as const)
        zones[code] = await ctx.db.k.transaction().execute((trx) =>
          insertZone(trx, {
            code,
            name: code,
            level,
            status: 'active',
            unit: 'building',
            district_code: '350102',
            street_code: '350102001',
            community_code: '350102001001',
            polygon: null,
            residents: 1,
            designated_on: '2022-11-05',
            lifted_on: null,
            created_at: now,
          }),
        );
      await createVenues(ctx, 'system', [
        { code: 'MARKET', name: '农贸市场', category: 'mall-market', communityCode: '350102001001' },
      ]);
      for (const p of pid) await recordTests(ctx, p, { lastNegativeSampledAt: T - 2 * 3600_000 });
      const keys = (await checkState(ctx)).keys;
      scan = (n) =>
        check(
          ctx,
          { venueCode: signVenueCode(keys, 'MARKET', 1), personalCode: personalCode(keys, pid[n] as number, T) },
          { guard: null, now: T },
        );
    });

    test('a high zone makes its residents red and a medium zone yellow, each naming the zone', async () => {
      assert.equal((await scan(0)).colour, 'green');
      await addResidents(ctx, 'system', 'ZH', [pid[0] as number]);
      await addResidents(ctx, 'system', 'ZM', [pid[1] as number]);
      const high = await scan(0);
      assert.deepEqual(
        [high.colour, high.verdict, high.colourRule],
        ['red', 'deny', 'fujian-2022-11:high-zone-resident'],
      );
      assert.match(high.reasons.map((r) => r['zh-CN']).join(' '), /ZH/);
      const medium = await scan(1);
      assert.deepEqual(
        [medium.colour, medium.verdict, medium.colourRule],
        ['yellow', 'deny', 'fujian-2022-11:medium-zone-resident'],
      );
      assert.equal((await scan(2)).colour, 'green', 'a neighbour outside the zone is not touched');
      const audit = await ctx.db.k
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'zone-residents-added')
        .execute();
      assert.deepEqual(audit.map((a) => a.entity_id).sort(), ['ZH', 'ZM']);
    });

    test('a lift notice recorded ahead of its time turns the colour at that time, unprompted', async () => {
      const event = (zone_id: number, kind: string, at: number, to_level: string) => ({
        zone_id,
        day: new Date(at + 8 * 3600_000).toISOString().slice(0, 10),
        at: new Date(at).toISOString(),
        kind,
        from_level: null,
        to_level,
        notice_no: null,
        notice_district: null,
        policy_id: null,
        rule: null,
        reason: null,
        override_reason: null,
        tested: null,
        positives: null,
        case_no: null,
        actor: 'test',
      });
      setClock(new Date(T).toISOString());
      try {
        const lift = nowMs() + 3_600_000;
        await ctx.db.k.transaction().execute(async (trx) => {
          const zf = await insertZone(trx, {
            code: 'ZF',
            name: 'ZF',
            level: 'low',
            status: 'lifted',
            unit: 'building',
            district_code: '350102',
            street_code: '350102001',
            community_code: '350102001001',
            polygon: null,
            residents: 1,
            designated_on: '2022-11-08',
            lifted_on: '2022-11-09',
            created_at: new Date(T).toISOString(),
          });
          await insertEvents(trx, [event(zf, 'designate', T - 86_400_000, 'high'), event(zf, 'lift', lift, 'low')]);
        });
        await addResidents(ctx, 'system', 'ZF', [pid[2] as number]);
        const before = await scan(2);
        assert.deepEqual([before.colour, before.colourRule], ['red', 'fujian-2022-11:high-zone-resident']);
        // The business clock moves to just after the lift's instant: no wall-clock wait to race.
        setClock(new Date(lift + 100).toISOString());
        await new Promise((r) => setTimeout(r, 1));
        assert.equal((await scan(2)).colour, 'green', 'lifted at its time, with no further notice');
      } finally {
        setClock(null);
      }
    });

    test('lifting the zone gives the resident their green back', async () => {
      await ctx.db.k
        .transaction()
        .execute((trx) => updateZoneLevel(trx, zones.ZH as number, 'low', 'lifted', '2022-11-09'));
      announce('zones-changed');
      const after = await scan(0);
      assert.deepEqual([after.colour, after.verdict], ['green', 'allow']);
    });
  });
}
