import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCrypto } from './crypto.ts';

const c = createCrypto('a-test-secret-that-is-long-enough-000');

test('encryption round-trips and never repeats a ciphertext', () => {
  const a = c.encrypt('350102198506121234');
  const b = c.encrypt('350102198506121234');
  assert.notEqual(a, b);
  assert.ok(!a.includes('350102'));
  assert.equal(c.decrypt(a), '350102198506121234');
  assert.equal(c.decrypt(c.encrypt('陈建华')), '陈建华');
});

test('a tampered ciphertext or another key fails to decrypt', () => {
  const sealed = c.encrypt('13812345678');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
  assert.throws(() => c.decrypt(`v1.${raw.toString('base64url')}`));
  assert.throws(() => createCrypto('another-secret-that-is-long-enough-11').decrypt(sealed));
});

test('blind index is deterministic, keyed, and separated by kind', () => {
  assert.equal(c.blindIndex('id', 'x'), c.blindIndex('id', 'x'));
  assert.notEqual(c.blindIndex('id', 'x'), c.blindIndex('phone', 'x'));
  assert.notEqual(c.blindIndex('id', 'x'), createCrypto('another-secret-that-is-long-enough-11').blindIndex('id', 'x'));
});
