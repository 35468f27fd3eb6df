import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { checkState } from './checks.service.ts';
import { posterPdf } from './poster.pdf.ts';
import { posterPng, posterSvg, qrMatrix } from './poster.ts';
import { codeKeys, readVenueCode, signVenueCode } from './venues.codes.ts';
import { createVenues } from './venues.service.ts';

const keys = codeKeys('poster-test-secret');
const content = {
  payload: signVenueCode(keys, 'V350102-00001', 3),
  venueCode: 'V350102-00001',
  name: '三坊七巷农贸市场',
  category: '商场超市农贸市场',
  district: '鼓楼区',
};

/** The modules an SVG poster draws, read back from its path of unit squares. */
function drawnMatrix(svg: string): boolean[][] {
  const size = Number(/data-qr-size="(\d+)"/.exec(svg)?.[1]);
  const d = /<path[^>]* d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const m = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) (m[Number(y)] as boolean[])[Number(x)] = true;
  return m;
}

/** Checks every xref offset points at its object header, and returns the decoded objects. */
function parsePdf(pdf: Buffer) {
  const s = pdf.toString('latin1');
  assert.ok(s.startsWith('%PDF-1.4\n'));
  assert.ok(s.endsWith('%%EOF\n'));
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)?.[1]);
  assert.equal(s.slice(startxref, startxref + 5), 'xref\n', 'startxref points at the xref table');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(s.slice(startxref)) ?? [];
  assert.equal(first, '0');
  const entries = s
    .slice(startxref)
    .split('\n')
    .slice(2, 2 + Number(count));
  assert.equal(entries[0], '0000000000 65535 f ');
  const objects: string[] = [];
  entries.slice(1).forEach((e, i) => {
    assert.match(e, /^\d{10} 00000 n $/, 'entries are 20 bytes');
    const at = Number(e.slice(0, 10));
    assert.equal(s.slice(at, at + `${i + 1} 0 obj\n`.length), `${i + 1} 0 obj\n`, `xref offset of object ${i + 1}`);
    objects.push(s.slice(at, s.indexOf('endobj', at)));
  });
  assert.match(s, new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R`));
  return objects;
}

const hexText = (h: string) => Buffer.from(h, 'hex').swap16().toString('utf16le');

test('the SVG poster draws exactly the QR matrix of a genuine venue code, and the text', () => {
  const svg = posterSvg(content);
  assert.deepEqual(drawnMatrix(svg), qrMatrix(content.payload));
  assert.deepEqual(readVenueCode(keys, content.payload), { venue: 'V350102-00001', version: 3 });
  for (const text of ['三坊七巷农贸市场', '商场超市农贸市场 · 鼓楼区', '扫码登记 / Scan to check in', 'V350102-00001'])
    assert.ok(svg.includes(`>${text}<`), text);
  assert.ok(!posterSvg({ ...content, name: '<script>' }).includes('<script>'), 'names are escaped');
});

test('the PNG is the QR code with a quiet zone', async () => {
  const png = await posterPng(content);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const side = (qrMatrix(content.payload).length + 8) * 12;
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [side, side], 'IHDR width and height');
});

test('the PDF has correct xref offsets, a CJK font and the QR as rectangles', () => {
  const objects = parsePdf(posterPdf(content));
  assert.equal(objects.length, 8);
  const font = objects[4] ?? '';
  assert.match(font, /\/Subtype \/Type0 \/BaseFont \/STSong-Light \/Encoding \/UniGB-UCS2-H/);
  assert.match(objects[5] ?? '', /\/Registry \(Adobe\) \/Ordering \(GB1\)/);
  const stream = objects[3] ?? '';
  const length = Number(/\/Length (\d+)/.exec(stream)?.[1]);
  const body = stream.slice(stream.indexOf('stream\n') + 7, stream.lastIndexOf('\nendstream'));
  assert.equal(body.length, length, 'stream /Length is exact');
  const modules = qrMatrix(content.payload).flat().filter(Boolean).length;
  assert.equal(body.match(/ re\n/g)?.length, modules, 'one rectangle per dark module');
  const texts = [...body.matchAll(/<([0-9A-F]+)> Tj/g)].map((m) => hexText(m[1] as string));
  assert.deepEqual(texts, [
    '场所码',
    '三坊七巷农贸市场',
    '商场超市农贸市场 · 鼓楼区',
    '扫码登记 / Scan to check in',
    'V350102-00001',
  ]);
});

for (const dialect of dialects()) {
  describe(`venue posters over HTTP on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    await t.user('cmd', 'commander', { kind: 'city', code: '3501' });
    await t.user('cangshan', 'district-officer', { kind: 'district', code: '350104' });
    const cookie = await t.login('cmd');
    await createVenues(t.ctx, 'system', [
      { code: 'MKT', name: '东街口农贸市场', category: 'mall-market', communityCode: '350102001001' },
    ]);
    const get = (url: string, c = cookie) => t.app.inject({ method: 'GET', url, headers: { cookie: c } });

    test('every format is served; a revoked version is refused; the current one verifies', async () => {
      const svg = await get('/api/v1/venues/MKT/poster.svg');
      assert.equal(svg.statusCode, 200);
      assert.match(String(svg.headers['content-type']), /image\/svg\+xml/);
      assert.ok(svg.body.includes('东街口农贸市场'));
      assert.equal((await get('/api/v1/venues/MKT/poster.png')).headers['content-type'], 'image/png');
      const pdf = await get('/api/v1/venues/MKT/poster.pdf');
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      parsePdf(pdf.rawPayload);

      const revoke = await t.app.inject({ method: 'POST', url: '/api/v1/venues/MKT/revoke', headers: { cookie } });
      assert.equal(revoke.statusCode, 200);
      const old = await get('/api/v1/venues/MKT/poster.pdf?version=1');
      assert.equal(old.statusCode, 410);
      assert.equal(old.json().error.code, 'POSTER_VERSION_REVOKED');
      const current = await get('/api/v1/venues/MKT/poster.svg');
      const keysOfApp = (await checkState(t.ctx)).keys;
      const v2 = signVenueCode(keysOfApp, 'MKT', 2);
      assert.equal(revoke.json().code, v2, 'revoking answers the new code');
      assert.deepEqual(drawnMatrix(current.body), qrMatrix(v2), 'the poster now carries version 2');
      assert.deepEqual(readVenueCode(keysOfApp, v2), { venue: 'MKT', version: 2 });
    });

    test('posters are refused outside the actor’s area and for unknown venues', async () => {
      const other = await t.login('cangshan');
      const r = await get('/api/v1/venues/MKT/poster.svg', other);
      assert.deepEqual([r.statusCode, r.json().error.code], [403, 'OUT_OF_SCOPE']);
      assert.equal((await get('/api/v1/venues/NOPE/poster.png')).json().error.code, 'VENUE_UNKNOWN');
    });
  });
}
