import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColourVerdict } from '../health-code/health-code.rules.ts';
import { DEFAULT_POLICIES } from '../policy/policy.schema.ts';
import { classify, examParamsOf, type PlanCandidate, planRooms } from './events.rules.ts';
import { assignTrips } from './shuttles.rules.ts';

const at = Date.parse('2022-11-05T08:00:00+08:00');
const colour = (c: ColourVerdict['colour'], rule = 'fujian-2022-11:default'): ColourVerdict => ({
  colour: c,
  rule,
  reason: { 'zh-CN': 'x', en: 'x' },
  policy: { id: 'cn-9th-edition', rule },
});
const ninth = DEFAULT_POLICIES[0] as (typeof DEFAULT_POLICIES)[number];
const params = { ...examParamsOf(ninth), certificateHours: 48 };
const fresh = at - 10 * 3600_000;

test('classification: barred before special before certificate, each with its rule and version', () => {
  const j = (c: ColourVerdict, zone: { code: string; level: string } | null, neg: number | null = fresh) =>
    classify({ colour: c, zone, lastNegativeAt: neg }, params, ninth.id, at);
  assert.equal(j(colour('red', 'fujian-2022-11:infection'), null).reason, 'positive');
  assert.equal(j(colour('red', 'fujian-2022-11:close-contact'), null).reason, 'isolation');
  assert.deepEqual(
    [j(colour('red'), { code: 'Z1', level: 'high' }).class, j(colour('red'), { code: 'Z1', level: 'high' }).reason],
    ['barred', 'high-zone'],
  );
  assert.equal(j(colour('red'), null).reason, 'red-code');
  const medium = j(colour('yellow'), { code: 'Z2', level: 'medium' });
  assert.deepEqual(
    [medium.class, medium.reason, medium.rule],
    ['special', 'medium-zone', 'cn-9th-edition:exam:medium-zone'],
  );
  assert.equal(j(colour('yellow'), null).reason, 'special-colour');
  assert.deepEqual(
    [j(colour('green'), null, null).class, j(colour('green'), null, null).reason],
    ['special', 'no-certificate'],
  );
  assert.equal(j(colour('green'), null, at - 49 * 3600_000).reason, 'no-certificate');
  assert.deepEqual([j(colour('green'), null).class, j(colour('green'), null).reason], ['regular', 'clear']);
});

test('exam parameters: a version stored without them reads the default of its id, then the 9th edition', () => {
  // A version stored before the exam section: everything else of the 20 measures, no `exam`.
  const { exam: _, ...bare } = (DEFAULT_POLICIES[1] as (typeof DEFAULT_POLICIES)[number]).params;
  assert.deepEqual(examParamsOf({ id: 'cn-20-measures', params: bare }).specialZoneLevels, []);
  assert.equal(examParamsOf({ id: 'local-2022-12', params: bare }).certificateHours, null);
  const own = { ...params, certificateHours: null, withoutCertificate: 'barred' as const };
  assert.equal(
    classify({ colour: colour('green'), zone: null, lastNegativeAt: null }, own, 'x', at).class,
    'regular',
    'no certificate rule in the version: a green candidate without a test is regular',
  );
});

test('room plan: own site first, then the nearest site of the district, and the unplaced when seats run out', () => {
  const sites = [
    { id: 1, code: 'A', district: '350102', lng: 119.3, lat: 26.08 },
    { id: 2, code: 'B', district: '350102', lng: 119.5, lat: 26.2 },
    { id: 3, code: 'C', district: '350102', lng: 119.31, lat: 26.09 },
    { id: 4, code: 'D', district: '350104', lng: 119.3, lat: 26.08 },
  ];
  const rooms = [
    { id: 10, siteId: 1, no: '01', capacity: 30, isolation: false },
    { id: 11, siteId: 1, no: '02', capacity: 1, isolation: true },
    { id: 20, siteId: 2, no: '02', capacity: 5, isolation: true },
    { id: 30, siteId: 3, no: '02', capacity: 1, isolation: true },
    { id: 40, siteId: 4, no: '02', capacity: 9, isolation: true },
  ];
  const c = (id: number, cls: PlanCandidate['class']): PlanCandidate => ({
    id,
    no: `N${id}`,
    siteId: 1,
    roomId: 10,
    class: cls,
  });
  const r = planRooms(sites, rooms, [
    c(1, 'special'),
    c(2, 'special'),
    c(3, 'special'),
    c(4, 'regular'),
    c(5, 'barred'),
  ]);
  assert.deepEqual(
    r.moves.map((m) => [m.candidateId, m.toRoom, m.why]),
    [
      [5, null, 'barred'],
      [1, 11, 'isolation-own-site'],
      [2, 30, 'isolation-nearby'],
      [3, 20, 'isolation-nearby'],
    ],
  );
  assert.equal(r.unplaced.length, 0);
  const many = Array.from({ length: 9 }, (_, i) => c(i + 1, 'special'));
  // Seven isolation seats in the district for nine; the other district's seats are not offered.
  assert.deepEqual(
    planRooms(sites, rooms, many).unplaced.map((u) => u.id),
    [8, 9],
  );
});

test('shuttle trips: special and regular riders never share a vehicle, loads within seats', () => {
  const riders = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    siteId: 1 + (i % 3),
    lane: i % 4 === 0 ? ('special' as const) : ('regular' as const),
  }));
  const trips = assignTrips(riders, [
    { id: 1, seats: 7 },
    { id: 2, seats: 4 },
  ]);
  const lane = new Map(riders.map((r) => [r.id, r]));
  for (const t of trips) {
    assert.ok(t.riders.every((id) => lane.get(id)?.lane === t.lane && lane.get(id)?.siteId === t.siteId));
    assert.ok(t.riders.length <= (t.vehicleId === 1 ? 7 : 4));
  }
  assert.deepEqual(
    trips.flatMap((t) => t.riders).sort((a, b) => a - b),
    riders.map((r) => r.id),
  );
});
