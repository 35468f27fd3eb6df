import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { assertStateMatchesDatabase } from '../../test/helpers/invariants.ts';
import { recordTests } from '../../test/helpers/testing.ts';
import { upsertCases } from '../cases/cases.service.ts';
import { type ColourInputs, colourOf as colourBy } from '../health-code/health-code.rules.ts';
import { decideOverride, overridesInArea, requestOverride, revokeOverride } from '../health-code/overrides.service.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { createUser } from '../platform/auth/auth.service.ts';
import { DEFAULT_POLICIES } from '../policy/policy.schema.ts';
import { getPolicy, putPolicy } from '../policy/policy.service.ts';
import { check, checkState } from './checks.service.ts';
import { residentPass } from './pass.service.ts';
import { personalCode, signVenueCode } from './venues.codes.ts';
import { linkOperator, linkResident } from './venues.repo.ts';
import { createVenues, listVenues, venuePage, venueStats, venueTotals } from './venues.service.ts';

const ninth = DEFAULT_POLICIES[0] ?? assert.fail();
const colourOf = (i: ColourInputs, now: number) => colourBy(i, now, { id: ninth.id, colours: ninth.params.colours });
const id = (n: number) => {
  const s = `35010219850612${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const T = Date.parse('2022-11-09T10:00:00+08:00');
// The city's command centre: reads every venue.
const cmd = { userId: 1, username: 'cmd', role: 'commander' as const, scope: { kind: 'city' as const, code: '3501' } };
const H = 3600_000;

test('colour rules name the rule that produced them', () => {
  const none = { infection: null, positivePoolAt: null, positiveAt: null };
  assert.equal(colourOf(none, T).colour, 'green');
  assert.deepEqual(
    [
      colourOf({ ...none, positivePoolAt: T - 11 * H }, T).colour,
      colourOf({ ...none, positivePoolAt: T - 13 * H }, T).colour,
    ],
    ['yellow', 'green'],
  );
  assert.equal(colourOf({ ...none, positiveAt: T - H }, T).rule, 'fujian-2022-11:positive-test');
  const inf = {
    kind: 'asymptomatic' as const,
    reportedOn: '2022-11-01',
    dischargedOn: null,
    releasedOn: null,
    diedOn: null,
  };
  assert.equal(colourOf({ ...none, infection: inf }, T).colour, 'red');
  assert.equal(colourOf({ ...none, infection: { ...inf, releasedOn: '2022-11-05' } }, T).colour, 'yellow');
  assert.equal(
    colourOf({ ...none, infection: { ...inf, releasedOn: '2022-11-01' } }, Date.parse('2022-11-09T10:00:00+08:00'))
      .colour,
    'green',
    'more than 7 days after release',
  );
});

for (const dialect of dialects()) {
  describe(`entrance checks on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    afterEach(() => assertStateMatchesDatabase(ctx));
    const pid: number[] = [];
    let keys: Awaited<ReturnType<typeof checkState>>['keys'];
    const venue = (code: string, v = 1) => signVenueCode(keys, code, v);
    const scan = (code: string, n: number, extra: { key?: string; now?: number } = {}) =>
      check(
        ctx,
        { venueCode: venue(code), personalCode: personalCode(keys, pid[n] as number, extra.now ?? T), key: extra.key },
        { guard: null, now: extra.now ?? T },
      );

    before(async () => {
      const now = new Date().toISOString();
      await ctx.db.k.transaction().execute((trx) =>
        insertPersons(
          trx,
          Array.from({ length: 5 }, (_, n) =>
            sealPerson(ctx.crypto, { idNumber: id(n), name: `人${n}`, communityCode: '350102001001' }, now),
          ),
        ),
      );
      const rows = await ctx.db.k.selectFrom('persons').select('id').orderBy('id').execute();
      pid.push(...rows.map((r) => Number(r.id)));
      await createVenues(ctx, 'system', [
        { code: 'OFFICE', name: '写字楼', category: 'office', communityCode: '350102001001' },
        { code: 'MARKET', name: '农贸市场', category: 'mall-market', communityCode: '350102001001' },
        { code: 'CLINIC', name: '卫生服务中心', category: 'medical-institution', communityCode: '350102001001' },
        { code: 'KTV', name: 'KTV', category: 'public-place', communityCode: '350102001001', status: 'suspended' },
      ]);
      keys = (await checkState(ctx)).keys;
      await recordTests(ctx, pid[0] as number, { lastNegativeSampledAt: T - 20 * H });
      await recordTests(ctx, pid[1] as number, { lastNegativeSampledAt: T - 30 * H });
      await recordTests(ctx, pid[2] as number, { lastNegativeSampledAt: T - 2 * H, positivePoolAt: T - H });
      await upsertCases(
        ctx,
        'system',
        [
          {
            row: 2,
            record: {
              caseNo: 'C1',
              kind: 'asymptomatic',
              origin: 'local',
              reportedOn: '2022-11-08',
              districtCode: '350102',
              streetCode: null,
              communityCode: null,
              detectedVia: 'quarantine',
              reclassifiedOn: null,
              dischargedOn: null,
              releasedOn: null,
              diedOn: null,
            },
            identity: { idNumber: id(3), name: null, phone: null },
          },
        ],
        { dryRun: false, filename: 'x', sha256: 'x', today: '2022-12-31' },
      );
    });

    test('every verdict says why', async () => {
      const ok = await scan('OFFICE', 0);
      assert.deepEqual([ok.verdict, ok.colour, ok.reasons], ['allow', 'green', []]);
      const stale = await scan('OFFICE', 1);
      assert.deepEqual([stale.verdict, stale.reasons.map((r) => r.code)], ['deny', ['no-negative-24h']]);
      assert.equal((await scan('MARKET', 1)).verdict, 'allow', 'markets stay open without a certificate');
      const pool = await scan('OFFICE', 2);
      assert.deepEqual([pool.colour, pool.reasons.map((r) => r.code)], ['yellow', ['colour-yellow']]);
      assert.equal((await scan('CLINIC', 2)).verdict, 'allow', 'yellow may see a doctor');
      const infected = await scan('MARKET', 3);
      assert.deepEqual(
        [infected.colour, infected.verdict, infected.colourRule],
        ['red', 'deny', 'fujian-2022-11:infection'],
      );
      assert.deepEqual(
        (await scan('KTV', 0)).reasons.map((r) => r.code),
        ['venue-suspended'],
      );
    });

    test('the number printed on the poster is looked up on the server', async () => {
      const typed = await check(
        ctx,
        { venueCode: ' market ', personalCode: personalCode(keys, pid[0] as number, T) },
        { guard: null, now: T },
      );
      assert.deepEqual([typed.venue.code, typed.verdict], ['MARKET', 'allow']);
      await assert.rejects(
        check(
          ctx,
          { venueCode: 'V350102-99999', personalCode: personalCode(keys, pid[0] as number, T) },
          { guard: null, now: T },
        ),
        (e) => (e as { code?: string }).code === 'VENUE_UNKNOWN',
        'a number no poster carries names no venue',
      );
    });

    test('forged, revoked and replayed codes are refused with stable codes', async () => {
      const code = (e: unknown) => (e as { code?: string }).code;
      await assert.rejects(
        check(
          ctx,
          { venueCode: `${venue('OFFICE')}x`, personalCode: personalCode(keys, pid[0] as number, T) },
          { guard: null, now: T },
        ),
        (e) => code(e) === 'VENUE_CODE_INVALID',
      );
      await assert.rejects(
        check(
          ctx,
          { venueCode: venue('OFFICE', 2), personalCode: personalCode(keys, pid[0] as number, T) },
          { guard: null, now: T },
        ),
        (e) => code(e) === 'VENUE_CODE_REVOKED',
      );
      await assert.rejects(
        check(
          ctx,
          { venueCode: venue('OFFICE'), personalCode: personalCode(keys, pid[0] as number, T - 5 * 60_000) },
          { guard: null, now: T },
        ),
        (e) => code(e) === 'PERSONAL_CODE_EXPIRED',
      );
      await assert.rejects(
        check(ctx, { venueCode: venue('OFFICE'), idNumber: id(0) }, { guard: null, now: T }),
        (e) => code(e) === 'SCAN_WHO_MISSING',
        'only guards may enter an ID',
      );
      const account = await createUser(ctx, 'system', {
        username: 'door',
        displayName: 'door',
        password: 'long-enough-pw',
        role: 'venue-operator',
        scope: { kind: 'district', code: '350102' },
      });
      const office = (await checkState(ctx)).venues.get('OFFICE');
      await ctx.db.k.transaction().execute((trx) => linkOperator(trx, account.id, office?.id as number));
      const guard = (district: string, userId = account.id) => ({
        userId,
        username: 'door',
        role: 'venue-operator' as const,
        scope: { kind: 'district' as const, code: district },
      });
      const byGuard = await check(
        ctx,
        { venueCode: venue('OFFICE'), idNumber: id(0), proxy: true },
        { guard: guard('350102'), now: T },
      );
      assert.equal(byGuard.verdict, 'allow');
      await assert.rejects(
        check(ctx, { venueCode: venue('OFFICE'), idNumber: id(0) }, { guard: guard('350104'), now: T }),
        (e) => code(e) === 'OUT_OF_SCOPE',
        'a guard of another district may not look up IDs here',
      );
      await assert.rejects(
        check(ctx, { venueCode: venue('OFFICE'), idNumber: id(0) }, { guard: guard('350102', account.id + 1), now: T }),
        (e) => code(e) === 'VENUE_NOT_YOURS',
        'an operator enters IDs only at their own venues',
      );
    });

    test('statistics: scans and denials per hour and by reason', async () => {
      const st = await venueStats(ctx, cmd, '2022-11-09');
      assert.ok(st.scans >= 8);
      assert.equal(
        st.byHour.reduce((s, h) => s + h.scans, 0),
        st.scans,
      );
      assert.equal(st.byHour[0]?.hour, '10:00', 'hours are Beijing time');
      const reasons = Object.fromEntries(st.byReason.map((r) => [r.code, r.n]));
      assert.equal(reasons['no-negative-24h'], 1);
      assert.equal(reasons['venue-suspended'], 1);
    });

    test('the big screen’s totals agree with the statistics, within the actor’s area', async () => {
      for (const scope of [
        { kind: 'city' as const, code: '3501' },
        { kind: 'district' as const, code: '350102' },
        { kind: 'district' as const, code: '350104' },
      ]) {
        const actor = { ...cmd, scope };
        const st = await venueStats(ctx, actor, '2022-11-09');
        assert.deepEqual(await venueTotals(ctx, actor, '2022-11-09'), {
          date: '2022-11-09',
          scans: st.scans,
          denied: st.denied,
          denialRate: st.denialRate,
        });
      }
      const gulou = { ...cmd, scope: { kind: 'district' as const, code: '350102' } };
      assert.ok((await venueTotals(ctx, gulou, '2022-11-09')).denied > 0, 'the area has denials to count');
      const cangshan = { ...gulou, scope: { kind: 'district' as const, code: '350104' } };
      assert.equal((await venueTotals(ctx, cangshan, '2022-11-09')).scans, 0, 'another district counts none of them');
    });

    test('a page of venues: busiest first, searched and filtered by the server, with the total', async () => {
      const all = await listVenues(ctx, cmd, '2022-11-09');
      const busiest = [...all].sort((a, b) => b.scans - a.scans || a.code.localeCompare(b.code));
      const first = await venuePage(ctx, cmd, '2022-11-09', { limit: 2, offset: 0 });
      assert.equal(first.total, all.length);
      assert.deepEqual(
        first.items.map((v) => v.code),
        busiest.slice(0, 2).map((v) => v.code),
      );
      const rest = await venuePage(ctx, cmd, '2022-11-09', { limit: 10, offset: 2 });
      assert.deepEqual(
        rest.items.map((v) => v.code),
        busiest.slice(2).map((v) => v.code),
      );
      const markets = await venuePage(ctx, cmd, '2022-11-09', { q: '农贸', limit: 10, offset: 0 });
      assert.deepEqual(
        markets.items.map((v) => v.code),
        ['MARKET'],
      );
      assert.equal(
        (await venuePage(ctx, cmd, '2022-11-09', { q: 'ktv', limit: 10, offset: 0 })).total,
        1,
        'codes too, any case',
      );
      const suspended = await venuePage(ctx, cmd, '2022-11-09', { status: 'suspended', limit: 10, offset: 0 });
      assert.deepEqual(
        suspended.items.map((v) => [v.code, v.status]),
        [['KTV', 'suspended']],
      );
    });

    test('a resident’s pass shows their colour, certificate and a code that scans', async () => {
      const user = await createUser(ctx, 'system', {
        username: 'res',
        displayName: 'r',
        password: 'long-enough-pw',
        role: 'resident',
        scope: { kind: 'city', code: '3501' },
      });
      await ctx.db.k.transaction().execute((trx) => linkResident(trx, user.id, pid[0] as number));
      const actor = {
        userId: user.id,
        username: 'res',
        role: 'resident' as const,
        scope: { kind: 'city' as const, code: '3501' },
      };
      const pass = await residentPass(ctx, actor, T);
      assert.deepEqual([pass.colour, pass.negativeWithin24h], ['green', true]);
      const scanned = await check(
        ctx,
        { venueCode: venue('OFFICE'), personalCode: pass.personalCode },
        { guard: null, now: T + 30_000 },
      );
      assert.equal(scanned.verdict, 'allow');
      await assert.rejects(residentPass(ctx, { ...actor, userId: 999 }, T), /resident pass/);
    });

    test('a manual colour needs a second person, is audited, and is shown to the person', async () => {
      const a = {
        userId: 11,
        username: 'officer-a',
        role: 'district-officer' as const,
        scope: { kind: 'district' as const, code: '350102' },
      };
      const b = { ...a, userId: 12, username: 'officer-b' };
      const req = await requestOverride(ctx, a, {
        personId: pid[4] as number,
        colour: 'red',
        reason: 'test of the two-person rule for a manual colour',
        hours: 24,
      });
      assert.equal((await scan('MARKET', 4, { now: Date.now() })).colour, 'green', 'a pending request changes nothing');
      await assert.rejects(
        decideOverride(ctx, a, req.id, true),
        (e: Error & { code?: string }) => e.code === 'OVERRIDE_SAME_PERSON',
      );
      await decideOverride(ctx, b, req.id, true);
      const after = await scan('MARKET', 4, { now: Date.now() });
      assert.deepEqual([after.colour, after.colourRule, after.verdict], ['red', `manual-override:${req.id}`, 'deny']);
      assert.match(after.reasons[0]?.['zh-CN'] ?? '', /人工赋码/);
      const actions = (
        await ctx.db.k.selectFrom('audit_log').select('action').where('action', 'like', 'colour-override%').execute()
      ).map((x) => x.action);
      assert.deepEqual(actions, ['colour-override-requested', 'colour-override-approved']);
      const other = { ...a, userId: 13, scope: { kind: 'district' as const, code: '350104' } };
      await assert.rejects(
        requestOverride(ctx, other, {
          personId: pid[4] as number,
          colour: 'red',
          reason: 'outside my district, must be refused',
          hours: 1,
        }),
        /outside your jurisdiction/,
      );
      const listed = await overridesInArea(ctx, a, { status: 'approved', limit: 10 });
      assert.deepEqual(
        listed.map((o) => [o.id, o.person.nameMasked.length > 0, o.person.idNumberMasked.includes('*')]),
        [[req.id, true, true]],
        'the command centre lists it, the person masked',
      );
      assert.deepEqual(
        await overridesInArea(ctx, other, { status: 'approved', limit: 10 }),
        [],
        'not to another district',
      );
      const revoked = await revokeOverride(ctx, a, req.id, 'the case was reclassified');
      assert.deepEqual([revoked.status, revoked.revokedBy, revoked.approvedBy], ['revoked', 'officer-a', 'officer-b']);
      assert.equal((await scan('MARKET', 4, { now: Date.now() })).colour, 'green', 'the rules decide again');
      await assert.rejects(
        revokeOverride(ctx, b, req.id, 'twice'),
        (e: Error & { code?: string }) => e.code === 'OVERRIDE_NOT_REVOCABLE',
      );
      assert.deepEqual(
        (await overridesInArea(ctx, b, { status: 'revoked', limit: 10 })).map((o) => o.revokeReason),
        ['the case was reclassified'],
      );
      const last = await ctx.db.k
        .selectFrom('audit_log')
        .select('action')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(last.action, 'colour-override-revoked');
    });

    test('a retried scan is recorded once and answered the same', async () => {
      const before = Number(
        (
          await ctx.db.k
            .selectFrom('scans')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const [a, b] = await Promise.all([scan('OFFICE', 0, { key: 'k-1' }), scan('OFFICE', 0, { key: 'k-1' })]);
      const c = await scan('OFFICE', 0, { key: 'k-1' });
      assert.equal(a.scanId, 'k-1');
      assert.deepEqual([b, c], [a, a]);
      const after = Number(
        (
          await ctx.db.k
            .selectFrom('scans')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      assert.equal(after - before, 1);
    });

    test('a policy version published while checks run applies to the next check', async () => {
      assert.equal((await scan('OFFICE', 1)).verdict, 'deny');
      // The ten measures (offices check no certificate) brought forward to the day of the checks.
      const ten = await getPolicy(ctx, 'cn-10-measures');
      await putPolicy(ctx, 'cli', { ...ten, effectiveFrom: '2022-11-09' });
      assert.deepEqual((await scan('OFFICE', 1)).reasons, []);
      await putPolicy(ctx, 'cli', ten);
      assert.equal((await scan('OFFICE', 1)).verdict, 'deny');
    });

    test('every verdict names the version and the rule that decided it, in the answer and the scan row', async () => {
      const answers = await Promise.all([scan('OFFICE', 0), scan('OFFICE', 1), scan('CLINIC', 2), scan('MARKET', 3)]);
      assert.deepEqual(
        answers.map((a) => a.policy),
        [
          { id: 'cn-9th-edition', rule: 'entrance.office' },
          { id: 'cn-9th-edition', rule: 'entrance.office' },
          { id: 'cn-9th-edition', rule: 'entrance.medical-institution' },
          { id: 'cn-9th-edition', rule: 'entrance.mall-market' },
        ],
      );
      const rows = await ctx.db.k
        .selectFrom('scans')
        .select(['id', 'policy_id', 'policy_rule'])
        .where(
          'id',
          'in',
          answers.map((a) => a.scanId),
        )
        .execute();
      assert.equal(rows.length, 4);
      for (const r of rows) {
        const a = answers.find((x) => x.scanId === r.id);
        assert.deepEqual([r.policy_id, r.policy_rule], [a?.policy.id, a?.policy.rule]);
      }
      const unnamed = await ctx.db.k
        .selectFrom('scans')
        .select('id')
        .where((e) => e.or([e('policy_id', 'is', null), e('policy_rule', 'is', null)]))
        .where('source', '!=', 'paper')
        .execute();
      assert.deepEqual(unnamed, [], 'no checked scan leaves its version or rule unnamed');
    });
  });
}
