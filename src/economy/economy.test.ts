import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { withCheckChar } from '../appeals/appeals.rules.ts';
import { insertEnterprises } from '../appeals/enterprises.repo.ts';
import { closeTaskRow } from '../appeals/whitelist.repo.ts';
import { setClock } from '../platform/clock.ts';
import { addDays } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { insertCadres } from '../zones/taskforce.repo.ts';
import { economyFlagsJob } from './economy.job.ts';
import { weekdayOf } from './economy.rules.ts';
import { importReadings } from './economy.service.ts';
import { evaluateFlags } from './flags.service.ts';
import { updateSettings } from './settings.service.ts';
import { powerOverview } from './views.service.ts';

const E1 = withCheckChar('91350102MA2Y8K3P0');
const E2 = withCheckChar('91350104MA31XK7Q2');
const HEAD = 'date,account_no,credit_code,district,industry,kwh';
const CITY = {
  userId: 1,
  username: 'bureau',
  role: 'industry-bureau' as const,
  scope: { kind: 'city' as const, code: '3501' },
};
const csv = (lines: string[]) => Buffer.from([HEAD, ...lines].join('\n'));
const file = (buf: Buffer, filename = 'readings.csv') => ({ buf, filename });

async function refused(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return {
      code: e.code,
      issues: (e.details as { issues: Array<{ row: number; column: string; code: string }> }).issues,
    };
  }
  assert.fail('the import was accepted');
}

/** A month of baseline (October: weekdays 1000 / weekends 400 for A1; 2000 flat for A2), then November. */
function history(nov: Record<string, [number, number]>): string[] {
  const lines: string[] = [];
  for (let d = '2022-10-01'; d <= '2022-10-28'; d = addDays(d, 1)) {
    const wd = weekdayOf(d);
    lines.push(`${d},A1,${E1},鼓楼区,C39,${wd === 0 || wd === 6 ? 400 : 1000}`);
    lines.push(`${d},A2,,350104,17,2000`);
  }
  for (const [d, [a1, a2]] of Object.entries(nov)) {
    lines.push(`${d},A1,${E1},350102,C39,${a1}`);
    lines.push(`${d},A2,,仓山区,纺织业,${a2}`);
  }
  return lines;
}

