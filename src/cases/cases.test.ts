import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { addDays } from '../platform/dates.ts';
import { Rng } from '../sim/rng.ts';
import { casesOf, figuresOf, seriesOf } from './cases.figures.ts';
import { caseCounts } from './cases.rules.ts';
import {
  type CaseRecord,
  CUMULATIVE_METRICS,
  DETECTED_VIA,
  type Figures,
  METRICS,
  metricValue,
} from './cases.schema.ts';
import { type CaseInputRow, upsertCases } from './cases.service.ts';

const CITY: Actor = { userId: 1, username: 't', role: 'commander', scope: { kind: 'city', code: '3501' } };
const DISTRICTS = ['350102', '350104', '350111'];
const DAYS = Array.from({ length: 20 }, (_, i) => addDays('2022-10-25', i));

/** A random but always-valid case, as a line list might carry it. */
function randomCase(rng: Rng, i: number): CaseRecord {
  const district = rng.pick(DISTRICTS);
  const community = rng.pick(DIVISIONS.filter((d) => d.level === 'community' && d.code.startsWith(district)));
  const reportedOn = rng.pick(DAYS.slice(0, 15));
  const origin = rng.next() < 0.9 ? 'local' : 'imported';
  const roll = rng.next();
  const r: CaseRecord = {
    caseNo: `T${i}`,
    kind: roll < 0.3 ? 'confirmed' : 'asymptomatic',
    origin,
    reportedOn,
    districtCode: district,
    streetCode: community.parentCode,
    communityCode: community.code,
    detectedVia: rng.pick(DETECTED_VIA),
    reclassifiedOn: null,
    dischargedOn: null,
    releasedOn: null,
    diedOn: null,
  };
  if (r.kind === 'asymptomatic' && rng.next() < 0.2) {
    r.kind = 'confirmed';
    r.reclassifiedOn = addDays(reportedOn, rng.int(1, 3));
  }
  const confirmedOn = r.reclassifiedOn ?? reportedOn;
  const end = rng.next();
  if (end < 0.5) {
    if (r.kind === 'confirmed') r.dischargedOn = addDays(confirmedOn, rng.int(0, 8));
    else r.releasedOn = addDays(reportedOn, rng.int(0, 8));
  } else if (end < 0.53) r.diedOn = addDays(confirmedOn, rng.int(0, 5));
  return r;
}

/** The figures computed straight from the records, without counters: the definition. */
function reference(cases: CaseRecord[], d: string, district?: string): Figures {
  const inScope = cases.filter((c) => !district || c.districtCode === district);
  const count = (pred: (c: CaseRecord) => boolean) => inScope.filter(pred).length;
  const daily = Object.fromEntries(METRICS.map((m) => [m, count((c) => caseCounts(c, m, d))])) as Omit<
    Figures,
    'cumulative'
  >;
  const confirmedBy = (c: CaseRecord) =>
    c.kind === 'confirmed' && !c.reclassifiedOn
      ? c.reportedOn <= d
      : c.reclassifiedOn !== null && c.reclassifiedOn <= d;
  return {
    ...daily,
    cumulative: {
      localConfirmed: count((c) => c.origin === 'local' && confirmedBy(c)),
      localAsymptomatic: count((c) => c.origin === 'local' && c.reportedOn <= d && !confirmedBy(c)),
      importedConfirmed: count((c) => c.origin === 'imported' && confirmedBy(c)),
      importedAsymptomatic: count((c) => c.origin === 'imported' && c.reportedOn <= d && !confirmedBy(c)),
      discharged: count((c) => c.dischargedOn !== null && c.dischargedOn <= d),
      released: count((c) => c.releasedOn !== null && c.releasedOn <= d),
      deaths: count((c) => c.diedOn !== null && c.diedOn <= d),
    },
  };
}

const rows = (cases: CaseRecord[]): CaseInputRow[] =>
  cases.map((record, i) => ({ row: i + 2, record, identity: { idNumber: null, name: null, phone: null } }));
