import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { recordResults } from '../testing/results.service.ts';
import { recordSamples } from '../testing/samples.service.ts';
import { addMarks } from '../tracing/tracing.service.ts';
import '../tracing/marks.state.ts';
import { explainColour } from '../health-code/explain.service.ts';
import { diffPublished } from './replay.service.ts';

const COMMANDER: Actor = { userId: 1, username: 'commander', role: 'commander', scope: { kind: 'city', code: '3501' } };
const id = (n: number) => residentId(n);

for (const dialect of dialects()) {
  describe(`a colour difference at a past date reads the records of that date on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    let person: (n: number) => number;

    before(async () => {
      person = await testingRound(ctx, { persons: 2, endOn: '2022-11-20', poolSize: 1, id });
      // Both secondary contacts since the evening of 9 November (red for 7 days, then green with a negative).
      await addMarks(ctx, COMMANDER, [
        { idNumber: id(0), kind: 'secondary-contact', since: '2022-11-09 20:00' },
        { idNumber: id(1), kind: 'secondary-contact', since: '2022-11-09 20:00' },
      ]);
      // Person 0's negative is sampled at 09:00 on the 17th and known at 15:00; person 1 has a negative of the 16th.
      await recordSamples(
        ctx,
        'system',
        [
          sampleRow(2, 'T17', id(0), 1, '2022-11-17T09:00:00+08:00'),
          sampleRow(3, 'T16', id(1), 1, '2022-11-16T09:00:00+08:00'),
        ],
        'samples',
      );
      const negative = (row: number, tubeCode: string, resultedAt: string) => ({
        row,
        tubeCode,
        result: 'negative',
        resultedAt,
        labCode: 'LAB1',
        ctValue: '',
      });
      await recordResults(
        ctx,
        'system',
        [negative(2, 'T17', '2022-11-17T15:00:00+08:00'), negative(3, 'T16', '2022-11-16T15:00:00+08:00')],
        'results',
      );
    });

    test('at noon on the 17th the negative not yet resulted does not count; on the 18th it does', async () => {
      const on17 = await diffPublished(ctx, COMMANDER, 'cn-20-measures', '2022-11-17', 'cn-9th-edition');
      assert.deepEqual(
        on17.colours.persons.map((p) => [p.personId, p.from, p.to, p.fromRule]),
        [[person(0), 'red', 'green', 'colours.secondary-contact']],
        'person 1 was green under both by then (7 days and a negative); person 0 still red under the 9th edition',
      );
      // The difference agrees with explain --at for the same moment, under each version.
      const at = Date.parse(on17.at);
      for (const [policyId, colour] of [
        ['cn-9th-edition', 'red'],
        ['cn-20-measures', 'green'],
      ] as const)
        assert.equal((await explainColour(ctx, COMMANDER, person(0), { at, policyId })).colour, colour);
      // Each count opens the screen replaying that date under the version.
      assert.equal(on17.zones.href, '#/zones/evaluation?date=2022-11-17&policy=cn-20-measures');
      assert.equal(on17.venues.href, '#/venues?date=2022-11-17&policy=cn-20-measures');
      assert.match(
        on17.colours.byDistrict[0]?.href ?? '',
        /^#\/policy\/diff\?date=2022-11-17&policy=cn-20-measures&district=350102&rule=/,
      );
      const on18 = await diffPublished(ctx, COMMANDER, 'cn-20-measures', '2022-11-18', 'cn-9th-edition');
      assert.equal(on18.colours.changed, 0);
      // A day before the mark began, nobody's colour differs: a later mark is not read back.
      const on9 = await diffPublished(ctx, COMMANDER, 'cn-20-measures', '2022-11-09', 'cn-9th-edition');
      assert.equal(on9.colours.changed, 0);
    });
  });
}
