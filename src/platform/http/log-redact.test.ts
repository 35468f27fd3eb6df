import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { testCtx } from '../../../test/helpers/db.ts';
import { buildApp } from '../../app.ts';
import { redactUrl } from './log-redact.ts';

test('redactUrl takes IDs and phone numbers out of paths and every query value not known to be plain', () => {
  const cases: Array<[string, string]> = [
    ['/api/v1/persons?q=350102199001010018', '/api/v1/persons?q=[redacted]'],
    [
      '/api/v1/persons?district=350102&q=%E5%BC%A0%E4%B8%89&page=2',
      '/api/v1/persons?district=350102&q=[redacted]&page=2',
    ],
    ['/api/v1/persons/35010219900101001x/unmasked', '/api/v1/persons/[redacted]/unmasked'],
    ['/api/v1/x/350102900101001?date=2022-11-08', '/api/v1/x/[redacted]?date=2022-11-08'],
    ['/api/v1/x?phone=%2B8613812345678', '/api/v1/x?phone=[redacted]'],
    ['/api/v1/x?district=13812345678', '/api/v1/x?district=[redacted]'],
    ['/api/v1/x?13812345678', '/api/v1/x?[redacted]'],
    ['/api/v1/zones/350102001001/residents?page=1', '/api/v1/zones/350102001001/residents?page=1'],
    ['/api/v1/persons/42?reason=', '/api/v1/persons/42?reason='],
  ];
  for (const [url, want] of cases) assert.equal(redactUrl(url), want, url);
});

test('the request log never carries a resident ID or a phone number from the URL', async () => {
  const ctx = await testCtx('sqlite');
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (d) => {
    out += d;
  });
  const app = await buildApp({ ...ctx, config: { ...ctx.config, logLevel: 'info' } }, { logStream: stream });
  for (const url of [
    '/api/v1/persons?q=350102199001010018&district=350102',
    '/api/v1/persons?q=13812345678',
    '/api/v1/persons/350102199001010018',
    '/api/v1/appeals?q=%E9%99%88%E4%BC%9F',
    '/api/v1/persons/350102199001010018%E4%B8',
  ])
    await app.inject({ url });
  await app.close();
  await ctx.close();
  const urls = out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).req?.url)
    .filter(Boolean);
  assert.equal(urls.length, 5, out);
  assert.ok(urls.includes('/api/v1/persons?q=[redacted]&district=350102'), urls.join('\n'));
  for (const s of ['350102199001010018', '13812345678', '%E9%99%88%E4%BC%9F'])
    assert.ok(!out.includes(s), `${s} leaked into the request log`);
});
