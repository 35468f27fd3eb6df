import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { assertStateMatchesDatabase } from '../../test/helpers/invariants.ts';
import { residentId, sampleRow, testingRound } from '../../test/helpers/testing.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { keyedChunks, THREAD_AT } from './sample-keys.service.ts';
import { recordSamples } from './samples.service.ts';
import { testStatusOf } from './testing.service.ts';

const LAB: Actor = { userId: 1, username: 'lab', role: 'lab', scope: { kind: 'city', code: '3501' } };
const id = (n: number) => residentId(n);
type Refusal = Error & { code?: string; details?: Array<{ row: number; code: string }> };
const codesOf = (e: Refusal) => e.details?.map((d) => `${d.row}:${d.code}`);

for (const dialect of dialects()) {
  describe(`sample import rules on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    afterEach(() => assertStateMatchesDatabase(ctx));
    const sample = (row: number, tube: string, n: number, time: string, poolSize = 5) =>
      sampleRow(row, tube, id(n), poolSize, time);
    const repeatsOf = async (tube: string) =>
      (
        await ctx.db.k
          .selectFrom('samples')
          .select(['person_id', 'repeat_in_round'])
          .where('tube_code', '=', tube)
          .orderBy('person_id')
          .execute()
      ).map((r) => Number(r.repeat_in_round));

    before(async () => {
      await testingRound(ctx, { persons: 8, endOn: '2022-11-09', poolSize: 5, id });
    });

    test('one file: a repeated row is skipped, a second tube of the same person in the round is flagged', async () => {
      const r = await recordSamples(
        ctx,
        LAB,
        [
          sample(2, 'A', 0, '2022-11-08T09:00:00+08:00'),
          sample(3, 'A', 0, '2022-11-08T09:00:00+08:00'),
          sample(4, 'B', 0, '2022-11-08T10:00:00+08:00'),
          sample(5, 'B', 1, '2022-11-08T10:00:00+08:00'),
        ],
        'f1',
      );
      assert.deepEqual([r.recorded, r.unchanged, r.tubes, r.repeatsInRound], [3, 1, 2, 1]);
      assert.deepEqual(await repeatsOf('A'), [0]);
      assert.deepEqual(await repeatsOf('B'), [1, 0]);
      const first = await ctx.db.k
        .selectFrom('samples')
        .select('person_id')
        .where('tube_code', '=', 'A')
        .executeTakeFirstOrThrow();
      const s = await testStatusOf(ctx, Number(first.person_id));
      assert.equal(s.lastSampledAt, '2022-11-08T02:00:00.000Z', 'the index holds the latest sampling of the file');
    });

    test('a stored tube keeps its size and count: more than fit, or another size, refuse the whole file', async () => {
      const fill = [1, 2, 3, 4].map((n, i) => sample(i + 2, 'A', n, '2022-11-09T09:00:00+08:00'));
      const over = await recordSamples(ctx, LAB, [...fill, sample(6, 'A', 5, '2022-11-09T09:00:00+08:00')], 'f2').catch(
        (e: Refusal) => e,
      );
      assert.deepEqual(codesOf(over as Refusal), ['6:TUBE_OVER_CAPACITY']);
      const size = await recordSamples(ctx, LAB, [sample(2, 'A', 6, '2022-11-09T09:00:00+08:00', 10)], 'f3').catch(
        (e: Refusal) => e,
      );
      assert.deepEqual(codesOf(size as Refusal), ['2:TUBE_POOL_MISMATCH']);
      assert.deepEqual(await repeatsOf('A'), [0], 'nothing of the refused files was written');
      const ok = await recordSamples(ctx, LAB, fill, 'f4');
      assert.deepEqual([ok.recorded, ok.repeatsInRound], [4, 0]);
      const again = await recordSamples(ctx, LAB, [sample(2, 'C', 1, '2022-11-09T11:00:00+08:00')], 'f5');
      assert.equal(again.repeatsInRound, 1, 'sampled earlier the same day: flagged from the status index');
    });

    test('a large import keys IDs on the second thread and names each bad row as the import thread would', async () => {
      const bad = new Map([
        [7, '35010219900101001X'],
        [30_001, '350102199013010011'],
        [THREAD_AT + 9, 'not an id'],
      ]);
      const rows = Array.from({ length: THREAD_AT + 10 }, (_, k) => ({
        ...sample(k + 2, `L${Math.floor(k / 5)}`, 0, '2022-11-08T09:00:00+08:00'),
        idNumber: bad.get(k + 2) ?? id(k % 8),
      }));
      // A sixth person for the 5-tube L0, far down the file.
      rows[THREAD_AT + 6] = { ...sample(THREAD_AT + 8, 'L0', 5, '2022-11-08T09:00:00+08:00') };
      const ids = rows.map((r) => r.idNumber);
      const today = Date.parse('2024-01-01T00:00:00Z');
      const collect = async (threaded: boolean) => {
        const out = [];
        for await (const c of keyedChunks(ctx, ids, today, { threaded })) out.push(c);
        return out;
      };
      assert.deepEqual(await collect(true), await collect(false), 'the thread keys exactly as this thread does');
      const e = (await recordSamples(ctx, LAB, rows, 'big').catch((x: Refusal) => x)) as Refusal;
      const idIssues = (e.details ?? []).filter((d) => d.code.startsWith('PERSON_ID')).map((d) => `${d.row}:${d.code}`);
      assert.deepEqual(idIssues, [
        '7:PERSON_ID_CHECKSUM',
        '30001:PERSON_ID_BIRTH_DATE',
        `${THREAD_AT + 9}:PERSON_ID_FORMAT`,
      ]);
      assert.deepEqual(
        (e.details ?? []).filter((d) => !d.code.startsWith('PERSON_ID')).map((d) => `${d.row}:${d.code}`),
        [`${THREAD_AT + 8}:TUBE_OVER_CAPACITY`],
        'the other checks ran too',
      );
      assert.deepEqual(await repeatsOf('L0'), [], 'nothing of the refused file was written');
    });
  });
}
