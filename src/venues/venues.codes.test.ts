import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeKeys, personalCode, readPersonalCode, readVenueCode, signVenueCode } from './venues.codes.ts';

const keys = codeKeys('a-test-secret-that-is-long-enough-000');
const other = codeKeys('another-secret-that-is-long-enough-11');

test('venue codes cannot be forged or altered', () => {
  const code = signVenueCode(keys, 'V350102-0001', 1);
  assert.deepEqual(readVenueCode(keys, code), { venue: 'V350102-0001', version: 1 });
  const [tag, , sig] = code.split('.');
  const altered = `${tag}.${Buffer.from(JSON.stringify({ c: 'V350102-0002', v: 1 })).toString('base64url')}.${sig}`;
  assert.equal(readVenueCode(keys, altered), null);
  assert.equal(readVenueCode(keys, signVenueCode(other, 'V350102-0001', 1)), null, 'another key');
  for (const junk of ['', 'V1', 'V1.x.y', 'P1.a.b.c', `${code}x`]) assert.equal(readVenueCode(keys, junk), null, junk);
});

test('personal codes rotate every minute; a replay after rotation is refused', () => {
  const t = Date.parse('2022-11-08T09:00:30+08:00');
  const code = personalCode(keys, 42, t);
  assert.equal(readPersonalCode(keys, code, t), 42);
  assert.equal(readPersonalCode(keys, code, t + 60_000), 42, 'still good during the next minute');
  assert.equal(readPersonalCode(keys, code, t + 120_000), 'expired');
  assert.equal(readPersonalCode(other, code, t), null, 'forged with another key');
  assert.equal(readPersonalCode(keys, code.replace('P1.16', 'P1.17'), t), null, 'altered person');
});
