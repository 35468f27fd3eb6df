import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { createUser } from '../platform/auth/auth.service.ts';
import { recordResults } from '../testing/results.service.ts';
import { recordSamples } from '../testing/samples.service.ts';
import { addMarks } from '../tracing/tracing.service.ts';
import { residentPass } from '../venues/pass.service.ts';
import { linkResident } from '../venues/venues.repo.ts';
import '../tracing/marks.state.ts';
import { explainColour } from './explain.service.ts';

const COMMANDER: Actor = { userId: 1, username: 'commander', role: 'commander', scope: { kind: 'city', code: '3501' } };
const at = (s: string) => Date.parse(`${s}+08:00`);
const id = (n: number) => residentId(n);

for (const dialect of dialects()) {
  describe(`colour explained and replayed on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    let person: (n: number) => number;

    before(async () => {
      person = await testingRound(ctx, { persons: 3, endOn: '2022-11-12', poolSize: 1, id });
      // Person 0: a negative sampled on 8 November and another on 12 November.
      await recordSamples(
        ctx,
        'system',
        [
          sampleRow(2, 'N8', id(0), 1, '2022-11-08T09:00:00+08:00'),
          sampleRow(3, 'N12', id(0), 1, '2022-11-12T09:00:00+08:00'),
        ],
        'samples',
      );
      const result = (row: number, tube: string, resultedAt: string) => ({
        row,
        tubeCode: tube,
        result: 'negative',
        resultedAt,
        labCode: 'LAB1',
        ctValue: '',
      });
      await recordResults(
        ctx,
        'system',
        [result(2, 'N8', '2022-11-08T15:00:00+08:00'), result(3, 'N12', '2022-11-12T15:00:00+08:00')],
        'results',
      );
      // A secondary contact since the evening of 9 November.
      await addMarks(ctx, COMMANDER, [{ idNumber: id(0), kind: 'secondary-contact', since: '2022-11-09 20:00' }]);
    });

    test('a past moment reads the records as they stood then, under the version in force then', async () => {
      const r = await explainColour(ctx, COMMANDER, person(0), { at: at('2022-11-10T10:00') });
      assert.deepEqual(
        [r.policy.id, r.inForce, r.replay, r.colour, r.decidedBy],
        ['cn-9th-edition', 'cn-9th-edition', true, 'red', { id: 'cn-9th-edition', rule: 'colours.secondary-contact' }],
      );
      assert.equal(r.facts.lastNegativeSampledAt, '2022-11-08T01:00:00.000Z', 'the 8th, not the later 12th');
      assert.equal(r.facts.negatives, 1);
      const before = await explainColour(ctx, COMMANDER, person(0), { at: at('2022-11-08T12:00') });
      assert.deepEqual(
        [before.facts.lastNegativeSampledAt, before.colour],
        [null, 'green'],
        'not resulted yet at noon',
      );
    });

    test('the same resident and moment under the 20 measures: secondary contacts are not identified', async () => {
      const r = await explainColour(ctx, COMMANDER, person(0), {
        at: at('2022-11-10T10:00'),
        policyId: 'cn-20-measures',
      });
      assert.deepEqual(
        [r.policy.id, r.inForce, r.colour, r.decidedBy],
        ['cn-20-measures', 'cn-9th-edition', 'green', { id: 'cn-20-measures', rule: 'colours.default' }],
      );
      const stored = await ctx.db.k.selectFrom('risk_marks').select('status').execute();
      assert.deepEqual(stored, [{ status: 'active' }], 'a replay stores nothing');
    });

    test('the pass shows no arrival before it happens: nothing after the business clock', async () => {
      // Seen: with the business clock set to the evening before, the pass popped up the 11-11 arrival.
      await addMarks(ctx, COMMANDER, [
        { idNumber: id(1), kind: 'arrival', since: '2022-11-11 08:00', origin: '上海市' },
      ]);
      const user = await createUser(ctx, 'system', {
        username: 'arriving',
        displayName: 'a',
        password: 'long-enough-pw',
        role: 'resident',
        scope: { kind: 'city', code: '3501' },
      });
      await ctx.db.k.transaction().execute((trx) => linkResident(trx, user.id, person(1)));
      const actor: Actor = { userId: user.id, username: 'arriving', role: 'resident', scope: user.scope };
      const eve = await residentPass(ctx, actor, at('2022-11-10T20:00'));
      assert.deepEqual([eve.notice, eve.colourRule], [null, 'fujian-2022-11:default']);
      const morning = await residentPass(ctx, actor, at('2022-11-11T09:00'));
      assert.match(morning.notice?.['zh-CN'] ?? '', /2022-11-11从上海市抵榕/);
      assert.equal(morning.colourRule, 'fujian-2022-11:arrival');
      const replayed = await explainColour(ctx, COMMANDER, person(1), { at: at('2022-11-10T20:00') });
      assert.equal(replayed.notice, null, 'as the replay of that evening reads it');
    });
  });
}
