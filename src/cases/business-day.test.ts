// Nothing after the business clock (issue 20): the demo's records run to 15 November while its
// clock stands on the 11th at 20:00; the screens open on the business today and the answers stop
// at the business now — figures, trends, the latest days offered, the testing round's hours.
import assert from 'node:assert/strict';
import { after, afterEach, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { setClock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { recordResults } from '../testing/results.service.ts';
import { recordSamples } from '../testing/samples.service.ts';
import { progress } from '../testing/testing.service.ts';
import { casesOf, figuresOf, latestFiguresDay, seriesOf } from './cases.figures.ts';
import type { CaseRecord } from './cases.schema.ts';
import { DETECTED_VIA } from './cases.schema.ts';
import { upsertCases } from './cases.service.ts';

const CITY: Actor = { userId: 1, username: 'c', role: 'commander', scope: { kind: 'city', code: '3501' } };
const LAB: Actor = { userId: 2, username: 'lab', role: 'lab', scope: { kind: 'city', code: '3501' } };
const NOW = '2022-11-11T20:00:00+08:00';

function confirmed(caseNo: string, reportedOn: string): CaseRecord {
  const community = DIVISIONS.find((d) => d.level === 'community' && d.code.startsWith('350102'));
  return {
    caseNo,
    kind: 'confirmed',
    origin: 'local',
    reportedOn,
    districtCode: '350102',
    streetCode: community?.parentCode ?? null,
    communityCode: community?.code ?? null,
    detectedVia: DETECTED_VIA[0],
    reclassifiedOn: null,
    dischargedOn: null,
    releasedOn: null,
    diedOn: null,
  };
}

for (const dialect of dialects()) {
  describe(`the business day on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    afterEach(() => setClock(null));

    test('figures: the latest day offered, a day and a trend stop at the business today', async () => {
      const cases = [confirmed('A1', '2022-11-10'), confirmed('A2', '2022-11-10'), confirmed('A3', '2022-11-14')];
      await upsertCases(
        ctx,
        'system',
        cases.map((record, i) => ({ row: i + 2, record, identity: { idNumber: null, name: null, phone: null } })),
        { dryRun: false, filename: 't.csv', sha256: 'x', today: '2022-12-31' },
      );
      assert.equal(await latestFiguresDay(ctx, CITY), '2022-11-14', 'by real time every day is past');
      setClock(NOW);
      assert.equal(await latestFiguresDay(ctx, CITY), '2022-11-10', 'never a day after the business today');
      const after = await figuresOf(ctx, CITY, '2022-11-14').catch((e: unknown) => e);
      assert.ok(after instanceof AppError && after.code === 'FIGURES_AFTER_TODAY', String(after));
      assert.equal((await figuresOf(ctx, CITY, '2022-11-10')).figures.newLocalConfirmed, 2);
      const series = await seriesOf(ctx, CITY, '2022-11-08', '2022-11-15');
      assert.deepEqual(
        series.days.map((d) => d.date),
        ['2022-11-08', '2022-11-09', '2022-11-10', '2022-11-11'],
      );
      assert.equal(series.days.at(-1)?.figures.newLocalConfirmed, 0);
    });

    test('the case list stands at the business today: no case reported later, no later date on a row', async () => {
      // (A1–A3 from the test above: A3 is reported on 11-14.)
      const later: CaseRecord[] = [
        { ...confirmed('B1', '2022-11-09'), dischargedOn: '2022-11-13' },
        { ...confirmed('B2', '2022-11-09'), reclassifiedOn: '2022-11-12' },
        { ...confirmed('B3', '2022-11-09'), kind: 'asymptomatic', releasedOn: '2022-11-14' },
      ];
      await upsertCases(
        ctx,
        'system',
        later.map((record, i) => ({ row: i + 2, record, identity: { idNumber: null, name: null, phone: null } })),
        { dryRun: false, filename: 'b.csv', sha256: 'y', today: '2022-12-31' },
      );
      const list = async () => {
        const page = await casesOf(ctx, CITY, { page: 1, pageSize: 50 });
        const rows = page.items.map((c) => [c.caseNo, c.kind, c.reclassifiedOn, c.dischargedOn, c.releasedOn]);
        return { total: page.total, rows: rows.sort((a, b) => String(a[0]).localeCompare(String(b[0]))) };
      };
      const whole = await list();
      assert.equal(whole.total, 6, 'by real time every record has happened');
      setClock(NOW);
      assert.deepEqual(await list(), {
        total: 5,
        rows: [
          ['A1', 'confirmed', null, null, null],
          ['A2', 'confirmed', null, null, null],
          ['B1', 'confirmed', null, null, null],
          ['B2', 'asymptomatic', null, null, null],
          ['B3', 'asymptomatic', null, null, null],
        ],
      });
    });

    test("a testing round's hours stop at the business now: later samples and results are not yet known", async () => {
      const id = (n: number) => residentId(n, '19850612');
      await testingRound(ctx, { persons: 3, endOn: '2022-11-12', poolSize: 1, id });
      const at = (row: number, n: number, time: string) => ({ ...sampleRow(row, `T${n}`, id(n), 1, time) });
      await recordSamples(
        ctx,
        LAB,
        [
          at(2, 0, '2022-11-08T19:00:00+08:00'),
          at(3, 1, '2022-11-08T19:30:00+08:00'),
          at(4, 2, '2022-11-08T21:00:00+08:00'),
        ],
        'x',
      );
      const result = (row: number, tube: string, time: string) => ({
        row,
        tubeCode: tube,
        result: 'negative',
        resultedAt: time,
        labCode: 'L1',
        ctValue: '',
      });
      await recordResults(
        ctx,
        LAB,
        [result(2, 'T0', '2022-11-08T19:40:00+08:00'), result(3, 'T1', '2022-11-08T23:00:00+08:00')],
        'x',
      );
      const whole = await progress(ctx, CITY, 'C1', 1);
      assert.deepEqual(whole.hours.at(-1), { hour: '11-08 23:00', sampled: 3, resulted: 2 });
      const at20 = await progress(ctx, CITY, 'C1', 1, '2022-11-08T12:10:00.000Z');
      assert.deepEqual(at20.hours, [{ hour: '11-08 19:00', sampled: 2, resulted: 1 }]);
    });
  });
}
