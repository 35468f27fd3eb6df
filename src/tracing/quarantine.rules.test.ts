import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICIES } from '../policy/policy.schema.ts';
import { type PlanKind, scheduleOf as scheduleBy } from './quarantine.rules.ts';

const version = (id: string) => DEFAULT_POLICIES.find((p) => p.id === id) ?? assert.fail(id);
const scheduleOf = (kind: PlanKind, day: string, id: string) => scheduleBy(kind, day, version(id));

test('9th edition: close contact 7 centralised + 3 home days, PCR days 1, 2, 3, 5, 7 and home day 3', () => {
  const s = scheduleOf('close-contact', '2022-11-09', 'cn-9th-edition');
  assert.deepEqual(
    s.phases.map((p) => [p.place, p.from, p.to]),
    [
      ['centralised', '2022-11-09', '2022-11-15'],
      ['home', '2022-11-16', '2022-11-18'],
    ],
  );
  assert.deepEqual(
    s.pcr.map((p) => [p.day, p.date]),
    [
      [1, '2022-11-09'],
      [2, '2022-11-10'],
      [3, '2022-11-11'],
      [5, '2022-11-13'],
      [7, '2022-11-15'],
      [10, '2022-11-18'],
    ],
  );
  assert.equal(s.endsOn, '2022-11-18');
  assert.equal(s.rule, 'cn-9th-edition:close-contact-quarantine');
  const sec = scheduleOf('secondary-contact', '2022-11-09', 'cn-9th-edition');
  assert.deepEqual(
    [sec.pcr.map((p) => p.date), sec.endsOn],
    [['2022-11-09', '2022-11-12', '2022-11-15'], '2022-11-15'],
  );
});

test('20 measures: 5 + 3 days for close contacts, secondary contacts no longer identified; 10 measures: 5 home days', () => {
  const s = scheduleOf('close-contact', '2022-11-12', 'cn-20-measures');
  assert.deepEqual(
    s.pcr.map((p) => [p.day, p.place]),
    [
      [1, 'centralised'],
      [2, 'centralised'],
      [3, 'centralised'],
      [5, 'centralised'],
      [6, 'home'],
      [8, 'home'],
    ],
  );
  assert.equal(s.endsOn, '2022-11-19');
  assert.equal(scheduleOf('secondary-contact', '2022-11-12', 'cn-20-measures').identified, false);
  const ten = scheduleOf('close-contact', '2022-12-08', 'cn-10-measures');
  assert.deepEqual([ten.pcr, ten.endsOn], [[{ day: 5, date: '2022-12-12', place: 'home' }], '2022-12-12']);
});
