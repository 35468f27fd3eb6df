import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { recordTests } from '../../test/helpers/testing.ts';
import { insertPersons, personIdsByIndex } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { setClock } from '../platform/clock.ts';
import { DEFAULT_POLICIES } from '../policy/policy.schema.ts';
import { putPolicy } from '../policy/policy.service.ts';
import { checkState } from '../venues/checks.service.ts';
import { personalCode, signVenueCode } from '../venues/venues.codes.ts';
import { createVenues } from '../venues/venues.service.ts';
import { addResidents } from '../zones/residents.service.ts';
import { insertZone } from '../zones/zones.repo.ts';

const id = (n: number) => {
  const s = `35010219850101${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const NOW = '2022-11-09T12:00:00+08:00';
const T = Date.parse(NOW);
const H = 3600_000;
const GULOU = '350102001001';
const CANGSHAN = '350104001003';

for (const dialect of dialects()) {
  describe(`city exits on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    const cookies: Record<string, string> = {};
    const pid: Record<number, number> = {};
    let keys: Awaited<ReturnType<typeof checkState>>['keys'];
    const scan = (n: number, venue: string, exit?: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/scans',
        payload: {
          venueCode: signVenueCode(keys, venue, 1),
          personalCode: personalCode(keys, pid[n] as number, T),
          ...(exit ? { exit } : {}),
        },
      });
    const get = (url: string, who: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
    const scans = async () =>
      Number(
        (
          await t.ctx.db.k
            .selectFrom('scans')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );

    before(async () => {
      setClock(NOW);
      await createVenues(t.ctx, 'system', [
        { code: 'XRAIL', name: '福州站离榕卡口', category: 'city-exit', kind: 'rail', communityCode: GULOU },
        // The kind is the registered field: a name that reads like a railway station changes nothing.
        { code: 'XPORT', name: '马尾站离榕卡口', category: 'city-exit', kind: 'port', communityCode: CANGSHAN },
        { code: 'OFFICE', name: '写字楼', category: 'office', communityCode: GULOU },
      ]);
      await t.ctx.db.k.transaction().execute(async (trx) => {
        await insertPersons(
          trx,
          [1, 2, 3, 4, 5].map((n) =>
            sealPerson(t.ctx.crypto, { idNumber: id(n), name: `旅客${n}`, communityCode: GULOU }, NOW),
          ),
        );
        await insertZone(trx, {
          code: 'ZM1',
          name: '某小区',
          level: 'medium',
          status: 'active',
          unit: 'compound',
          district_code: '350102',
          street_code: '350102001',
          community_code: GULOU,
          polygon: null,
          residents: 0,
          designated_on: '2022-11-01',
          lifted_on: null,
          created_at: '2022-11-01T00:00:00Z',
        });
      });
      const ids = await personIdsByIndex(
        t.ctx.db.k,
        [1, 2, 3, 4, 5].map((n) => t.ctx.crypto.blindIndex('id', id(n))),
      );
      for (const n of [1, 2, 3, 4, 5]) pid[n] = ids.get(t.ctx.crypto.blindIndex('id', id(n))) as number;
      await addResidents(t.ctx, 'system', 'ZM1', [pid[3] as number]);
      keys = (await checkState(t.ctx)).keys;
      await recordTests(t.ctx, pid[1] as number, { lastNegativeSampledAt: T - 10 * H });
      await recordTests(t.ctx, pid[2] as number, { lastNegativeSampledAt: T - 30 * H });
      await recordTests(t.ctx, pid[3] as number, { lastNegativeSampledAt: T - 5 * H });
      await t.user('commander', 'commander', { kind: 'city', code: '3501' });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('cangshan', 'district-officer', { kind: 'district', code: '350104' });
      for (const u of ['commander', 'gulou', 'cangshan']) cookies[u] = await t.login(u);
    });

    test('a checkpoint scan without a declared reason is refused with a stable code and records nothing', async () => {
      const before = await scans();
      const r = await scan(1, 'XRAIL');
      assert.equal(r.statusCode, 422, r.body);
      assert.equal(r.json().error.code, 'EXIT_REASON_MISSING');
      const other = await scan(1, 'XRAIL', { reason: 'other' });
      assert.equal(other.json().error.code, 'EXIT_REASON_TEXT_MISSING');
      assert.equal((await scan(1, 'XRAIL', { reason: 'holiday' })).statusCode, 400);
      assert.equal(await scans(), before);
      // Elsewhere nothing is asked: an office scan needs no reason.
      assert.equal((await scan(1, 'OFFICE')).statusCode, 201);
    });

    test('leaving needs the certificate hours of the policy version in force (policy data, not a constant)', async () => {
      const a = (await scan(1, 'XRAIL', { reason: 'work' })).json();
      assert.deepEqual([a.verdict, a.policy.rule], ['allow', 'entrance.city-exit']);
      const b = (await scan(2, 'XRAIL', { reason: 'family' })).json();
      assert.deepEqual([b.verdict, b.reasons.map((x: { code: string }) => x.code)], ['deny', ['no-negative-24h']]);
      const ninth = DEFAULT_POLICIES[0] as (typeof DEFAULT_POLICIES)[number];
      const entrance = {
        ...ninth.params.entrance,
        'city-exit': { ...ninth.params.entrance['city-exit'], certificateHours: 48 },
      };
      await putPolicy(t.ctx, 'cli', { ...ninth, params: { ...ninth.params, entrance } });
      try {
        const c = (await scan(2, 'XPORT', { reason: 'other', text: '办理房产过户' })).json();
        assert.equal(c.verdict, 'allow', JSON.stringify(c));
        const daily = (await get('/api/v1/exits/daily?date=2022-11-09', 'commander')).json();
        assert.equal(daily.certificateHours, 48);
      } finally {
        await putPolicy(t.ctx, 'cli', ninth);
      }
      const none = (await scan(5, 'XRAIL', { reason: 'medical' })).json();
      assert.equal(none.verdict, 'deny');
    });

    test('a resident of a restricted zone is refused and flagged to their district only, masked', async () => {
      const r = (await scan(3, 'XPORT', { reason: 'study' })).json();
      assert.equal(r.verdict, 'deny');
      assert.ok(
        r.reasons.some((x: { code: string }) => x.code === 'colour-yellow'),
        JSON.stringify(r.reasons),
      );
      const g = (await get('/api/v1/exits/flagged?date=2022-11-09', 'gulou')).json();
      assert.equal(g.total, 1);
      const [f] = g.items;
      assert.deepEqual(
        [f.checkpoint.code, f.zone.code, f.zone.level, f.reason, f.verdict],
        ['XPORT', 'ZM1', 'medium', 'study', 'deny'],
      );
      assert.ok(f.nameMasked.includes('*') && !f.nameMasked.includes('旅客3'), f.nameMasked);
      assert.ok(!f.idNumberMasked.includes(id(3).slice(6, 14)), f.idNumberMasked);
      // The port lies in Cangshan, but the zone is Gulou's: Cangshan sees nobody.
      assert.equal((await get('/api/v1/exits/flagged?date=2022-11-09', 'cangshan')).json().total, 0);
    });

    test('the day’s departures per checkpoint, allowed and refused by declared and refusal reason', async () => {
      const r = await get('/api/v1/exits/daily?date=2022-11-09', 'commander');
      assert.equal(r.statusCode, 200, r.body);
      const d = r.json();
      const rail = d.checkpoints.find((c: { code: string }) => c.code === 'XRAIL');
      const port = d.checkpoints.find((c: { code: string }) => c.code === 'XPORT');
      assert.deepEqual([rail.kind, port.kind], ['rail', 'port']);
      assert.deepEqual([rail.allowed, rail.refused, rail.flagged], [1, 2, 0]);
      assert.deepEqual(rail.byReason.work, { allowed: 1, refused: 0 });
      assert.deepEqual(rail.byReason.family, { allowed: 0, refused: 1 });
      assert.deepEqual(rail.refusals, { 'no-negative-24h': 2 });
      assert.deepEqual([port.allowed, port.refused, port.flagged], [1, 1, 1]);
      assert.deepEqual(d.totals, { allowed: 2, refused: 3, flagged: 1 });
      assert.equal(d.certificateHours, 24);
      // Without a date: the latest day with departures up to the business today.
      assert.equal((await get('/api/v1/exits/daily', 'commander')).json().date, '2022-11-09');
      assert.equal((await get('/api/v1/exits/daily', 'cangshan')).statusCode, 200);
    });
  });
}
