import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { testApp } from '../../../test/helpers/app.ts';
import { dialects } from '../../../test/helpers/db.ts';
import { withCheckChar } from '../../appeals/appeals.rules.ts';
import { readLineList } from '../../cases/cases.import.ts';
import { AppError } from '../errors.ts';
import { readSheet } from './sheet.ts';
import { decodeText } from './text.ts';

// GBK/GB18030 bytes from the code page table (CP936 and GB 18030-2005), not from the decoder under test.
const GBK: Record<string, number[]> = {
  姓: [0xd0, 0xd5],
  名: [0xc3, 0xfb],
  张: [0xd5, 0xc5],
  三: [0xc8, 0xfd],
  李: [0xc0, 0xee],
  四: [0xcb, 0xc4],
  王: [0xcd, 0xf5],
  五: [0xce, 0xe5],
  福: [0xb8, 0xa3],
  州: [0xd6, 0xdd],
  身: [0xc9, 0xed],
  份: [0xb7, 0xdd],
  证: [0xd6, 0xa4],
  号: [0xba, 0xc5],
  '€': [0x80],
  𠀀: [0x95, 0x32, 0x82, 0x36],
};

/** Encodes text as GBK/GB18030 from the table above (ASCII as itself). */
function gbk(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const bytes = GBK[ch] ?? (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : undefined);
    if (!bytes) throw new Error(`no GBK bytes in the table for ${ch}`);
    out.push(...bytes);
  }
  return Buffer.from(out);
}

const refused = (buf: Buffer, code: string, row: number) =>
  assert.throws(
    () => decodeText(buf),
    (e) => e instanceof AppError && e.code === code && e.params.row === row,
  );

test('GBK/GB18030 as Excel on Chinese Windows saves it is read as what it says, four-byte characters and € included', () => {
  const csv = 'name,note\n张三,福州\n李四,€\n王五,𠀀\n';
  const r = decodeText(gbk(csv));
  assert.equal(r.encoding, 'gb18030');
  assert.equal(r.text, csv);
});

test('UTF-8 with and without BOM, and UTF-16 LE/BE with BOM, are read as they are', () => {
  const csv = '姓名,身份证号\n张三,350102199001010018\n';
  assert.deepEqual(decodeText(Buffer.from(csv)), { text: csv, encoding: 'utf-8' });
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])), {
    text: csv,
    encoding: 'utf-8',
  });
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
  assert.deepEqual(decodeText(le), { text: csv, encoding: 'utf-16le' });
  const be = Buffer.from(le);
  be.swap16();
  assert.deepEqual(decodeText(be), { text: csv, encoding: 'utf-16be' });
});

test('a file valid in no encoding is refused with its first bad row', () => {
  // Row 3 ends in a GBK lead byte with no trail byte; the rows before it are good GBK.
  refused(Buffer.concat([gbk('name\n张三\n李'), Buffer.from([0xd5, 0x0a])]), 'IMPORT_ENCODING', 3);
  // UTF-8 with one damaged byte on row 4 is refused as UTF-8, not read as GB18030 mojibake.
  const good = Buffer.from('姓名,备注\n张三,福州市鼓楼区\n李四,福州市仓山区\n');
  refused(Buffer.concat([good, Buffer.from([0xe7, 0x8e]), Buffer.from(',x\n王五,台江\n')]), 'IMPORT_ENCODING', 4);
  // A UTF-16 BOM with an odd byte count, and an unpaired surrogate, are not UTF-16.
  refused(
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\nb\n', 'utf16le'), Buffer.from([0x00, 0xd8])]),
    'IMPORT_ENCODING',
    3,
  );
});

test('NUL and U+FFFD (an earlier bad conversion) are never let through', () => {
  refused(Buffer.from('name\nok\nbad\u0000name\n'), 'IMPORT_BAD_CHARACTER', 3);
  refused(Buffer.from('name\n\ufffd\ufffd\n'), 'IMPORT_BAD_CHARACTER', 2);
  // UTF-16 without a BOM looks like UTF-8 full of NULs.
  refused(Buffer.from('name\nZhang\n', 'utf16le'), 'IMPORT_BAD_CHARACTER', 1);
});

test('every import reader decodes GBK: sheets (marks, residents, paper) and the line list', async () => {
  const rows = await readSheet(gbk('身份证号,姓名\n350102199001010018,张三\n'), { 身份证号: 'id', 姓名: 'name' }, [
    'id',
  ]);
  assert.deepEqual(rows, [{ row: 2, id: '350102199001010018', name: '张三' }]);
  await assert.rejects(
    readSheet(Buffer.from([0x61, 0x0a, 0xd5, 0x0a]), { a: 'a' }, ['a']),
    (e) => e instanceof AppError && e.code === 'IMPORT_INVALID' && JSON.stringify(e.details).includes('"row":2'),
  );
  const list = await readLineList(gbk('case_no,姓名\nC1,王五\n'), 'csv');
  assert.equal(list.rows[0]?.cells.name, '王五');
  const bad = await readLineList(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x0a]), 'csv');
  assert.deepEqual(
    bad.issues.map((i) => [i.row, i.code]),
    [[3, 'IMPORT_ENCODING']],
  );
});

for (const dialect of dialects()) {
  describe(`a GBK upload on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());

    test('a GBK enterprise list is stored in Chinese, and a file in no encoding is a 4xx naming its row', async () => {
      await t.user('cmd', 'commander', { kind: 'city', code: '3501' });
      const cookie = await t.login('cmd');
      const code = withCheckChar('91350102MA2Y8K3P0');
      const post = (payload: Buffer) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/imports/enterprises',
          headers: { cookie, 'content-type': 'text/csv', 'x-filename': encodeURIComponent('企业.csv') },
          payload,
        });
      const ok = await post(gbk(`credit_code,name,industry,district_code,size\n${code},张三李四,福州,350102,small\n`));
      assert.equal(ok.statusCode, 200, ok.body);
      const got = await t.app.inject({ url: `/api/v1/enterprises/${code}`, headers: { cookie } });
      assert.equal(got.json().enterprise.name, '张三李四');
      assert.equal(got.json().enterprise.industry, '福州');
      const bad = await post(Buffer.concat([gbk(`credit_code,name\n${code},王五\n`), Buffer.from([0xd5])]));
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(
        bad.json().error.details.issues[0].message.en,
        /Row 3 of the file is not valid UTF-8, UTF-16 or GB18030/,
      );
    });
  });
}
