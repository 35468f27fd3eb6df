import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createCrypto } from './crypto.ts';
import { SHORT_MAX, shortHmac } from './sha256.ts';

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

test('the raw blind index spells the hex one, for short, long and non-ASCII values alike', () => {
  const values = ['350102199001010018', '', 'x'.repeat(52), 'x'.repeat(53), 'y'.repeat(200), '陈建华', '\u007f'];
  for (let n = 0; n < 500; n++) values.push(randomBytes(n % 60).toString('latin1'));
  for (const kind of ['id', 'phone', 'id']) {
    for (const v of values) {
      const out = new Uint8Array(40).fill(7);
      c.blindDigest(kind, v, out, 4);
      assert.equal(Buffer.from(out.subarray(4, 36)).toString('hex'), c.blindIndex(kind, v), `${kind}:${v}`);
      assert.deepEqual([...out.subarray(0, 4), ...out.subarray(36)], [7, 7, 7, 7, 7, 7, 7, 7], 'nothing else written');
    }
  }
});

test('the short-message HMAC equals node:crypto for keys of every length up to a block', () => {
  for (let len = 0; len <= 64; len += 1) {
    const key = randomBytes(len);
    const mac = shortHmac(key);
    for (let n = 0; n <= SHORT_MAX; n++) {
      const msg = Buffer.from(randomBytes(n).map((b) => b & 0x7f)).toString('latin1');
      const out = new Uint8Array(32);
      assert.equal(mac('', msg, out, 0), true);
      assert.equal(Buffer.from(out).toString('hex'), createHmac('sha256', key).update(msg, 'latin1').digest('hex'));
    }
    assert.equal(mac('a', 'b'.repeat(SHORT_MAX), new Uint8Array(32), 0), false, 'too long: the caller MACs it');
  }
});