const opts = { dryRun: false, filename: 't.csv', sha256: 'x', today: '2022-12-31' };

for (const dialect of dialects()) {
  describe(`case figures on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const rng = new Rng(42);
    const cases = Array.from({ length: 400 }, (_, i) => randomCase(rng, i));

    const check = async () => {
      for (const d of [DAYS[0], DAYS[5], DAYS[9], DAYS[14], DAYS[19]] as string[]) {
        for (const district of [undefined, ...DISTRICTS]) {
          const got = await figuresOf(ctx, CITY, d, district);
          assert.deepEqual(got.figures, reference(cases, d, district), `${d} ${district ?? 'city'}`);
          assert.deepEqual(got.previous, reference(cases, addDays(d, -1), district));
        }
      }
    };

    test('counters kept on insert give the figures the records define', async () => {
      const r = await upsertCases(ctx, 'system', rows(cases), opts);
      assert.deepEqual([r.inserted, r.updated, r.unchanged], [400, 0, 0]);
      await check();
    });

    test('every cumulative total lists exactly the records behind it', async () => {
      for (const d of [DAYS[5], DAYS[14]] as string[]) {
        const f = await figuresOf(ctx, CITY, d);
        for (const metric of CUMULATIVE_METRICS) {
          const listed = await casesOf(ctx, CITY, { date: d, metric, page: 1, pageSize: 1 });
          assert.equal(listed.total, metricValue(f.figures, metric), `${metric} ${d}`);
          assert.equal(listed.total, cases.filter((c) => caseCounts(c, metric, d)).length);
        }
      }
    });

    test('every figure lists exactly the records behind it', async () => {
      for (const metric of METRICS) {
        const d = DAYS[9] as string;
        const listed = await casesOf(ctx, CITY, { date: d, metric, district: '350104', page: 1, pageSize: 500 });
        const want = cases
          .filter((c) => c.districtCode === '350104' && caseCounts(c, metric, d))
          .map((c) => c.caseNo)
          .sort();
        assert.deepEqual(listed.items.map((c) => c.caseNo).sort(), want, metric);
        assert.equal(listed.total, want.length);
      }
    });

    test('re-importing is idempotent; changed rows move the counters', async () => {
      const again = await upsertCases(ctx, 'system', rows(cases), opts);
      assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 400]);
      // Reclassify, discharge, move districts and re-date a quarter of the cases.
      for (const c of cases.slice(0, 100)) Object.assign(c, randomCase(rng, Number(c.caseNo.slice(1))));
      const r = await upsertCases(ctx, 'system', rows(cases), opts);
      assert.equal(r.inserted, 0);
      assert.ok(r.updated > 80, `updated ${r.updated}`);
      const n = await ctx.db.k
        .selectFrom('cases')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 400);
      await check();
    });

    test('a series equals the day-by-day figures', async () => {
      const s = await seriesOf(ctx, CITY, DAYS[3] as string, DAYS[12] as string);
      assert.equal(s.days.length, 10);
      for (const day of s.days) assert.deepEqual(day.figures, reference(cases, day.date), day.date);
    });

    test('district officers see only their district', async () => {
      const officer: Actor = {
        userId: 2,
        username: 'o',
        role: 'district-officer',
        scope: { kind: 'district', code: '350102' },
      };
      const own = await figuresOf(ctx, officer, DAYS[9] as string);
      assert.equal(own.jurisdiction.code, '350102');
      assert.deepEqual(own.figures, reference(cases, DAYS[9] as string, '350102'));
      await assert.rejects(figuresOf(ctx, officer, DAYS[9] as string, '350104'), /outside your jurisdiction/);
      const resident: Actor = { userId: 3, username: 'r', role: 'resident', scope: { kind: 'city', code: '3501' } };
      await assert.rejects(figuresOf(ctx, resident, DAYS[9] as string), /cases:read/);
    });
  });
}
