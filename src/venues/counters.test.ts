import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { setClock } from '../platform/clock.ts';
import { announce } from '../platform/events.ts';
import { rankingsSettled } from './statistics.ts';
import { allVenues, appendScans, updateVenue } from './venues.repo.ts';
import { unusualVenues } from './venues.rules.ts';
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

/** The statistics of an area counted from the raw scans stored, as venueStats should answer them. */
async function fromRawScans(
  ctx: Awaited<ReturnType<typeof testCtx>>,
  day: string,
  untilHour: number,
  inArea: (v: { district_code: string }) => boolean,
) {
  const venues = (await allVenues(ctx.db)).filter(inArea);
  const byId = new Map(venues.map((v) => [v.id, v]));
  const scans = (await ctx.db.k.selectFrom('scans').selectAll().where('day', '=', day).execute()).filter((s) => {
    const hour = new Date(Date.parse(s.at) + 8 * 3600_000).getUTCHours();
    return byId.has(Number(s.venue_id)) && hour <= untilHour;
  });
  const hours = new Map<number, { scans: number; denied: number }>();
  const reasons = new Map<string, number>();
  const per = new Map(venues.map((v) => [v.id, { scans: 0, denied: 0, paper: 0 }]));
  for (const s of scans) {
    const hour = new Date(Date.parse(s.at) + 8 * 3600_000).getUTCHours();
    const h = hours.get(hour) ?? { scans: 0, denied: 0 };
    const c = per.get(Number(s.venue_id)) as { scans: number; denied: number; paper: number };
    h.scans++;
    c.scans++;
    if (s.verdict === 'deny') {
      h.denied++;
      c.denied++;
    }
    if (s.source === 'paper') c.paper++;
    hours.set(hour, h);
    for (const r of JSON.parse(s.reasons) as string[]) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  const rows = venues.map((v) => ({ code: v.code, category: v.category, status: v.status, ...per.get(v.id) }));
  const n = (rows as Array<{ scans: number; denied: number; paper: number }>).reduce(
    (t, r) => ({ scans: t.scans + r.scans, denied: t.denied + r.denied, paper: t.paper + r.paper }),
    { scans: 0, denied: 0, paper: 0 },
  );
  return {
    ...n,
    byHour: [...hours].sort((a, b) => a[0] - b[0]).map(([h, x]) => [h, x.scans, x.denied]),
    byReason: [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    busiest: [...rows]
      .sort((a, b) => (b.scans ?? 0) - (a.scans ?? 0))
      .slice(0, 10)
      .map((r) => [r.code, r.scans, r.denied]),
    unusual: unusualVenues(
      rows.map(
        (r) => ({ ...r, scans: (r.scans ?? 0) - (r.paper ?? 0) }) as typeof r & { scans: number; denied: number },
      ),
    ).map((r) => [r.code, r.why, r.expectedRate]),
  };
}

/** The same figures from an answer of venueStats. */
function asRaw(s: Awaited<ReturnType<typeof venueStats>>) {
  return {
    scans: s.scans,
    denied: s.denied,
    paper: s.paper,
    byHour: s.byHour.map((h) => [Number(h.hour.slice(0, 2)), h.scans, h.denied]),
    byReason: s.byReason.map((r) => [r.code, r.n]),
    busiest: s.busiest.map((v) => [v.code, v.scans, v.denied]),
    unusual: s.unusual.map((v) => [v.code, v.why, v.expectedRate]),
  };
}

for (const dialect of dialects()) {
  describe(`kept venue rankings on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(async () => {
      setClock(null);
      await ctx.close();
    });
    const communities = DIVISIONS.filter((d) => d.level === 'community');
    const a = communities[0] as { code: string };
    const b = communities.find((c) => c.code.slice(0, 6) !== a.code.slice(0, 6)) as { code: string };
    // Fourteen venues over two districts and two categories, so that ten of them are the busiest
    // and the ranking leaves some out; V0 denies far more than its category, V1 far fewer.
    await createVenues(
      ctx,
      'system',
      Array.from({ length: 14 }, (_, i) => ({
        code: `V${i}`,
        name: `V${i}`,
        category: i % 2 ? 'mall-market' : 'office',
        communityCode: (i % 3 ? a : b).code,
      })),
    );
    const venues = await allVenues(ctx.db);
    const id = (code: string) => (venues.find((v) => v.code === code) as { id: number }).id;
    const districtOf = (code: string) =>
      (venues.find((v) => v.code === code) as { district_code: string }).district_code;
    let n = 0;
    const scan = (code: string, h: number, deny: boolean, source = 'code'): ScanRow => ({
      id: `k-${n++}`,
      venue_id: id(code),
      person_id: 1,
      at: new Date(Date.parse(`${DAY}T${String(h).padStart(2, '0')}:20:00+08:00`)).toISOString(),
      day: DAY,
      verdict: deny ? 'deny' : 'allow',
      colour: deny ? 'yellow' : 'green',
      reasons: deny ? (n % 3 ? '["colour-yellow"]' : '["colour-yellow","zone-medium"]') : '[]',
      proxy: 0,
      source,
      request_hash: null,
      reply: null,
      policy_id: null,
      policy_rule: null,
    });
    // Venue i takes 4 + 3i scans over hours 7–20, every tenth denied; V0 denies all of its, V1 none.
    const day1: ScanRow[] = [];
    for (let i = 0; i < 14; i++)
      for (let j = 0; j < 4 + 3 * i; j++)
        day1.push(
          scan(`V${i}`, 7 + (j % 14), i === 0 ? true : i === 1 ? false : j % 10 === 0, j % 17 === 5 ? 'paper' : 'code'),
        );
    day1.push(...Array.from({ length: 30 }, (_, j) => scan('V0', 8 + (j % 5), true)));
    day1.push(...Array.from({ length: 60 }, (_, j) => scan('V3', 9 + (j % 5), j % 2 === 0)));
    await appendScans(ctx.db, day1);
    const city: Actor = { userId: 0, username: 't', role: 'commander', scope: { kind: 'city', code: '3501' } };
    const district: Actor = { ...city, scope: { kind: 'district', code: districtOf('V1') } };
    const everywhere = () => true;
    const inDistrict = (v: { district_code: string }) => v.district_code === districtOf('V1');

    test('the kept ranking equals the one counted from the raw scans: city and district, a past day', async () => {
      setClock('2022-11-10T09:00:00+08:00');
      const raw = await fromRawScans(ctx, DAY, 23, everywhere);
      assert.ok(raw.unusual.length > 0 && raw.busiest.length === 10, 'the data has unusual venues and more than ten');
      assert.deepEqual(asRaw(await venueStats(ctx, city, DAY)), raw);
      // Asked again, the kept ranking answers (the same figures).
      assert.deepEqual(asRaw(await venueStats(ctx, city, DAY)), raw);
      assert.deepEqual(asRaw(await venueStats(ctx, district, DAY)), await fromRawScans(ctx, DAY, 23, inDistrict));
      assert.deepEqual(
        asRaw(await venueStats(ctx, city, DAY, districtOf('V0'))),
        await fromRawScans(ctx, DAY, 23, (v) => v.district_code === districtOf('V0')),
      );
    });

    test('scans indexed later: the totals and the busiest at once, the unusual list after its re-ranking', async () => {
      setClock('2022-11-10T09:00:00+08:00');
      const before = await venueStats(ctx, city, DAY);
      assert.equal(before.rankedScans, before.scans);
      // V13 was the busiest; V12 overtakes it.
      await appendScans(
        ctx.db,
        Array.from({ length: 80 }, (_, j) => scan('V12', 10 + (j % 3), false)),
      );
      const stale = await venueStats(ctx, city, DAY);
      assert.equal(stale.scans, before.scans + 80, 'the totals are read from the counters each time');
      assert.equal(stale.rankedScans, before.scans, 'the kept unusual list answers while it is made again');
      assert.deepEqual(stale.unusual, before.unusual);
      assert.equal(stale.busiest[0]?.code, 'V12', 'the busiest are read from the index on every request');
      await rankingsSettled();
      const fresh = await venueStats(ctx, city, DAY);
      assert.equal(fresh.rankedScans, fresh.scans);
      assert.equal(fresh.busiest[0]?.code, 'V12');
      assert.deepEqual(asRaw(fresh), await fromRawScans(ctx, DAY, 23, everywhere));
    });

    test('a venue suspended leaves the unusual list at once (a new registry, a new ranking)', async () => {
      setClock('2022-11-10T09:00:00+08:00');
      assert.ok((await venueStats(ctx, city, DAY)).unusual.some((v) => v.code === 'V0'));
      await updateVenue(ctx.db.k, 'V0', { status: 'suspended' });
      announce('venues-changed');
      const s = await venueStats(ctx, city, DAY);
      assert.ok(!s.unusual.some((v) => v.code === 'V0'), 'closed venues deny by rule and are left out');
      assert.deepEqual(asRaw(s), await fromRawScans(ctx, DAY, 23, everywhere));
      await updateVenue(ctx.db.k, 'V0', { status: 'open' });
      announce('venues-changed');
    });

    test('on the business today the ranking counts nothing after the business now', async () => {
      for (const now of ['09:30', '12:05', '20:59']) {
        setClock(`${DAY}T${now}:00+08:00`);
        const h = Number(now.slice(0, 2));
        assert.deepEqual(asRaw(await venueStats(ctx, city, DAY)), await fromRawScans(ctx, DAY, h, everywhere), now);
        assert.deepEqual(
          asRaw(await venueStats(ctx, district, DAY)),
          await fromRawScans(ctx, DAY, h, inDistrict),
          `${now}, district`,
        );
      }
    });
  });
}
