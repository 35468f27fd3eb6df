import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { setClock } from '../platform/clock.ts';
import { addDays } from '../platform/dates.ts';

function readings(): string {
  const lines = ['日期,户号,统一社会信用代码,区县,行业,用电量'];
  for (let d = '2022-10-01'; d <= '2022-11-06'; d = addDays(d, 1)) {
    lines.push(`${d},GL-1,,鼓楼区,C39,${d >= '2022-11-01' ? 300 : 1000}`);
    lines.push(`${d},CS-1,,仓山区,C17,2000`);
  }
  return lines.join('\r\n');
}

for (const dialect of dialects()) {
  describe(`electricity over HTTP on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    let bureau = '';
    let gulou = '';
    let cangshan = '';
    before(async () => {
      setClock('2022-11-07T10:00:00+08:00');
      await t.user('bureau', 'industry-bureau', { kind: 'city', code: '3501' });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('cangshan', 'district-officer', { kind: 'district', code: '350104' });
      bureau = await t.login('bureau');
      gulou = await t.login('gulou');
      cangshan = await t.login('cangshan');
    });
    after(() => setClock(null));
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, cookie: string, payload?: unknown, type?: string) =>
      t.app.inject({
        method,
        url,
        headers: { cookie, ...(type ? { 'content-type': type } : {}) },
        payload: payload as string,
      });

    test('the bureau sets the window and imports; a district officer may not import', async () => {
      const put = await call('PUT', '/api/v1/economy/settings', bureau, {
        baselineFrom: '2022-10-01',
        baselineTo: '2022-10-28',
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json().window, { from: '2022-10-01', to: '2022-10-28' });
      const bad = await call('PUT', '/api/v1/economy/settings', bureau, { accountShare: 2 });
      assert.equal(bad.statusCode, 400);
      const no = await call('POST', '/api/v1/imports/electricity', gulou, readings(), 'text/csv');
      assert.equal(no.statusCode, 403);
      const r = await call('POST', '/api/v1/imports/electricity', bureau, readings(), 'text/csv');
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().inserted, 74);
      assert.ok(r.json().flagged > 0);
      const rows = await call(
        'POST',
        '/api/v1/imports/electricity',
        bureau,
        'date,account_no,district,industry,kwh\r\n2022-11-01,X,350102,C39,-1',
        'text/csv',
      );
      assert.equal(rows.statusCode, 422);
      assert.deepEqual(
        rows
          .json()
          .error.details.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code]),
        [[2, 'kwh', 'POWER_KWH_NEGATIVE']],
      );
    });

    test('the screen, the export and an account stay inside the caller’s district', async () => {
      const city = (await call('GET', '/api/v1/economy/power?date=2022-11-06', bureau)).json();
      assert.equal(city.series.at(-1).kwh, 2300);
      assert.ok(city.flags.some((f: { subject: string }) => f.subject === 'GL-1'));
      const cs = await call('GET', '/api/v1/economy/power?date=2022-11-06', cangshan);
      assert.equal(cs.statusCode, 200, cs.body);
      assert.equal(cs.json().series.at(-1).kwh, 2000);
      assert.equal(cs.json().flags.length, 0);
      assert.equal((await call('GET', '/api/v1/economy/power/accounts/GL-1', cangshan)).statusCode, 404);
      const own = await call('GET', '/api/v1/economy/power/accounts/GL-1?to=2022-11-06', gulou);
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(own.json().points.at(-1).kwh, 300);
      const x = await call('GET', '/api/v1/economy/power.xlsx?date=2022-11-06', bureau);
      assert.equal(x.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['全市 City', '区县 Districts', '行业 Industries', '预警 Flags'],
      );
    });
  });
}
