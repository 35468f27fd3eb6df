import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { segmentsOf, textOf } from '../platform/text.ts';
import {
  DEFAULT_SETTINGS,
  flaggedShareOf,
  powerSentenceParts,
  runBelow,
  weekdayBaseline,
  weekdayOf,
  windowOf,
  wordingOf,
} from './economy.rules.ts';
import { parseIndustry } from './industries.rules.ts';

describe('electricity rules', () => {
  test('the baseline is taken by weekday: weekends compare with weekends', () => {
    // 2022-10-01 is a Saturday.
    const values = Array.from({ length: 28 }, (_, i) => {
      const day = `2022-10-${String(i + 1).padStart(2, '0')}`;
      const wd = weekdayOf(day);
      return { wd, kwh: wd === 0 || wd === 6 ? 400 : 1000 };
    });
    const b = weekdayBaseline(values) as number[];
    assert.deepEqual(b, [400, 1000, 1000, 1000, 1000, 1000, 400]);
    // A Saturday at 350 is 87.5 % of a Saturday, not 42 % of an average day.
    const r = runBelow('2022-11-05', new Map([['2022-11-05', 350]]), b, 0.7, 3);
    assert.equal(r.days, 0);
    assert.equal(r.baseline, 400);
    // A weekday the window lacks takes the mean of all its days.
    assert.deepEqual(
      weekdayBaseline([
        { wd: 1, kwh: 10 },
        { wd: 2, kwh: 20 },
      ])?.[0],
      15,
    );
  });

  test('N days running: a day without a reading or above the share ends the run', () => {
    const b = [100, 100, 100, 100, 100, 100, 100];
    const m = new Map([
      ['2022-11-01', 50],
      ['2022-11-02', 60],
      ['2022-11-03', 69],
      ['2022-11-04', 65],
    ]);
    assert.equal(runBelow('2022-11-04', m, b, 0.7, 3).days, 3);
    assert.equal(runBelow('2022-11-04', m, b, 0.7, 10).days, 4);
    m.set('2022-11-03', 70);
    assert.equal(runBelow('2022-11-04', m, b, 0.7, 3).days, 1);
    m.delete('2022-11-03');
    assert.equal(runBelow('2022-11-04', m, b, 0.7, 3).days, 1);
  });

  test('the default window is the 28 days before the first local case; a set window wins', () => {
    assert.deepEqual(windowOf(DEFAULT_SETTINGS, '2022-10-24'), { from: '2022-09-26', to: '2022-10-23' });
    assert.equal(windowOf(DEFAULT_SETTINGS, null), null);
    assert.deepEqual(windowOf({ ...DEFAULT_SETTINGS, baselineFrom: '2022-09-01', baselineTo: '2022-09-30' }, null), {
      from: '2022-09-01',
      to: '2022-09-30',
    });
  });

  test('the wording is chosen by rule: 持平 within ±3 %, 略有/明显下降 by the share flagged', () => {
    const s = DEFAULT_SETTINGS;
    assert.deepEqual(wordingOf(0.975, 0.1, 2, 3, s), { trend: 'flat', drop: 'slight', who: 'areas-and-firms' });
    assert.equal(wordingOf(1.03, 0, 0, 0, s).trend, 'flat');
    assert.equal(wordingOf(1.031, 0, 0, 0, s).trend, 'up');
    assert.equal(wordingOf(0.969, 0, 0, 0, s).trend, 'down');
    assert.deepEqual(wordingOf(1, 0.2, 1, 0, s), { trend: 'flat', drop: 'marked', who: 'areas' });
    assert.deepEqual(wordingOf(1, 0.01, 0, 2, s), { trend: 'flat', drop: 'slight', who: 'firms' });
    assert.deepEqual(wordingOf(1, 0, 0, 0, s), { trend: 'flat', drop: 'none', who: 'none' });
    const p = powerSentenceParts(74_012_345, wordingOf(0.99, 0.17, 2, 8, s), '/#/economy?date=2022-11-06');
    assert.equal(
      textOf(segmentsOf(p['zh-CN'])),
      '疫情发生以来，全市日均工业用电量7400万千瓦时左右，与疫情前基本持平，部分区域和企业略有下降。',
    );
    assert.equal(
      textOf(segmentsOf(p['zh-TW'])),
      '疫情發生以來，全市日均工業用電量7400萬千瓦時左右，與疫情前基本持平，部分區域和企業略有下降。',
    );
    assert.match(
      textOf(segmentsOf(p.en)),
      /averaged about 74 million kWh a day, flat against before the outbreak; some areas and firms are slightly down\./,
    );
    assert.deepEqual(segmentsOf(p['zh-CN'])[1], {
      text: '7400',
      metric: 'industrialKwhDailyAvg',
      value: 7400,
      href: '/#/economy?date=2022-11-06',
    });
  });

  test('the flagged share counts a flagged district once, with the firms outside it', () => {
    const r = flaggedShareOf(1000, [
      { kind: 'district', subject: '350105', baseline: 100, district: null },
      { kind: 'account', subject: 'A', baseline: 10, district: '350105' },
      { kind: 'account', subject: 'B', baseline: 20, district: '350102' },
      { kind: 'industry', subject: '39', baseline: 500, district: null },
    ]);
    assert.deepEqual(r, { share: 0.12, areas: 1, firms: 2 });
  });

  test('industries are GB/T 4754 section and division', () => {
    assert.deepEqual(parseIndustry('C39'), { section: 'C', division: '39' });
    assert.deepEqual(parseIndustry('39'), { section: 'C', division: '39' });
    assert.deepEqual(parseIndustry('C39 计算机、通信和其他电子设备制造业'), { section: 'C', division: '39' });
    assert.deepEqual(parseIndustry('纺织业'), { section: 'C', division: '17' });
    assert.deepEqual(parseIndustry('D44'), { section: 'D', division: '44' });
    assert.equal(parseIndustry('B39'), null);
    assert.equal(parseIndustry('99'), null);
    assert.equal(parseIndustry('电子信息'), null);
  });
});
