import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { withCheckChar } from '../../src/appeals/appeals.rules.ts';
import { readLineList } from '../../src/cases/cases.import.ts';
import { testApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';
import { gbk } from '../helpers/gbk.ts';

// The module readers that do not go through the platform's sheet reader decode GBK too.

test('the case line list decodes GBK and names a bad row', async () => {
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
