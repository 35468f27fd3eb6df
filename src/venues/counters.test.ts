import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { setClock } from '../platform/clock.ts';
import { allVenues, appendScans } from './venues.repo.ts';
import { createVenues, latestDay, venueStats, venueTotals } from './venues.service.ts';
import type { ScanRow } from './venues.tables.ts';

const DAY = '2022-11-09';
const city: Actor = { userId: 0, username: 't', role: 'commander', scope: { kind: 'city', code: '3501' } };

for (const dialect of dialects()) {
  describe(`venue counters on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(async () => {
      setClock(null);
      await ctx.close();
    });
    // Two venues in two districts.
    const communities = DIVISIONS.filter((d) => d.level === 'community');
    const a = communities[0] as { code: string };
    const b = communities.find((c) => c.code.slice(0, 6) !== a.code.slice(0, 6)) as { code: string };
    await createVenues(ctx, 'system', [
      { code: 'CA', name: 'A', category: 'office', communityCode: a.code },
      { code: 'CB', name: 'B', category: 'office', communityCode: b.code },
    ]);
    const ids = new Map((await allVenues(ctx.db)).map((v) => [v.code, v]));
    const va = ids.get('CA') as { id: number; district_code: string };
    const vb = ids.get('CB') as { id: number; district_code: string };
    let n = 0;
    // Beijing hour h of DAY as the UTC instant a scan stores.
    const scan = (venue: number, h: number, deny = false): ScanRow => ({
      id: `c-${n++}`,
      venue_id: venue,
      person_id: 1,
      at: new Date(Date.parse(`${DAY}T${String(h).padStart(2, '0')}:15:00+08:00`)).toISOString(),
      day: DAY,
      verdict: deny ? 'deny' : 'allow',
      colour: 'green',
      reasons: deny ? '["NO_CERTIFICATE"]' : '[]',
      proxy: 0,
      source: 'code',
      request_hash: null,
      reply: null,
      policy_id: null,
      policy_rule: null,
    });
    await appendScans(ctx.db, [
      scan(va.id, 8),
      scan(va.id, 9, true),
      scan(va.id, 14),
      scan(vb.id, 9),
      scan(vb.id, 20, true),
    ]);
    // The same scan again (a retried group) is not counted twice.
    n = 0;
    await appendScans(ctx.db, [scan(va.id, 8)]);

    test('a past day is counted whole: totals, hours, reasons, per venue and per district', async () => {
      setClock(`2022-11-10T09:00:00+08:00`);
      assert.deepEqual(await venueTotals(ctx, city, DAY), { date: DAY, scans: 5, denied: 2, denialRate: 0.4 });
      const s = await venueStats(ctx, city, DAY);
      assert.deepEqual(s.byHour, [
        { hour: '08:00', scans: 1, denied: 0 },
        { hour: '09:00', scans: 2, denied: 1 },
        { hour: '14:00', scans: 1, denied: 0 },
        { hour: '20:00', scans: 1, denied: 1 },
      ]);
      assert.deepEqual(s.byReason, [{ code: 'NO_CERTIFICATE', n: 2 }]);
      assert.deepEqual(
        s.busiest.map((v) => [v.code, v.scans, v.denied]),
        [
          ['CA', 3, 1],
          ['CB', 2, 1],
        ],
      );
      const district: Actor = { ...city, scope: { kind: 'district', code: vb.district_code } };
      assert.deepEqual(await venueTotals(ctx, district, DAY), { date: DAY, scans: 2, denied: 1, denialRate: 0.5 });
      assert.equal((await venueStats(ctx, city, DAY, undefined, 'CA')).byHour.length, 3);
      assert.equal(await latestDay(ctx, city), DAY);
    });

    test('on the business today nothing after the business now is counted', async () => {
      setClock(`${DAY}T09:30:00+08:00`);
      assert.deepEqual(await venueTotals(ctx, city, DAY), { date: DAY, scans: 3, denied: 1, denialRate: 0.3333 });
      const s = await venueStats(ctx, city, DAY);
      assert.deepEqual(
        s.byHour.map((h) => h.hour),
        ['08:00', '09:00'],
      );
      assert.deepEqual(
        s.busiest.map((v) => [v.code, v.scans]),
        [
          ['CA', 2],
          ['CB', 1],
        ],
      );
      setClock('2022-11-08T12:00:00+08:00');
      assert.equal((await venueTotals(ctx, city, DAY)).scans, 0, 'a day after the business today shows nothing');
    });
  });
}
