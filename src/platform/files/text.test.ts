import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gbk } from '../../../test/helpers/gbk.ts';
import { AppError } from '../errors.ts';
import { readSheet } from './sheet.ts';
import { decodeText } from './text.ts';

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

test('the sheet reader (marks, zone residents, paper sign-ins) decodes GBK and names a bad row', async () => {
  const rows = await readSheet(gbk('身份证号,姓名\n350102199001010018,张三\n'), { 身份证号: 'id', 姓名: 'name' }, [
    'id',
  ]);
  assert.deepEqual(rows, [{ row: 2, id: '350102199001010018', name: '张三' }]);
  await assert.rejects(
    readSheet(Buffer.from([0x61, 0x0a, 0xd5, 0x0a]), { a: 'a' }, ['a']),
    (e) => e instanceof AppError && e.code === 'IMPORT_INVALID' && JSON.stringify(e.details).includes('"row":2'),
  );
});
