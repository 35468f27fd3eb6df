import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCharOf, maskIdNumber, maskName, maskPhone, parseResidentId } from './people.rules.ts';

// The GB 11643-1999 standard's own example, and a Fuzhou ID built by hand.
const STANDARD_EXAMPLE = '11010519491231002X';
const gulou = (first17: string) => first17 + checkCharOf(first17);

test('valid IDs parse into area, birth date and sex', () => {
  const r = parseResidentId(STANDARD_EXAMPLE);
  assert.deepEqual(r, {
    ok: true,
    facts: { idNumber: STANDARD_EXAMPLE, areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
  });
  const id = gulou('35010219850612123');
  const f = parseResidentId(id.toLowerCase());
  assert.equal(f.ok, true);
  if (f.ok) assert.equal(f.facts.sex, 'male');
});

test('check character follows ISO 7064 MOD 11-2, X for 10', () => {
  assert.equal(checkCharOf('11010519491231002'), 'X');
  assert.equal(checkCharOf('44052418800101001'), '4');
});

test('a wrong check character is named with the expected one', () => {
  const id = gulou('35010219850612123');
  const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  const r = parseResidentId(wrong);
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.problem, { code: 'PERSON_ID_CHECKSUM', expected: id[17], got: wrong[17] });
});

test('an impossible or future birth date is refused', () => {
  for (const date of ['19990230', '20230229', '19851301', '18500101']) {
    const r = parseResidentId(gulou(`350102${date}123`));
    assert.equal(r.ok, false, date);
    if (!r.ok) assert.equal(r.problem.code, 'PERSON_ID_BIRTH_DATE');
  }
  const r = parseResidentId(gulou('35010220991231123'), new Date('2026-01-01'));
  assert.equal(!r.ok && r.problem.code, 'PERSON_ID_BIRTH_DATE');
  assert.equal(parseResidentId(gulou('35010220000229123')).ok, true, 'leap day 2000 exists');
});

test('an unknown area code is refused, a retired one accepted', () => {
  const r = parseResidentId(gulou('99010219850612123'));
  assert.deepEqual(!r.ok && r.problem, { code: 'PERSON_ID_AREA_UNKNOWN', area: '990102' });
  assert.equal(parseResidentId(gulou('35019919850612123')).ok, false);
  assert.equal(parseResidentId(gulou('35018219850612123')).ok, true, '长乐市 350182 before 2017');
});

test('format errors: length, letters, X in the wrong place', () => {
  for (const bad of ['', '3501021985061212', '35010219850612123X1', '3501021985061212A3', 'X50102198506121234']) {
    const r = parseResidentId(bad);
    assert.equal(!r.ok && r.problem.code, 'PERSON_ID_FORMAT', bad);
  }
});

test('masks keep only what staff need to tell people apart', () => {
  assert.equal(maskIdNumber('350102198506121234'), '350102********1234');
  assert.equal(maskName('陈建华'), '陈**');
  assert.equal(maskName('林'), '*');
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone('0591-968871'), '******8871');
});
