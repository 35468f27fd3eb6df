import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permissionsOf, scopeContains, scopeCoversDivision } from './auth.rules.ts';
import { hashPassword, verifyPassword } from './password.ts';

test('scopes nest by GB/T 2260 prefix', () => {
  assert.ok(scopeCoversDivision({ kind: 'city', code: '3501' }, '350181001001'));
  assert.ok(scopeCoversDivision({ kind: 'district', code: '350102' }, '350102001001'));
  assert.ok(!scopeCoversDivision({ kind: 'district', code: '350102' }, '350103001001'));
  assert.ok(scopeCoversDivision({ kind: 'street', code: '350102001' }, '350102001005'));
  assert.ok(!scopeCoversDivision({ kind: 'street', code: '350102001' }, '350102002005'));
  assert.ok(!scopeCoversDivision({ kind: 'zone', code: 'z1' }, '350102001005'));
  assert.ok(scopeContains({ kind: 'city', code: '3501' }, { kind: 'district', code: '350104' }));
  assert.ok(!scopeContains({ kind: 'district', code: '350102' }, { kind: 'district', code: '350104' }));
});

test('only staff roles see persons; only the auditor reads the audit log', () => {
  assert.ok(permissionsOf('district-officer').includes('persons:unmask'));
  assert.ok(!permissionsOf('resident').includes('persons:read'));
  assert.ok(!permissionsOf('commander').includes('audit:read'));
  assert.ok(permissionsOf('auditor').includes('audit:read'));
});

test('scrypt hashes verify only the right password', async () => {
  const h = await hashPassword('correct horse');
  assert.match(h, /^scrypt\$16384\$8\$1\$/);
  assert.equal(await verifyPassword('correct horse', h), true);
  assert.equal(await verifyPassword('wrong horse', h), false);
  assert.equal(await verifyPassword('x', 'garbage'), false);
});
