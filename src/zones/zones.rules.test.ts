import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../platform/dates.ts';
import { DEFAULT_POLICIES, type Policy } from '../policy/policy.schema.ts';
import {
  countZones,
  evaluateZone,
  followRecommendations,
  mayLead,
  stateAt,
  type ZoneEventFacts,
  zoneSentence,
} from './zones.rules.ts';

const policy = (id: string): Policy => ({
  ...(DEFAULT_POLICIES.find((p) => p.id === id) as Policy),
  updatedAt: '',
  updatedBy: '',
});
const NINTH = policy('cn-9th-edition');
const TWENTY = policy('cn-20-measures');
const TEN = policy('cn-10-measures');

/** High zone designated 11-01, a new infection on 11-02, a negative full round every day. */
function zone(): ZoneEventFacts[] {
  const ev: ZoneEventFacts[] = [
    { id: 1, day: '2022-11-01', kind: 'designate', toLevel: 'high', positives: null },
    { id: 2, day: '2022-11-02', kind: 'infection', toLevel: null, positives: null },
  ];
  for (let i = 0; i < 20; i++)
    ev.push({ id: 3 + i, day: addDays('2022-11-01', i), kind: 'round', toLevel: null, positives: i === 1 ? 1 : 0 });
  return ev;
}

test('the same zone lifts on different days under the 9th edition and the 20 measures', () => {
  const ninth = followRecommendations(zone(), () => NINTH, '2022-11-01', '2022-11-30');
  assert.deepEqual(
    ninth.map((t) => `${t.day} ${t.from}->${t.to} ${t.evaluation.rule}`),
    [
      '2022-11-09 high->medium cn-9th-edition:high->medium',
      '2022-11-12 medium->low cn-9th-edition:medium->low (after downgrade)',
    ],
  );
  assert.equal(ninth[0]?.evaluation.reason['zh-CN'], '自2022-11-02起连续7天无新增感染，2022-11-09全员核酸检测阴性');
  const twenty = followRecommendations(zone(), () => TWENTY, '2022-11-01', '2022-11-30');
  assert.deepEqual(
    twenty.map((t) => `${t.day} ${t.from}->${t.to}`),
    ['2022-11-07 high->low'],
  );
  assert.equal(twenty[0]?.evaluation.reason.en, '5 clean days since 2022-11-02; full round on 2022-11-07 all negative');
});

test('a new infection restarts the clean-day count; a missing final round blocks', () => {
  const ev = zone().filter((e) => e.kind !== 'round' || e.day !== '2022-11-07');
  ev.push({ id: 99, day: '2022-11-05', kind: 'infection', toLevel: null, positives: null });
  const s = stateAt(ev, '2022-11-09');
  assert.ok(s);
  const e = evaluateZone(s, TWENTY, '2022-11-09');
  assert.deepEqual([e.eligible, e.cleanDays, e.since], [false, 4, '2022-11-05']);
  assert.equal(e.reason.en, '4 clean days since 2022-11-05; needs 5');
  const noRound = zone().filter((e) => e.kind !== 'round');
  const blocked = evaluateZone(
    stateAt(noRound, '2022-11-10') as NonNullable<ReturnType<typeof stateAt>>,
    TWENTY,
    '2022-11-10',
  );
  assert.equal(blocked.eligible, false);
  assert.match(blocked.reason['zh-CN'], /尚无全员阴性/);
  const tenth = evaluateZone(
    stateAt(noRound, '2022-11-07') as NonNullable<ReturnType<typeof stateAt>>,
    TEN,
    '2022-11-07',
  );
  assert.equal(tenth.eligible, true, 'the ten measures need no final round');
});

test('medium zones are lifted when a version abolishes the level', () => {
  const ev: ZoneEventFacts[] = [{ id: 1, day: '2022-11-09', kind: 'designate', toLevel: 'medium', positives: null }];
  const e = evaluateZone(stateAt(ev, '2022-11-11') as NonNullable<ReturnType<typeof stateAt>>, TWENTY, '2022-11-11');
  assert.deepEqual([e.action, e.to, e.eligible, e.rule], ['lift', 'low', true, 'cn-20-measures:medium-abolished']);
});

test('counts on a date after designations and lifts, and the briefing sentence', () => {
  const z = (id: number, events: Array<[string, ZoneEventFacts['kind'], string | null]>) =>
    events.map(([day, kind, toLevel], i) => ({ id: id * 10 + i, day, kind, toLevel, positives: null }));
  const zones = [
    z(1, [
      ['2022-10-30', 'designate', 'medium'],
      ['2022-11-06', 'lift', 'low'],
    ]),
    z(2, [
      ['2022-11-01', 'designate', 'high'],
      ['2022-11-08', 'downgrade', 'medium'],
    ]),
    z(3, [['2022-11-03', 'designate', 'medium']]),
    z(4, [['2022-11-08', 'designate', 'high']]),
  ];
  assert.deepEqual(countZones(zones, '2022-11-07'), { high: 1, medium: 1, liftedMedium: 1, liftedHigh: 0 });
  assert.deepEqual(countZones(zones, '2022-11-08'), { high: 1, medium: 2, liftedMedium: 1, liftedHigh: 0 });
  assert.equal(
    zoneSentence({ high: 164, medium: 157, liftedMedium: 67 })['zh-CN'],
    '目前，全市划定高风险区164个，中风险区157个，共解除中风险区67个。',
  );
});

test('only section level and above may lead', () => {
  assert.deepEqual(
    [mayLead('clerk'), mayLead('section'), mayLead('division'), mayLead('bureau')],
    [false, true, true, true],
  );
});
