import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp } from '../../../test/helpers/app.ts';
import { dialects } from '../../../test/helpers/db.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import { jsonDeeperThan, MAX_JSON_DEPTH } from './input.ts';
import { uploadFilename } from './upload.ts';

// The seven import routes, each of which ended a 20,000-deep JSON body in a RangeError.
const IMPORTS = [
  '/api/v1/imports/cases',
  '/api/v1/imports/samples',
  '/api/v1/imports/results',
  '/api/v1/imports/paper-registrations',
  '/api/v1/imports/enterprises',
  '/api/v1/imports/tracing-marks',
  '/api/v1/zones/1/residents',
];
// The four that read X-Filename, where %E4%B8 was a URIError.
const NAMED = IMPORTS.slice(0, 3).concat('/api/v1/imports/enterprises');

test('the depth scan counts brackets outside strings only', () => {
  assert.equal(jsonDeeperThan('[[[]]]', 3), false);
  assert.equal(jsonDeeperThan('[[[[]]]]', 3), true);
  assert.equal(jsonDeeperThan('{"a":"[[[[[[\\"[[[["}', 1), false);
  assert.equal(jsonDeeperThan(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`, MAX_JSON_DEPTH), true);
});

test('X-Filename: percent-decoded, or BAD_FILENAME; never a URIError', () => {
  assert.equal(uploadFilename(undefined), 'upload');
  assert.equal(uploadFilename(encodeURIComponent('福州 名单.csv')), '福州 名单.csv');
  for (const bad of ['%E4%B8', '%ED%A0%80', '%00', 'a%2Fb', '..%5Cx', 'x'.repeat(256)])
    assert.throws(() => uploadFilename(bad), { code: 'BAD_FILENAME' }, bad);
});

for (const dialect of dialects()) {
  describe(`input guards on ${dialect}`, async () => {
    const t = await testApp(dialect);
    let cookie = '';
    before(async () => {
      await t.user('cmd', 'commander', { kind: 'city', code: '3501' });
      await t.user('lab1', 'lab', { kind: 'city', code: '3501' });
      cookie = await t.login('cmd');
    });
    after(() => t.close());
    // A value the schema let through and the database refuses (PostgreSQL is stricter than SQLite).
    t.app.get('/api/v1/test-db-value', { config: { scope: 'public' } }, async () =>
      sql`select cast(${'x'} as integer) as n`.execute(t.ctx.db.k),
    );
    const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/json', ...headers },
        payload,
      });

    test('a JSON body nested 20,000 deep is JSON_TOO_DEEP on every import route and any other', async () => {
      for (const deep of [
        `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
        `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
      ])
        for (const url of [...IMPORTS, '/api/v1/persons', '/api/v1/sessions']) {
          const r = await post(url, deep);
          assert.equal(r.statusCode, 400, `${url}: ${r.body.slice(0, 200)}`);
          assert.equal(r.json().error.code, 'JSON_TOO_DEEP', url);
        }
      // At the limit the body is parsed and judged by the route as usual.
      const atLimit = await post('/api/v1/persons', `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`);
      assert.equal(atLimit.json().error.code, 'VALIDATION_FAILED');
    });

    test('a JSON body on an import route is IMPORT_CONTENT_TYPE, not parsed as a file', async () => {
      for (const url of IMPORTS) {
        const r = await post(url, '{"rows":[[1,2],[3,4]]}');
        assert.equal(r.statusCode, 415, `${url}: ${r.body}`);
        assert.equal(r.json().error.code, 'IMPORT_CONTENT_TYPE');
      }
    });

    test('a malformed X-Filename is BAD_FILENAME on the four import routes that read it', async () => {
      const labCookie = await t.login('lab1');
      for (const url of NAMED)
        for (const name of ['%E4%B8', '%00']) {
          const r = await t.app.inject({
            method: 'POST',
            url,
            headers: {
              cookie: url.includes('results') ? labCookie : cookie,
              'content-type': 'text/csv',
              'x-filename': name,
            },
            payload: 'a,b\n1,2\n',
          });
          assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
          assert.equal(r.json().error.code, 'BAD_FILENAME', url);
        }
    });

    test('unpaired surrogates and NUL are BAD_TEXT in bodies, keys and queries, and never reach the chain', async () => {
      const before = (await verifyAudit(t.ctx.db, t.ctx.crypto)).checked;
      for (const payload of [
        '{"username":"\\ud800x","password":"wrong-password"}',
        '{"username":"a\\u0000b","password":"wrong-password"}',
        '{"username":"x","password":"p","\\udc00":1}',
      ]) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          headers: { 'content-type': 'application/json' },
          payload,
        });
        assert.equal(r.statusCode, 400, r.body);
        assert.equal(r.json().error.code, 'BAD_TEXT');
        assert.doesNotMatch(r.body, /\\ud800|\\u0000/, 'the bad text is not echoed');
      }
      const q = await t.app.inject({ url: '/api/v1/persons?q=a%00', headers: { cookie } });
      assert.equal(q.json().error.code, 'BAD_TEXT');
      const v = await verifyAudit(t.ctx.db, t.ctx.crypto);
      assert.deepEqual([v.ok, v.checked], [true, before]);
    });

    test('a value the database refuses is a 400, never a 500 (found by the fuzz on PostgreSQL)', async () => {
      const mark = await post('/api/v1/tracing/marks/%27%20OR%20%271%27%3D%271/close', '{"reason":"x"}');
      assert.deepEqual([mark.statusCode, mark.json().error.code], [400, 'VALIDATION_FAILED']);
      const r = await t.app.inject({ url: '/api/v1/test-db-value', headers: { cookie } });
      if (dialect === 'postgres') assert.deepEqual([r.statusCode, r.json().error.code], [400, 'INVALID_VALUE']);
      else assert.equal(r.statusCode, 200, 'SQLite casts instead of refusing');
    });

    test('a key that exists already is a 409 DUPLICATE, never a 500 (found by the fuzz: a second site with one code)', async () => {
      const site = { code: 'S-DUP-1', name: '鼓楼采样点', communityCode: '350102001001', lanes: 2, hours: '8-20' };
      const first = await post('/api/v1/sampling-sites', JSON.stringify(site));
      assert.ok(first.statusCode < 300, first.body);
      const again = await post('/api/v1/sampling-sites', JSON.stringify({ ...site, name: '另一个' }));
      assert.deepEqual([again.statusCode, again.json().error.code], [409, 'DUPLICATE']);
    });

    test('a path that does not percent-decode or is too long is a catalogued error, not Fastify’s own body', async () => {
      const bad = await t.app.inject({ url: '/api/v1/persons/%ED%A0%80', headers: { cookie } });
      assert.deepEqual([bad.statusCode, bad.json().error.code], [400, 'BAD_URL']);
      const long = await t.app.inject({ url: `/api/v1/persons/${'9'.repeat(200)}`, headers: { cookie } });
      assert.deepEqual([long.statusCode, long.json().error.code], [414, 'URL_TOO_LONG']);
      assert.equal(long.json().error.messages.en, 'A parameter of the request address is too long');
    });
  });
}
