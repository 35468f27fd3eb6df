import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseCounts, caseEvents, figuresFromTotals, type Totals, totalsKey, validateCase } from './cases.rules.ts';
import type { CaseRecord } from './cases.schema.ts';

const base: CaseRecord = {
  caseNo: 'X',
  kind: 'asymptomatic',
  origin: 'local',
  reportedOn: '2022-11-01',
  districtCode: '350102',
  streetCode: '350102001',
  communityCode: '350102001001',
  detectedVia: 'quarantine',
  reclassifiedOn: null,
  dischargedOn: null,
  releasedOn: null,
  diedOn: null,
};
const c = (p: Partial<CaseRecord>): CaseRecord => ({ ...base, ...p });

function figuresOn(cases: CaseRecord[], d: string) {
  const t: Totals = new Map();
  for (const ev of cases.flatMap(caseEvents)) {
    if (ev.day > d) continue;
    const k = totalsKey(ev.metric, ev.origin);
    const v = t.get(k) ?? { day: 0, cum: 0 };
    v.cum++;
    if (ev.day === d) v.day++;
    t.set(k, v);
  }
  return figuresFromTotals(t);
}

test('a reclassified infection is new asymptomatic on its report day and new confirmed on its reclassification day', () => {
  const r = c({ kind: 'confirmed', reclassifiedOn: '2022-11-03' });
  const d1 = figuresOn([r], '2022-11-01');
  assert.equal(d1.newLocalAsymptomatic, 1);
  assert.equal(d1.newLocalConfirmed, 0);
  assert.equal(d1.underObservation, 1);
  const d3 = figuresOn([r], '2022-11-03');
  assert.equal(d3.newLocalConfirmed, 1);
  assert.equal(d3.newLocalConfirmedReclassified, 1);
  assert.equal(d3.newLocalAsymptomatic, 0);
  assert.equal(d3.hospitalised, 1);
  assert.equal(d3.underObservation, 0);
  // Never twice in the totals: it moved from one total to the other.
  assert.deepEqual([d1.cumulative.localConfirmed, d1.cumulative.localAsymptomatic], [0, 1]);
  assert.deepEqual([d3.cumulative.localConfirmed, d3.cumulative.localAsymptomatic], [1, 0]);
  for (const m of ['newLocalAsymptomatic', 'underObservation'] as const)
    assert.equal(caseCounts(r, m, '2022-11-01'), true, m);
  assert.equal(caseCounts(r, 'newLocalConfirmed', '2022-11-03'), true);
  assert.equal(caseCounts(r, 'hospitalised', '2022-11-02'), false);
});

test('imported cases never enter the local figures', () => {
  const f = figuresOn([c({ origin: 'imported' }), c({ origin: 'imported', kind: 'confirmed' })], '2022-11-01');
  assert.deepEqual(
    [f.newLocalAsymptomatic, f.newLocalConfirmed, f.newImportedAsymptomatic, f.newImportedConfirmed],
    [0, 0, 1, 1],
  );
  assert.deepEqual([f.foundInQuarantine, f.foundInCommunity], [0, 0]);
  assert.equal(f.cumulative.importedConfirmed + f.cumulative.importedAsymptomatic, 2);
});

test('discharge and release close cases; deaths are counted once', () => {
  const cases = [
    c({ kind: 'confirmed', dischargedOn: '2022-11-08' }),
    c({ releasedOn: '2022-11-08' }),
    c({ kind: 'confirmed', diedOn: '2022-11-05' }),
    c({ detectedVia: 'community-screening' }),
  ];
  const d1 = figuresOn(cases, '2022-11-01');
  assert.deepEqual([d1.foundInQuarantine, d1.foundInCommunity], [3, 1]);
  const d5 = figuresOn(cases, '2022-11-05');
  assert.deepEqual([d5.deaths, d5.hospitalised, d5.underObservation], [1, 1, 2]);
  const d8 = figuresOn(cases, '2022-11-08');
  assert.deepEqual([d8.localDischarged, d8.localReleased, d8.hospitalised, d8.underObservation], [1, 1, 0, 1]);
  assert.deepEqual([d8.cumulative.discharged, d8.cumulative.released, d8.cumulative.deaths], [1, 1, 1]);
});

test('inconsistent cases are refused with the field and the reason', () => {
  const codes = (p: Partial<CaseRecord>) => validateCase(c(p), '2022-12-31').map((i) => `${i.column}:${i.code}`);
  assert.deepEqual(codes({}), []);
  assert.deepEqual(codes({ kind: 'x' as CaseRecord['kind'] }), ['kind:CASE_KIND_INVALID']);
  assert.deepEqual(codes({ districtCode: '350199' }), [
    'district_code:CASE_DIVISION_UNKNOWN',
    'street_code:CASE_DIVISION_MISMATCH',
    'community_code:CASE_DIVISION_MISMATCH',
  ]);
  assert.deepEqual(codes({ kind: 'confirmed', dischargedOn: '2022-10-30' }), ['discharged_on:CASE_DATE_BEFORE']);
  assert.deepEqual(codes({ kind: 'confirmed', releasedOn: '2022-11-09' }), [
    'released_on:CASE_RELEASE_NOT_ASYMPTOMATIC',
  ]);
  assert.deepEqual(codes({ dischargedOn: '2022-11-09' }), ['discharged_on:CASE_DISCHARGE_NOT_CONFIRMED']);
  assert.deepEqual(codes({ reclassifiedOn: '2022-11-03' }), ['reclassified_on:CASE_RECLASSIFIED_NOT_CONFIRMED']);
  assert.deepEqual(codes({ kind: 'confirmed', reclassifiedOn: '2022-11-01' }), [
    'reclassified_on:CASE_RECLASSIFIED_NOT_AFTER_REPORT',
  ]);
  assert.deepEqual(codes({ reportedOn: '2022-02-30' }), ['reported_on:CASE_DATE_INVALID']);
  assert.deepEqual(codes({ reportedOn: '2023-01-05' }), ['reported_on:CASE_DATE_FUTURE']);
  assert.deepEqual(codes({ streetCode: '350103001' }), [
    'street_code:CASE_DIVISION_MISMATCH',
    'community_code:CASE_DIVISION_MISMATCH',
  ]);
});