for (const dialect of dialects()) {
  describe(`industrial electricity on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    before(async () => {
      setClock('2022-11-10T10:00:00+08:00');
      const [cadre] = await ctx.db.k
        .transaction()
        .execute((trx) => insertCadres(trx, [{ name: '陈榕', rank: 'section', home_unit: '市工业和信息化局' }]));
      const now = '2022-10-01T00:00:00Z';
      const base = {
        industry: '电子信息',
        size: 'large',
        contact_name: null,
        phone_enc: null,
        phone_hash: null,
        phone_mask: null,
        created_at: now,
        updated_at: now,
      };
      await ctx.db.k.transaction().execute((trx) =>
        insertEnterprises(trx, [
          {
            ...base,
            credit_code: E1,
            name: '福州榕华电子有限公司',
            district_code: '350102',
            tiers: 'city',
            whitelisted: 1,
            liaison_cadre_id: cadre ?? null,
          },
          {
            ...base,
            credit_code: E2,
            name: '福州闽江纺织有限公司',
            district_code: '350104',
            tiers: '',
            whitelisted: 0,
            liaison_cadre_id: null,
          },
        ]),
      );
      await updateSettings(ctx, 'cli', { baselineFrom: '2022-10-01', baselineTo: '2022-10-28' });
    });
    after(() => setClock(null));

    test('a file with bad rows is refused whole, each problem with its row, column and reason', async () => {
      const r = await refused(
        importReadings(
          ctx,
          CITY,
          file(
            csv([
              '2022-10-03,A1,,350102,C39,1000',
              '2022-10-32,A1,,350102,C39,1000', // row 3: no such day
              '2022-10-04,A1,91350102XXXXXXXXXX,350102,C39,1000', // row 4: unknown credit code (and a conflicting one)
              '2022-10-05,A3,,350199,C39,1000', // row 5: unknown district
              '2022-10-05,A4,,350102,Z99,1000', // row 6: unknown industry
              '2022-10-05,A5,,350102,C39,-5', // row 7: negative
              '2022-10-05,A6,,350102,C39,lots', // row 8: not a number
              '2022-10-03,A1,,350102,C39,900', // row 9: duplicate of row 2
              '2022-12-01,A7,,350102,C39,10', // row 10: in the future
            ]),
          ),
        ),
      );
      assert.equal(r.code, 'POWER_ROWS_INVALID');
      const got = r.issues.map((i) => `${i.row}:${i.column}:${i.code}`);
      for (const want of [
        '3:date:POWER_DATE_INVALID',
        '4:credit_code:POWER_CREDIT_CODE_UNKNOWN',
        '5:district:POWER_DISTRICT_UNKNOWN',
        '6:industry:POWER_INDUSTRY_UNKNOWN',
        '7:kwh:POWER_KWH_NEGATIVE',
        '8:kwh:POWER_KWH_INVALID',
        '9:account_no:POWER_ROW_DUPLICATE',
        '10:date:POWER_DATE_FUTURE',
      ])
        assert.ok(got.includes(want), `${want} in ${got.join(' ')}`);
      const n = await ctx.db.k
        .selectFrom('power_readings')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 0);
      const missing = await refused(
        importReadings(ctx, CITY, file(Buffer.from('date,account_no,kwh\n2022-10-01,A1,5'))),
      );
      assert.equal(missing.code, 'IMPORT_INVALID');
    });

    test('readings import idempotently; a correction replaces the day and keeps the old value', async () => {
      const lines = history({
        '2022-11-01': [1000, 2000],
        '2022-11-02': [1000, 2000],
        '2022-11-03': [500, 2000], // Thu: A1 at 50 %
        '2022-11-04': [500, 2000], // Fri
        '2022-11-05': [250, 1700], // Sat: 62.5 % of a Saturday; A2 at 85 %
        '2022-11-06': [250, 2000],
        '2022-11-07': [500, 2000],
        '2022-11-08': [500, 2000],
      });
      const first = await importReadings(ctx, CITY, file(csv(lines)));
      assert.deepEqual(
        { inserted: first.inserted, updated: first.updated, unchanged: first.unchanged, accounts: first.accounts },
        { inserted: 72, updated: 0, unchanged: 0, accounts: 2 },
      );
      const again = await importReadings(ctx, CITY, file(csv(lines)));
      assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 72]);
      const fix = await importReadings(ctx, CITY, file(csv(['2022-11-02,A2,,350104,C17,2100'])));
      assert.equal(fix.updated, 1);
      const h = await ctx.db.k.selectFrom('power_reading_history').selectAll().execute();
      assert.deepEqual(
        h.map((x) => [x.account_no, x.day, Number(x.old_kwh), Number(x.new_kwh)]),
        [['A2', '2022-11-02', 2000, 2100]],
      );
      const day = await ctx.db.k
        .selectFrom('power_daily')
        .select((e) => e.fn.sum<number>('kwh').as('k'))
        .where('day', '=', '2022-11-02')
        .executeTakeFirstOrThrow();
      assert.equal(Number(day.k), 3100);
    });

    test('a reading 50× the baseline is refused unless confirmed; Chinese headers and GBK too', async () => {
      const r = await refused(importReadings(ctx, CITY, file(csv(['2022-11-09,A2,,350104,C17,200000']))));
      assert.deepEqual(
        r.issues.map((i) => [i.row, i.column, i.code]),
        [[2, 'kwh', 'POWER_KWH_ABSURD']],
      );
      const ok = await importReadings(ctx, CITY, file(csv(['2022-11-09,A2,,350104,C17,200000'])), {
        confirmAbsurd: true,
      });
      assert.equal(ok.inserted, 1);
      // 日期,户号,统一社会信用代码,区县,行业,用电量 / 2022-11-01,GBK-1,,鼓楼区,C39 计算机,1200 in GBK.
      const gbk = Buffer.from(
        'c8d5c6da2cbba7bac52ccdb3d2bbc9e7bbe1d0c5d3c3b4fac2eb2cc7f8cfd82cd0d0d2b52cd3c3b5e7c1bf0a323032322d31312d30312c47424b2d312c2cb9c4c2a5c7f82c43333920bcc6cbe3bbfa2c313230300a',
        'hex',
      );
      assert.equal((await importReadings(ctx, CITY, file(gbk))).inserted, 1);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('用电');
      ws.addRow(['日期', '户号', '统一社会信用代码', '区县', '行业分类', '用电量(千瓦时)']);
      ws.addRow([new Date('2022-11-01T00:00:00Z'), 'X-1', E2, '仓山区', 'C17', 321]);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      assert.equal((await importReadings(ctx, CITY, file(xlsx, 'readings.xlsx'))).inserted, 1);
    });

    test('flags: an account below 70 % of its weekday baseline for 3 days, a district below 90 %, liaison once', async () => {
      assert.equal((await evaluateFlags(ctx, '2022-11-04')).filter((f) => f.kind === 'account').length, 0);
      const sat = await evaluateFlags(ctx, '2022-11-05', '2022-11-05T18:00:00Z');
      const a1 = sat.find((f) => f.subject === 'A1');
      assert.ok(a1, 'A1 flagged on its third day below');
      assert.deepEqual(
        [a1.rule, a1.days, a1.kwh, a1.baseline, a1.threshold],
        ['account-below-share-days', 3, 250, 400, 0.7],
      );
      const cangshan = sat.find((f) => f.kind === 'district' && f.subject === '350104');
      assert.ok(cangshan);
      assert.equal(cangshan.share, 0.85);
      assert.ok(sat.find((f) => f.kind === 'industry' && f.subject === '17'));
      // A Saturday is compared with Saturdays: 鼓楼's baseline that day is 400, not the week's mean.
      assert.equal(sat.find((f) => f.kind === 'district' && f.subject === '350102')?.baseline, 400);
      const sun = await evaluateFlags(ctx, '2022-11-06', '2022-11-06T18:00:00Z');
      const mon = await evaluateFlags(ctx, '2022-11-07', '2022-11-07T18:00:00Z');
      const tasks = await ctx.db.k.selectFrom('liaison_tasks').selectAll().execute();
      assert.equal(tasks.length, 1, 'one liaison task while it is open');
      assert.match(tasks[0]?.title ?? '', /工业用电连续3天低于基线的70%/);
      const id = Number(tasks[0]?.id);
      for (const f of [a1, sun.find((x) => x.subject === 'A1'), mon.find((x) => x.subject === 'A1')])
        assert.equal(f?.task_id, id);
      await ctx.db.k.transaction().execute((trx) => closeTaskRow(trx, id, '2022-11-08T01:00:00Z', '已电话联系'));
      await evaluateFlags(ctx, '2022-11-08', '2022-11-08T18:00:00Z');
      assert.equal(
        (await ctx.db.k.selectFrom('liaison_tasks').selectAll().execute()).length,
        2,
        'a new drop after closing opens a new task',
      );
      // Evaluating the same day again opens nothing more.
      await evaluateFlags(ctx, '2022-11-08', '2022-11-08T19:00:00Z');
      assert.equal((await ctx.db.k.selectFrom('liaison_tasks').selectAll().execute()).length, 2);
      // The module's daily job on the 9th computes the 8th's flags, and twice opens no second task.
      for (const _ of [1, 2]) {
        const run = await economyFlagsJob.run(ctx, '2022-11-09');
        assert.equal(run.day, '2022-11-08');
        assert.ok(Number(run.accounts) >= 1 && run.tasks === 1, JSON.stringify(run));
      }
      assert.equal((await ctx.db.k.selectFrom('liaison_tasks').selectAll().execute()).length, 2);
    });

    test('thresholds live in the settings: a lower share unflags the firm', async () => {
      await updateSettings(ctx, CITY, { accountShare: 0.5 });
      const f = await evaluateFlags(ctx, '2022-11-05');
      assert.ok(!f.find((x) => x.subject === 'A1'));
      await updateSettings(ctx, CITY, { accountShare: 0.7 });
      await evaluateFlags(ctx, '2022-11-05');
      const o = await powerOverview(ctx, CITY, { date: '2022-11-05' });
      assert.equal(o.series.find((s) => s.day === '2022-11-05')?.kwh, 1950);
      assert.equal(o.series.find((s) => s.day === '2022-11-05')?.baseline, 2400);
      const flag = o.flags.find((x) => x.subject === 'A1');
      assert.match(flag?.message['zh-CN'] ?? '', /连续3天低于基线的70%：当日 250 千瓦时，基线 400 千瓦时（63%）/);
      assert.equal(o.curves[0]?.account, 'A1');
    });
  });
}
