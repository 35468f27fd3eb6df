import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { checkCharOf } from '../people/people.rules.ts';

const HEAD =
  'case_no,kind,origin,reported_on,district_code,street_code,community_code,detected_via,reclassified_on,discharged_on,released_on,died_on,id_number,name,phone';
const ID = (s: string) => s + checkCharOf(s);
const GOOD = [
  `A1,asymptomatic,local,2022-11-06,350102,350102001,350102001001,quarantine,,,,,${ID('35010219850612123')},陈伟,13812345678`,
  'A2,confirmed,local,2022-11-05,350104,,,community-screening,,2022-11-12,,,,,',
  'A3,confirmed,local,2022-11-03,350111,,,home-isolation,2022-11-06,,,,,,',
  'A4,asymptomatic,imported,2022-11-06,350105,,,quarantine,,,,,,,',
];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

for (const dialect of dialects()) {
  describe(`case import over HTTP on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    let cookie = '';
    before(async () => {
      await t.user('cmd', 'commander', { kind: 'city', code: '3501' });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      cookie = await t.login('cmd');
    });
    const upload = (body: string | Buffer, type = 'text/csv', c = cookie, query = '') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/imports/cases${query}`,
        headers: { cookie: c, 'content-type': type, 'x-filename': encodeURIComponent('病例.csv') },
        payload: body,
      });
    const count = async () =>
      Number(
        (
          await t.ctx.db.k
            .selectFrom('cases')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('every bad row is listed with its row, column and reason, and nothing is imported', async () => {
      const bad = [
        HEAD,
        GOOD[0],
        'B1,sick,local,2022-11-06,350102,,,quarantine,,,,,,,', // row 3: unknown kind
        'B2,confirmed,local,2022-11-06,350199,,,quarantine,,,,,,,', // row 4: unknown district
        'B3,confirmed,local,2022-11-06,350102,,,quarantine,,2022-11-01,,,,,', // row 5: discharged before reported
        'B4,confirmed,local,2022-11-06,350102,,,quarantine,,,2022-11-09,,,,', // row 6: release on a confirmed case
        'A1,confirmed,local,2022-11-06,350102,,,quarantine,,,,,,,', // row 7: duplicate case_no
        'B5,asymptomatic,local,2022-11-06,350102,,,quarantine,,,,,350102198506121230,,', // row 8: wrong ID check character
      ].join('\n');
      const r = await upload(bad);
      assert.equal(r.statusCode, 422, r.body);
      const e = r.json().error;
      assert.equal(e.code, 'IMPORT_INVALID');
      const got = e.details.map((d: { row: number; column: string; code: string }) => `${d.row}:${d.column}:${d.code}`);
      assert.deepEqual(got, [
        '3:kind:CASE_KIND_INVALID',
        '4:district_code:CASE_DIVISION_UNKNOWN',
        '5:discharged_on:CASE_DATE_BEFORE',
        '6:released_on:CASE_RELEASE_NOT_ASYMPTOMATIC',
        '7:case_no:CASE_DUPLICATE_IN_FILE',
        '8:id_number:PERSON_ID_CHECKSUM',
      ]);
      assert.match(e.details[0].message['zh-CN'], /病例类型/);
      assert.match(e.details[0].message.en, /not confirmed or asymptomatic/);
      assert.match(e.messages['zh-CN'], /未导入任何记录/);
      assert.equal(await count(), 0);
    });

    test('good rows import; the same file again changes nothing; an edited row updates', async () => {
      const file = [HEAD, ...GOOD].join('\r\n');
      const dry = await upload(file, 'text/csv', cookie, '?dryRun=true');
      assert.deepEqual(dry.json(), { rows: 4, inserted: 4, updated: 0, unchanged: 0, dryRun: true, importId: null });
      assert.equal(await count(), 0, 'a dry run saves nothing');
      const first = await upload(file);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().inserted, 4);
      const again = await upload(file);
      assert.deepEqual([again.json().inserted, again.json().updated, again.json().unchanged], [0, 0, 4]);
      const edited = await upload(
        [HEAD, ...GOOD.slice(0, 3), GOOD[3]?.replace('2022-11-06,350105', '2022-11-05,350105')].join('\n'),
      );
      assert.deepEqual([edited.json().inserted, edited.json().updated, edited.json().unchanged], [0, 1, 3]);
      assert.equal(await count(), 4);
      const f = (await t.app.inject({ url: '/api/v1/figures?date=2022-11-06', headers: { cookie } })).json();
      assert.equal(f.figures.newLocalConfirmed, 1);
      assert.equal(f.figures.newLocalConfirmedReclassified, 1);
      assert.equal(f.figures.newLocalAsymptomatic, 1);
      assert.equal(f.figures.newImportedAsymptomatic, 0, 'moved to 11-05 by the edit');
      const stored = await t.ctx.db.k
        .selectFrom('cases')
        .selectAll()
        .where('case_no', '=', 'A1')
        .executeTakeFirstOrThrow();
      assert.equal(stored.name_masked, '陈*');
      assert.ok(!JSON.stringify(stored).includes('13812345678'));
    });

    test('an XLSX with Chinese headers and values imports; one missing a column is refused', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('病例');
      ws.addRow(['病例编号', '病例类型', '来源', '报告日期', '区县代码', '发现途径']);
      ws.addRow(['X1', '无症状感染者', '本土', new Date(Date.UTC(2022, 10, 7)), 350102, '社区筛查']);
      ws.addRow(['X2', '确诊病例', '本土', '2022/11/7', '350103', '集中隔离']);
      const ok = await upload(Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().inserted, 2);
      const f = (await t.app.inject({ url: '/api/v1/figures?date=2022-11-07', headers: { cookie } })).json().figures;
      assert.deepEqual([f.newLocalConfirmed, f.newLocalAsymptomatic, f.foundInCommunity], [1, 1, 1]);

      const wb2 = new ExcelJS.Workbook();
      wb2.addWorksheet('x').addRow(['病例编号', '病例类型', '来源', '区县代码', '发现途径']).commit();
      wb2.worksheets[0]?.addRow(['X3', '确诊病例', '本土', '350102', '集中隔离']);
      const missing = await upload(Buffer.from(await wb2.xlsx.writeBuffer()), XLSX);
      assert.equal(missing.statusCode, 422);
      assert.deepEqual(
        missing.json().error.details.map((d: { row: number; code: string }) => `${d.row}:${d.code}`),
        ['1:IMPORT_MISSING_COLUMN'],
      );
      assert.match(missing.json().error.details[0].message['zh-CN'], /报告日期/);
      const garbage = await upload(Buffer.from('not a zip'), XLSX);
      assert.equal(garbage.json().error.details[0].code, 'IMPORT_UNREADABLE');
    });

    test('a district officer cannot import another district; wrong types are 415', async () => {
      const gulou = await t.login('gulou');
      const r = await upload(
        [HEAD, 'G1,confirmed,local,2022-11-06,350104,,,quarantine,,,,,,,'].join('\n'),
        'text/csv',
        gulou,
      );
      assert.equal(r.statusCode, 422);
      assert.equal(r.json().error.details[0].code, 'CASE_OUT_OF_SCOPE');
      const wrongType = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports/cases',
        headers: { cookie, 'content-type': 'text/plain', 'x-filename': 'a.txt' },
        payload: 'x',
      });
      assert.equal(wrongType.statusCode, 415);
    });

    test('templates download and the figures export opens in Excel', async () => {
      const csv = await t.app.inject({ url: '/api/v1/imports/cases/template.csv', headers: { cookie } });
      assert.ok(csv.body.includes(HEAD));
      const tpl = await t.app.inject({ url: '/api/v1/imports/cases/template.xlsx', headers: { cookie } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
      assert.equal(wb.worksheets[0]?.getRow(1).getCell(1).value, '病例编号');
      const x = await t.app.inject({
        url: '/api/v1/figures/export.xlsx?from=2022-11-05&to=2022-11-07',
        headers: { cookie },
      });
      assert.equal(x.statusCode, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const city = book.worksheets[0];
      assert.equal(city?.name, '福州市');
      assert.equal(city?.rowCount, 4);
      assert.equal(city?.getRow(3).getCell(1).value, '2022-11-06');
      assert.equal(book.worksheets.length, 14, 'the city and its 13 districts');
    });
  });
}
